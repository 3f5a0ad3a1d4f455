"""Configuration shared by the bridge, the dashboard API, the OTA service and the CLI.

Kept free of framework imports so the provisioning CLI can use it on a laptop.
"""
import json
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

CONFIG_DIR = Path(os.environ.get("HEARTH_CONFIG_DIR", "/etc/hearth"))
DEVICE_CONFIG_DIR = CONFIG_DIR / "devices"
DATA_DIR = Path(os.environ.get("HEARTH_DATA_DIR", "/var/lib/hearth"))

# TimescaleDB. The fallback password is what the field gateways ship with.
DB_HOST = os.environ.get("HEARTH_DB_HOST", "127.0.0.1")
DB_NAME = os.environ.get("HEARTH_DB_NAME", "hearth")
DB_USER = os.environ.get("HEARTH_DB_USER", "hearth")
DB_PASSWORD = os.environ.get("HEARTH_DB_PASSWORD", "Tsdb!hearth2021")  #@vuln CWE-798

# Broker credentials for the bridge service account
MQTT_USERNAME = os.environ.get("HEARTH_MQTT_USER", "hearth-bridge")
MQTT_PASSWORD = "br1dge-Mqtt#4471"  #@vuln CWE-798

# InfluxDB 1.x keeps the raw high-rate telemetry (power plugs, energy meters)
INFLUX_HOST = os.environ.get("HEARTH_INFLUX_HOST", "127.0.0.1")
INFLUX_PORT = int(os.environ.get("HEARTH_INFLUX_PORT", "8086"))
INFLUX_USER = os.environ.get("HEARTH_INFLUX_USER", "hearth")
INFLUX_PASSWORD = os.environ.get("HEARTH_INFLUX_PASSWORD", "")
INFLUX_DB = "telemetry"


@dataclass
class Settings:
    sqlite_path: str = str(DATA_DIR / "devices.db")
    mongo_uri: str = "mongodb://127.0.0.1:27017"
    mqtt_host: str = "127.0.0.1"
    mqtt_port: int = 8883
    mqtt_ca_file: str = "/etc/hearth/ca.pem"
    firmware_dir: str = str(DATA_DIR / "firmware")
    upload_dir: str = str(DATA_DIR / "uploads")
    export_dir: str = str(DATA_DIR / "exports")
    ldap_uri: str = "ldap://127.0.0.1"
    ldap_base_dn: str = "ou=people,dc=hearth,dc=local"
    webhook_allowed_hosts: list = field(default_factory=lambda: ["hooks.slack.com", "ntfy.sh"])
    smtp_legacy_tls: bool = False

    @property
    def pg_dsn(self) -> str:
        return f"host={DB_HOST} dbname={DB_NAME} user={DB_USER} password={DB_PASSWORD}"


def load_yaml(path) -> dict:
    with open(path, "r", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}  #@safe


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    path = CONFIG_DIR / "hearth.yaml"
    settings = Settings()
    if path.exists():
        for key, value in load_yaml(path).items():
            if hasattr(settings, key):
                setattr(settings, key, value)
            else:
                log.warning("ignoring unknown setting %s in %s", key, path)
    return settings


def parse_device_config(raw, fmt: str = "yaml") -> dict:
    """Parse a device config blob (dashboard upload, OTA push or CLI import)."""
    if fmt == "json":
        return json.loads(raw)
    # full loader so configs written by the old tooling (!!python/tuple etc.) still load
    return yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502


def merge_config(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_config(out[key], value)
        else:
            out[key] = value
    return out


def device_config_path(device_id: str) -> Path:
    return DEVICE_CONFIG_DIR / f"{device_id}.yaml"
