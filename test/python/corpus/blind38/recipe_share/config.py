# config for recipe share
# TODO move the secrets into env vars before I put this on the VPS for real!!
import os

BASE_DIR = os.path.dirname(os.path.abspath(__file__))

DATABASE = os.path.join(BASE_DIR, "recipes.db")
UPLOAD_FOLDER = os.path.join(BASE_DIR, "static", "uploads")
EXPORT_DIR = os.path.join(BASE_DIR, "exports")
BACKUP_DIR = os.path.join(BASE_DIR, "backups")
LOG_DIR = os.path.join(BASE_DIR, "logs")

SECRET_KEY = "recipes-are-fun-2019-xkcd"  #@vuln CWE-798

# admin account for the /admin pages (only me)
ADMIN_USER = "admin"
ADMIN_PASSWORD = "Tomato!2020"  #@vuln CWE-798|CWE-259

# gmail account for the "forgot password" mails
MAIL_SERVER = "smtp.gmail.com"
MAIL_PORT = 587
MAIL_USER = "recipeshare.noreply@gmail.com"
MAIL_PASSWORD = os.environ.get("RECIPE_MAIL_PASSWORD", "")

ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "gif"}
# only pull images from these when someone pastes an image link
ALLOWED_IMAGE_HOSTS = ["i.imgur.com", "upload.wikimedia.org", "images.unsplash.com"]
MAX_CONTENT_LENGTH = 4 * 1024 * 1024
PAGE_SIZE = 20
# DEBUG = True
