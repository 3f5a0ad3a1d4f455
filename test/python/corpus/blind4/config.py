"""Configuration for the uploads service."""
import os

DEBUG = True  #@vuln CWE-489|CWE-215
UPLOAD_FOLDER = "/srv/uploads"
DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///uploads.db")  #@safe
