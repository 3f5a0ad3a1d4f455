import os

MONGO_URI = os.environ.get("FORUM_MONGO_URI", "mongodb://forum_app:F0rum!2023@mongo.internal:27017/forum?authSource=admin")  #@vuln CWE-798
MONGO_DB = os.environ.get("FORUM_MONGO_DB", "forum")
AUDIT_DSN = os.environ.get("FORUM_AUDIT_DSN", "postgresql://audit@db.internal/audit")

MESSAGE_KEY = bytes.fromhex(os.environ["FORUM_MESSAGE_KEY"])  # 32 bytes, from the vault agent
ATTACHMENT_DIR = os.environ.get("FORUM_ATTACHMENTS", "/srv/forum/attachments")
MODERATION_API = os.environ.get("FORUM_MODERATION_API", "https://moderation.internal:8443/v1/score")
MODERATION_THRESHOLD = 0.8

SESSION_COOKIE = "forum_sid"
SESSION_TTL = 7 * 24 * 3600
HOST = os.environ.get("FORUM_HOST", "0.0.0.0")
PORT = int(os.environ.get("FORUM_PORT", "8080"))
