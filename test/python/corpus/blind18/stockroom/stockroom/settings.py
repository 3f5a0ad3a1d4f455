import os


class BaseConfig:
    SECRET_KEY = os.environ.get("STOCKROOM_SECRET_KEY", "")
    DATABASE_DSN = os.environ.get("STOCKROOM_DSN", "dbname=stockroom user=stockroom host=localhost")
    DB_POOL_SIZE = int(os.environ.get("STOCKROOM_DB_POOL", "10"))
    SESSION_COOKIE_SAMESITE = "Lax"
    FRONTEND_URL = "https://stockroom.corp.example"
    LABEL_SPOOL_DIR = "/var/spool/stockroom/labels"
    LDAP_URL = "ldaps://ldap.corp.example"
    LDAP_BASE_DN = "ou=people,dc=corp,dc=example"
    LDAP_BIND_DN = "cn=svc-stockroom,ou=services,dc=corp,dc=example"
    LDAP_BIND_PASSWORD = os.environ.get("STOCKROOM_LDAP_PASSWORD", "")  #@safe
    HR_FEED_URL = "https://hr-export.corp.example/feeds/active-staff.csv"
    HR_FEED_TOKEN = os.environ.get("STOCKROOM_HR_TOKEN", "")
    BACKUP_MANIFEST_URL = "https://backup-coordinator.corp.example/manifest.json"


class ProductionConfig(BaseConfig):
    SECRET_KEY = "stockroom-prod-changeme-secret"  #@vuln CWE-798|CWE-259
    DATABASE_DSN = "dbname=stockroom user=stockroom password=changeme-prod-pass host=db.internal"  #@vuln CWE-798|CWE-259
    SESSION_COOKIE_SECURE = True


config_by_name = {"production": ProductionConfig, "development": BaseConfig}
