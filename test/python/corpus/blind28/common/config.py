"""Shared configuration for the team bots and webhook services.

Values come from the environment in production; the defaults are what the
docker-compose dev stack uses so `make dev` works without a .env file.
"""
import os

ENV = os.environ.get("APP_ENV", "production")
DEBUG = ENV == "development"

# --- databases -------------------------------------------------------------
PG_HOST = os.environ.get("PG_HOST", "db.internal")
PG_DB = os.environ.get("PG_DB", "ops")
PG_USER = os.environ.get("PG_USER", "opsbot")
PG_PASSWORD = os.environ.get("PG_PASSWORD", "0psB0t!2023-prod")  #@vuln CWE-798|CWE-259

SQLITE_PATH = os.environ.get("SQLITE_PATH", "/var/lib/bots/bots.db")
MONGO_URI = os.environ.get("MONGO_URI", "mongodb://mongo.internal:27017")

# --- chat platforms --------------------------------------------------------
SLACK_BOT_TOKEN = os.environ.get("SLACK_BOT_TOKEN", "")
SLACK_SIGNING_SECRET = os.environ.get("SLACK_SIGNING_SECRET", "")
SLACK_DEPLOY_WEBHOOK = os.environ.get("SLACK_DEPLOY_WEBHOOK", "https://hooks.slack.com/services/placeholder")
DISCORD_TOKEN = os.environ.get("DISCORD_TOKEN", "")
# TODO move to vault, the bot host doesn't have the env file yet
TELEGRAM_TOKEN = "6102938475:AAHk3v9Qz_fL0pXw2mRt7YbNc8sDe4gUiJo"  #@vuln CWE-798

# --- webhooks / billing ----------------------------------------------------
GITHUB_WEBHOOK_SECRET = os.environ.get("GITHUB_WEBHOOK_SECRET", "").encode()
STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY", "")
STRIPE_WEBHOOK_SECRET = "whsec_9f8e7d6c5b4a39281706f5e4d3c2b1a0"  #@vuln CWE-798
JWT_SECRET = os.environ.get("JWT_SECRET", "")
INTERNAL_API_KEY = os.environ.get("INTERNAL_API_KEY", "").encode()
SECRETS_KEY = bytes.fromhex(os.environ.get("SECRETS_KEY", ""))

# --- directory -------------------------------------------------------------
LDAP_URI = os.environ.get("LDAP_URI", "ldaps://ldap.corp.internal")
LDAP_BIND_DN = "cn=opsbot,ou=services,dc=corp,dc=internal"
LDAP_BIND_PASSWORD = "ld4p-b1nd-0psb0t"  #@vuln CWE-798

# --- filesystem ------------------------------------------------------------
LOG_DIR = "/var/log/services"
REPORT_DIR = "/srv/reports"
UPLOAD_DIR = "/srv/bot-uploads"
WORKSPACE_DIR = "/srv/deploy/workspace"

# --- outbound HTTP ---------------------------------------------------------
ALLOWED_FETCH_HOSTS = {"status.example.com", "api.github.com", "grafana.internal"}
INTERNAL_API = os.environ.get("INTERNAL_API", "https://ops-api.internal")
