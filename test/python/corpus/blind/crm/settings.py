"""Django settings for the CRM."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ["CRM_SECRET_KEY"]  #@safe
DEBUG = True  #@vuln CWE-489|CWE-215
ALLOWED_HOSTS = ["crm.example.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "NAME": "crm",
        "USER": "crm",
        "PASSWORD": os.environ.get("CRM_DB_PASSWORD"),  #@safe
        "HOST": "mysql.internal",
    }
}

EMAIL_HOST = "smtp.example.com"
EMAIL_HOST_USER = "crm-mailer"
EMAIL_HOST_PASSWORD = "Mailer#2023pass"  #@vuln CWE-798|CWE-259
