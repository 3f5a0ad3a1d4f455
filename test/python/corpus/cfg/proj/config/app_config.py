import os


class Base:
    SECRET_KEY = os.environ.get("SECRET_KEY")  #@safe
    SESSION_COOKIE_HTTPONLY = True  #@safe


class Production(Base):
    DEBUG = True  #@vuln CWE-489|CWE-215
    SESSION_COOKIE_SECURE = False  #@vuln CWE-614
    REMEMBER_COOKIE_HTTPONLY = False  #@vuln CWE-1004


class Testing(Base):
    TESTING = True
    WTF_CSRF_ENABLED = False
