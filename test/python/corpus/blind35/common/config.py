"""Central configuration shared by the dashboard, RPC services, daemons and
the sync tool.  Most values come from the environment; the defaults match the
staging VMs so a fresh checkout "just works" there.
"""
import os
from pathlib import Path

BASE_DIR = Path(os.environ.get("OPS_HOME", "/var/lib/opstools"))
DATA_DIR = BASE_DIR / "data"
REPORT_DIR = BASE_DIR / "reports"
SPOOL_DIR = BASE_DIR / "spool"
PLUGIN_DIR = BASE_DIR / "plugins"
TEMPLATE_DIR = BASE_DIR / "templates"
STATIC_DIR = Path(__file__).resolve().parent.parent / "opsdash" / "static"
LOG_DIR = Path(os.environ.get("OPS_LOG_DIR", "/var/log/opstools"))

DB_PATH = os.environ.get("OPS_DB", str(DATA_DIR / "ops.sqlite3"))
MONGO_URI = os.environ.get("OPS_MONGO_URI", "mongodb://localhost:27017/")

DASHBOARD_HOST = os.environ.get("OPS_DASH_HOST", "0.0.0.0")
DASHBOARD_PORT = int(os.environ.get("OPS_DASH_PORT", "8088"))
XMLRPC_PORT = int(os.environ.get("OPS_XMLRPC_PORT", "8091"))
JSONRPC_PORT = int(os.environ.get("OPS_JSONRPC_PORT", "8092"))
TCP_DAEMON_PORT = int(os.environ.get("OPS_TCP_PORT", "9009"))
STREAM_PORT = int(os.environ.get("OPS_STREAM_PORT", "9010"))

# XML-RPC basic auth (the admin app and the cron jobs share this account)
RPC_USER = os.environ.get("OPS_RPC_USER", "opsadmin")
RPC_PASSWORD = os.environ.get("OPS_RPC_PASSWORD", "Op$Adm1n-2023!")  #@vuln CWE-798

# Key used to sign SSO tickets handed out by the dashboard
TICKET_SIGNING_KEY = os.environ["OPS_TICKET_KEY"].encode() if "OPS_TICKET_KEY" in os.environ else os.urandom(32)

JWT_SECRET = os.environ.get("OPS_JWT_SECRET")

LDAP_URL = os.environ.get("OPS_LDAP_URL", "ldaps://ldap.corp.internal")
LDAP_BIND_DN = "cn=svc-ops,ou=services,dc=corp,dc=internal"
LDAP_BIND_PASSWORD = "Svc0ps!ldap#2022"  #@vuln CWE-798
LDAP_PEOPLE_BASE = "ou=people,dc=corp,dc=internal"
LDAP_GROUP_BASE = "ou=groups,dc=corp,dc=internal"

# Outbound HTTP
WEBHOOK_ALLOWED_HOSTS = {"hooks.slack.com", "alerts.corp.internal"}
INTERNAL_STATUS_URLS = {
    "xmlrpc": f"https://ops-rpc.corp.internal:{XMLRPC_PORT}/health",
    "jsonrpc": f"https://ops-rpc.corp.internal:{JSONRPC_PORT}/health",
}
CA_BUNDLE = os.environ.get("OPS_CA_BUNDLE", "/etc/ssl/certs/corp-ca.pem")

SESSION_COOKIE = "opsdash_sid"
SESSION_TTL = 8 * 3600
