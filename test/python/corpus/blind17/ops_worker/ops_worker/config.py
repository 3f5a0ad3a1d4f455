import os

BROKER_URL = "redis://:changeme-redis-pass@redis.internal:6379/2"  #@vuln CWE-798|CWE-259
RESULT_BACKEND = os.environ.get("OPS_RESULT_BACKEND", "redis://redis.internal:6379/3")
MONGO_URI = os.environ.get("OPS_MONGO_URI", "mongodb://mongo.internal:27017")
BACKUP_DIR = os.environ.get("OPS_BACKUP_DIR", "/var/backups/helpdesk")
DOWNLOAD_BASE_URL = "https://ops.helpdesk.example.com/downloads"
PROBE_TIMEOUT = 5
