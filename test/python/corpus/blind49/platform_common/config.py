"""Settings shared by the deploy dashboard, the webhook receiver and opsctl.

Values normally come from the environment (systemd unit / k8s secret). A few
fallbacks are still here for the on-call laptop bootstrap script.
"""
import os
from pathlib import Path

ENV = os.environ.get("PLATFORM_ENV", "production")
REGION = os.environ.get("AWS_REGION", "eu-west-1")
DEBUG = os.environ.get("PLATFORM_DEBUG") == "1"

# --- deploy database ---------------------------------------------------------
DB_HOST = os.environ.get("DASHBOARD_DB_HOST", "db-ops.internal")
DB_PORT = int(os.environ.get("DASHBOARD_DB_PORT", "5432"))
DB_NAME = os.environ.get("DASHBOARD_DB_NAME", "deploys")
DB_USER = os.environ.get("DASHBOARD_DB_USER", "deploybot")
DB_PASSWORD = os.environ.get("DASHBOARD_DB_PASSWORD", "Dpl0y-b0t!2023")  #@vuln CWE-798

MONGO_URI = os.environ.get("EVENTS_MONGO_URI", "mongodb://events-mongo.internal:27017/")
MONGO_DB = os.environ.get("EVENTS_MONGO_DB", "deploy_events")

# --- CI / SCM ----------------------------------------------------------------
GITLAB_URL = os.environ.get("GITLAB_URL", "https://gitlab.example.com")
GITLAB_TOKEN = os.environ.get("GITLAB_TOKEN", "")
GITLAB_WEBHOOK_SECRET = os.environ.get("GITLAB_WEBHOOK_SECRET", "")
JENKINS_URL = os.environ.get("JENKINS_URL", "https://jenkins.internal.example.com")
JENKINS_USER = "svc-deploy"
JENKINS_API_TOKEN = "11f3c0a9d8e7b6a5f4e3d2c1b0a9f8e7d6"  #@vuln CWE-798
SLACK_WEBHOOK_URL = os.environ.get("SLACK_WEBHOOK_URL", "")
DASHBOARD_URL = os.environ.get("DASHBOARD_URL", "https://deploy.internal.example.com")

# --- directory service -------------------------------------------------------
LDAP_URI = os.environ.get("LDAP_URI", "ldaps://ldap.example.com")
LDAP_BASE = "ou=people,dc=example,dc=com"
LDAP_GROUP_BASE = "ou=groups,dc=example,dc=com"
LDAP_BIND_DN = "cn=svc-dashboard,ou=services,dc=example,dc=com"
LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "")

# --- secrets -----------------------------------------------------------------
VAULT_ADDR = os.environ.get("VAULT_ADDR", "https://vault.internal.example.com:8200")
VAULT_CA_BUNDLE = os.environ.get("VAULT_CACERT", "/etc/ssl/certs/internal-ca.pem")
JWT_SIGNING_KEY = os.environ.get("DASHBOARD_JWT_KEY", "")
CACHE_KEY = os.environ.get("OPSCTL_CACHE_KEY", "0psctl!!").encode()  #@vuln CWE-798

# --- hosts / automation --------------------------------------------------------
SSH_USER = os.environ.get("DEPLOY_SSH_USER", "deploy")
SSH_KEY_PATH = os.environ.get("DEPLOY_SSH_KEY", str(Path.home() / ".ssh" / "deploy_ed25519"))
INVENTORY_DIR = Path(os.environ.get("INVENTORY_DIR", "/srv/ansible/inventories"))
PLAYBOOK_DIR = Path(os.environ.get("PLAYBOOK_DIR", "/srv/ansible"))
TERRAFORM_ROOT = Path(os.environ.get("TERRAFORM_ROOT", "/srv/terraform"))
TEMPLATE_ROOT = Path(os.environ.get("CONFIG_TEMPLATE_ROOT", "/srv/platform/templates"))
LOG_ROOT = os.environ.get("DEPLOY_LOG_ROOT", "/var/log/deploys")
ARCHIVE_ROOT = os.environ.get("DEPLOY_ARCHIVE_ROOT", "/srv/deploy-archive")
BACKUP_BUCKET = os.environ.get("BACKUP_BUCKET", "acme-platform-backups")
RESTORE_DIR = os.environ.get("RESTORE_DIR", "/srv/restore")

SERVICES = ("api-gateway", "billing", "checkout", "search", "notifications", "auth")
ENVIRONMENTS = ("staging", "production", "dr")
