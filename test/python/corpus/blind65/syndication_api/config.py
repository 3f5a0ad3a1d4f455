import os


class BaseConfig:
    DEBUG = False
    TESTING = False
    SECRET_KEY = os.environ.get("SYNDICATION_SECRET_KEY")  #@safe
    DATABASE_URL = os.environ.get("SYNDICATION_DATABASE_URL", "postgresql://syndication@localhost/syndication")
    JSON_SORT_KEYS = False
    EXPORT_DIR = "/srv/syndication/exports"
    FEED_CACHE_DIR = "/var/cache/syndication/feeds"
    JWT_AUDIENCE = "syndication"
    PARTNER_LDAP_URL = "ldaps://ldap.newsroom.example"
    LDAP_BIND_DN = "cn=syndication,ou=services,dc=newsroom,dc=example"
    LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD")
    SECRETS_ENCRYPTION_KEY = bytes.fromhex(os.environ.get("SECRETS_ENCRYPTION_KEY", "00" * 32))
    API_KEY_PEPPER = os.environ.get("API_KEY_PEPPER", "")
    MAX_PAGE_SIZE = 100


class ProductionConfig(BaseConfig):
    DEBUG = True  #@vuln CWE-489|CWE-215
    PREFERRED_URL_SCHEME = "https"
    JWT_SECRET = "synd1cation-partner-jwt-2021!"  #@vuln CWE-798


class TestingConfig(BaseConfig):
    TESTING = True
    SECRET_KEY = "test"
    JWT_SECRET = "test"
    DATABASE_URL = "sqlite://"
