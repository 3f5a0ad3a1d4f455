"""Settings shared by the API, portal, workers and ops tooling (prod values: deploy/helm/values-prod.yaml)."""
import os


def _bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


APP_ENV = os.environ.get("APP_ENV", "production")
DEBUG = _bool("APP_DEBUG")

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql+psycopg2://logistics@db.internal:5432/logistics")
REPORTS_DSN = os.environ.get("REPORTS_DSN", "host=db-replica.internal dbname=logistics user=reports")
MONGO_URL = os.environ.get("MONGO_URL", "mongodb://tracking-db.internal:27017/?replicaSet=rs0")
REDIS_URL = os.environ.get("REDIS_URL", "redis://cache.internal:6379/2")

JWT_SECRET = os.environ["JWT_SECRET"]
JWT_ALGORITHM = "HS256"
JWT_AUDIENCE = "booking-api"
LDAP_URL = os.environ.get("LDAP_URL", "ldaps://directory.customers.internal")
LDAP_BASE_DN = os.environ.get("LDAP_BASE_DN", "ou=people,dc=customers,dc=logistics,dc=local")
LDAP_BIND_DN = os.environ.get("LDAP_BIND_DN", "cn=portal,ou=services,dc=logistics,dc=local")
LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "")

DOCUMENT_ROOT = os.environ.get("DOCUMENT_ROOT", "/srv/logistics/documents")
UPLOAD_DIR = os.environ.get("UPLOAD_DIR", "/srv/logistics/uploads")
ARCHIVE_DIR = os.environ.get("ARCHIVE_DIR", "/srv/logistics/archive")
EXPORT_DIR = os.environ.get("EXPORT_DIR", "/srv/logistics/exports")
LABEL_SPOOL_DIR = os.environ.get("LABEL_SPOOL_DIR", "/var/spool/logistics/labels")
RESULTS_DIR = os.environ.get("RESULTS_DIR", "/srv/logistics/routeopt/results")

SOLVER_BIN = os.environ.get("SOLVER_BIN", "/opt/solvers/bin/vrp-solve")
LEGACY_SOLVER_BIN = os.environ.get("LEGACY_SOLVER_BIN", "/opt/solvers/legacy/tsp2")
PLAN_EXPORTER = os.environ.get("PLAN_EXPORTER", "/opt/solvers/bin/plan-export")
OSRM_URL = os.environ.get("OSRM_URL", "http://osrm.internal:5000")

CA_BUNDLE = os.environ.get("CA_BUNDLE", "/etc/ssl/certs/carriers-ca.pem")
DHL_WSDL = os.environ.get("DHL_WSDL", "https://xmlpi-ea.dhl.com/ShipmentService?wsdl")
DHL_USERNAME = os.environ.get("DHL_USERNAME", "logi_ops")
DHL_PASSWORD = os.environ.get("DHL_PASSWORD", "Xp3d!t0rs#2021")  #@vuln CWE-798
FREIGHTLINK_API_KEY = "fl_live_9c2e71b04d8a4f3bb1e0a6d5c7f8e912"  #@vuln CWE-798
CUSTOMS_BROKER_URL = os.environ.get("CUSTOMS_BROKER_URL", "https://docs.borderbrokers.example.net/api")
EDI_GATEWAY_SECRET = os.environ["EDI_GATEWAY_SECRET"].encode()
PARTNER_ALLOWED_HOSTS = {"api.freightlink.io", "track.nordcargo.eu", "edi.seaway-lines.com"}

# Label printers on the docks (name -> IP of the Zebra print server)
PRINTERS = {"dock-a-zebra": "10.20.1.31", "dock-b-zebra": "10.20.1.32", "dock-c-zebra": "10.20.1.33",
            "office-laser": "10.20.0.15"}

PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "https://portal.logistics.example.com")
MAX_UPLOAD_MB = int(os.environ.get("MAX_UPLOAD_MB", "25"))
