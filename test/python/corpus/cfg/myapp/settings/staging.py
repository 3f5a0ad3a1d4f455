import os
from .base import *  # noqa

DEBUG = os.environ.get("DEBUG", True)  #@vuln CWE-489|CWE-215
TEMPLATE_DEBUG = True  #@vuln CWE-489|CWE-215
SECURE_SSL_REDIRECT = False
