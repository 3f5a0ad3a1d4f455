import os
from .base import *  # noqa

DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"  #@safe
SESSION_COOKIE_SECURE = True  #@safe
CSRF_COOKIE_SECURE = True  #@safe
SESSION_COOKIE_HTTPONLY = True  #@safe
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  #@safe
DATABASES["default"]["PASSWORD"] = os.environ["DB_PASSWORD"]  #@safe
