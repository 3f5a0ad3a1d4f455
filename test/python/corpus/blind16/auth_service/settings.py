import os

JWT_SECRET = os.environ["AUTH_JWT_SECRET"]
JWT_ALGORITHM = "HS256"
JWT_TTL_MINUTES = int(os.environ.get("AUTH_JWT_TTL", "60"))
TRUSTED_REDIRECT_HOSTS = {"app.example.com", "admin.example.com"}
SSO_METADATA_URL = os.environ.get("SSO_METADATA_URL", "https://idp.example.com/metadata.xml")
PBKDF2_ITERATIONS = 600_000
