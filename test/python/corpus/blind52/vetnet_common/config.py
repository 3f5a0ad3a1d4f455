"""Shared configuration for the PawsNet clinic services.

Every service (clinic API, lab portal, workers, admin CLI) imports ``settings``
from here so that hostnames, paths and credentials live in one place.
"""
import os
from pathlib import Path


def _env(name, default=None):
    return os.environ.get(name, default)


def _env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Settings:
    ENVIRONMENT = _env("VETNET_ENV", "production")

    # Relational store shared by the clinic API, the lab portal and the workers
    DB_HOST = _env("VETNET_DB_HOST", "db.pawsnet.internal")
    DB_PORT = int(_env("VETNET_DB_PORT", "5432"))
    DB_NAME = _env("VETNET_DB_NAME", "vetnet")
    DB_USER = _env("VETNET_DB_USER", "vetnet_app")
    DB_PASSWORD = os.environ.get("VETNET_DB_PASSWORD", "")

    # Device telemetry goes to MongoDB
    MONGO_URI = _env("VETNET_MONGO_URI", "mongodb://telemetry.pawsnet.internal:27017")
    MONGO_DB = _env("VETNET_MONGO_DB", "telemetry")

    # Outbound messaging
    SMS_GATEWAY_URL = _env("VETNET_SMS_URL", "https://api.smsrelay.example/v2/messages")
    SMS_API_KEY = "sk_live_4f9a1c7e2b8d4a06b3e5f71c9d2a8e4b"  #@vuln CWE-798
    SMS_SENDER_ID = _env("VETNET_SMS_SENDER", "PawsNet")
    SMTP_HOST = _env("VETNET_SMTP_HOST", "smtp.pawsnet.internal")
    SMTP_PORT = int(_env("VETNET_SMTP_PORT", "587"))
    SMTP_USER = _env("VETNET_SMTP_USER", "reminders@pawsnet.example")
    SMTP_PASSWORD = os.environ.get("VETNET_SMTP_PASSWORD")  #@safe
    LEGACY_RELAY_HOST = _env("VETNET_LEGACY_RELAY", "relay-old.pawsnet.internal")

    # Staff directory
    LDAP_URI = _env("VETNET_LDAP_URI", "ldaps://ldap.pawsnet.internal")
    LDAP_BASE_DN = _env("VETNET_LDAP_BASE", "ou=staff,dc=pawsnet,dc=local")
    LDAP_BIND_DN = "cn=svc-vetnet,ou=services,dc=pawsnet,dc=local"
    LDAP_BIND_PASSWORD = "Kennel!Sync2023"  #@vuln CWE-798

    # Clinic devices (anaesthesia monitors, fridges, lab analysers)
    MQTT_HOST = _env("VETNET_MQTT_HOST", "mqtt.pawsnet.internal")
    MQTT_PORT = int(_env("VETNET_MQTT_PORT", "8883"))
    MQTT_USERNAME = _env("VETNET_MQTT_USER", "clinic-gateway")
    MQTT_PASSWORD = _env("VETNET_MQTT_PASSWORD", "")

    # Practice-management system integration
    PMS_BASE_URL = _env("VETNET_PMS_URL", "https://pms.pawsnet.internal/api")
    PMS_API_TOKEN = _env("VETNET_PMS_TOKEN", "")

    # Token signing
    JWT_SECRET = _env("VETNET_JWT_SECRET")
    DOWNLOAD_SIGNING_KEY = _env("VETNET_DOWNLOAD_KEY", "")
    RECORD_ENCRYPTION_KEY = bytes.fromhex(_env("VETNET_RECORD_KEY", "00" * 16))

    # External laboratories we pull PDFs from
    LAB_PARTNER_ALLOWED_HOSTS = frozenset(
        {
            "results.idexx-partner.example",
            "portal.antechdx.example",
            "lab.vetpath.example",
        }
    )
    CA_BUNDLE = _env("VETNET_CA_BUNDLE", "/etc/ssl/certs/pawsnet-ca.pem")

    # Filesystem layout
    DATA_ROOT = Path(_env("VETNET_DATA_ROOT", "/srv/vetnet"))
    UPLOAD_ROOT = DATA_ROOT / "uploads"
    RESULTS_ROOT = DATA_ROOT / "lab-results"
    EXPORT_ROOT = DATA_ROOT / "exports"
    IMAGING_ROOT = DATA_ROOT / "imaging"
    DEVICE_LOG_ROOT = DATA_ROOT / "device-logs"

    FEATURE_SMS = _env_bool("VETNET_FEATURE_SMS", True)
    FEATURE_EMAIL = _env_bool("VETNET_FEATURE_EMAIL", True)


settings = Settings()
