import os


class Config:
    SECRET_KEY = os.environ["LETTERS_SECRET_KEY"]  #@safe
    DEBUG = True  #@vuln CWE-489|CWE-215
    TEMPLATE_DIR = os.environ.get("LETTERS_TEMPLATE_DIR", "/srv/letters/templates")
    LETTER_OUTPUT_DIR = os.environ.get("LETTERS_OUTPUT_DIR", "/srv/letters/out")
    ARCHIVE_DIR = os.environ.get("LETTERS_ARCHIVE_DIR", "/srv/letters/archive")
    LETTERHEAD_HOSTS = {"assets.example-insure.com", "cdn.example-insure.com"}
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004
    SESSION_COOKIE_SAMESITE = "Lax"
    S3_BUCKET = os.environ.get("LETTERS_BUCKET", "claims-letters-prod")
    AWS_REGION = os.environ.get("AWS_REGION", "us-east-2")
    AWS_CREDENTIALS = {"aws_access_key_id": "AKIAZ7LETTERS4PDF2Q", "aws_secret_access_key": "q8Vt3+Lk2mXw9RZpD0bN7cYf4HsJ1uE6aGiT5oWe"}  #@vuln CWE-798
    ALLOWED_CORS_ORIGINS = ["https://claims.example-insure.com", "https://adjusters.example-insure.com"]


class TestConfig(Config):
    TESTING = True
    LETTER_OUTPUT_DIR = "/tmp/letters-test"
