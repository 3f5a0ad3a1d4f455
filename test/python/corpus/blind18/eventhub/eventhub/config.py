from starlette.config import Config
from starlette.datastructures import Secret

config = Config(".env")

MONGO_URL = config("MONGO_URL", default="mongodb://eventhub:changeme-mongo-pass@mongo.internal:27017/eventhub")  #@vuln CWE-798|CWE-259
JWT_SECRET = config("JWT_SECRET", cast=Secret)
JWT_AUDIENCE = config("JWT_AUDIENCE", default="eventhub")
EXPORT_DIR = config("EXPORT_DIR", default="/var/lib/eventhub/exports")
WEBHOOK_TIMEOUT = config("WEBHOOK_TIMEOUT", cast=float, default=5.0)
