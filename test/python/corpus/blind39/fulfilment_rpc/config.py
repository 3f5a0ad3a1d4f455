import os
from pathlib import Path

GRPC_BIND = os.environ.get("FULFILMENT_GRPC_BIND", "[::]:50051")
WS_HOST = os.environ.get("FULFILMENT_WS_HOST", "0.0.0.0")
WS_PORT = int(os.environ.get("FULFILMENT_WS_PORT", "8765"))

TLS_CERT = os.environ.get("FULFILMENT_TLS_CERT", "/etc/fulfilment/tls.crt")
TLS_KEY = os.environ.get("FULFILMENT_TLS_KEY", "/etc/fulfilment/tls.key")

LABEL_DIR = Path(os.environ.get("FULFILMENT_LABEL_DIR", "/srv/fulfilment/labels"))
MANIFEST_DIR = Path(os.environ.get("FULFILMENT_MANIFEST_DIR", "/srv/fulfilment/manifests"))
STAGING_DIR = Path(os.environ.get("FULFILMENT_STAGING_DIR", "/srv/fulfilment/staging"))
CARRIER_SCRIPTS = Path("/opt/fulfilment/carriers")
WAVE_DB = os.environ.get("FULFILMENT_WAVE_DB", "/srv/fulfilment/waves.sqlite3")

LDAP_URL = os.environ.get("FULFILMENT_LDAP_URL", "ldaps://ldap.acme-wholesale.com")
LDAP_BASE = "ou=warehouse,dc=acme-wholesale,dc=com"
LDAP_BIND_DN = "cn=fulfilment-svc,ou=services,dc=acme-wholesale,dc=com"
LDAP_BIND_PASSWORD = "Ld@pB1nd#Wh2022"  #@vuln CWE-798|CWE-259

CARRIER_API_TOKEN = os.environ.get("CARRIER_API_TOKEN", "")
CARRIER_ENDPOINTS = {
    "dhl": "https://api.dhl.example.com/track/v1",
    "ups": "https://onlinetools.ups.example.com/track/v2",
    "postnl": "https://api.postnl.example.com/shipment/v2",
}

WS_JWT_PUBLIC_KEY = Path(os.environ.get("WS_JWT_PUBLIC_KEY", "/etc/fulfilment/jwt.pub"))
