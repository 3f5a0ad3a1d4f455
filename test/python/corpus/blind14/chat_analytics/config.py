import os


class Config:
    MONGO_URI = os.environ.get("CHAT_MONGO_URI", "mongodb://mongo:27017")
    MONGO_DB = "chat"
    ANALYTICS_DB_URL = os.environ.get("ANALYTICS_DB_URL", "postgresql+psycopg://analytics@warehouse/analytics")
    SECRET_KEY = "changeme-socket-secret"  #@vuln CWE-798|CWE-259
    SESSION_COOKIE_SECURE = True
    PREVIEW_MAX_BYTES = 256 * 1024
    JWT_PUBLIC_KEY_PATH = os.environ.get("JWT_PUBLIC_KEY_PATH", "/etc/chat/jwt.pub")
