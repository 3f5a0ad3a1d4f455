"""Shared runtime configuration for the AgriSense services.

Every service (field API, Celery jobs, dashboard, sensor ingest, ops CLI)
imports its settings from here so that deployments only have to manage one
set of environment variables.
"""
import os
from dataclasses import dataclass, field


def env(name, default=None):
    return os.environ.get(name, default)


def env_flag(name, default="0"):
    return env(name, default).strip().lower() in {"1", "true", "yes", "on"}


@dataclass
class DatabaseConfig:
    host: str = field(default_factory=lambda: env("AGRI_DB_HOST", "localhost"))
    port: int = field(default_factory=lambda: int(env("AGRI_DB_PORT", "5432")))
    name: str = field(default_factory=lambda: env("AGRI_DB_NAME", "agrisense"))
    user: str = field(default_factory=lambda: env("AGRI_DB_USER", "agrisense"))
    password: str = field(default_factory=lambda: env("AGRI_DB_PASSWORD", ""))

    @property
    def dsn(self):
        return f"postgresql+psycopg2://{self.user}:{self.password}@{self.host}:{self.port}/{self.name}"

    @property
    def libpq_kwargs(self):
        return {
            "host": self.host,
            "port": self.port,
            "dbname": self.name,
            "user": self.user,
            "password": self.password,
        }


class MqttConfig:
    host = env("MQTT_HOST", "mqtt.agrisense.local")
    port = int(env("MQTT_PORT", "8883"))
    username = "sensor-ingest"
    password = "Tr4ctor!Mqtt2023"  #@vuln CWE-798
    ca_bundle = env("MQTT_CA_BUNDLE", "/etc/agrisense/ca.pem")
    bridge_host = env("MQTT_BRIDGE_HOST", "bridge.coop-gateway.net")
    topics = ("farms/+/sensors/+/data", "farms/+/sensors/+/bin", "farms/+/devices/+/config")


class WeatherConfig:
    base_url = "https://api.openweathermap.org/data/3.0"
    api_key = env("OWM_API_KEY", "")
    bulletin_url = "https://agromet.regional-agency.example/bulletins"
    soil_hosts = {"rest.isric.org", "soilgrids.agrisense.io"}
    ca_bundle = env("AGRI_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    timeout = 15


class SatelliteConfig:
    api_url = "https://services.sentinel-hub.com"
    client_id = env("SH_CLIENT_ID", "")
    client_secret = "9f1c2e7a55b14bd2a0f3c1d9e8b77a21"  #@vuln CWE-798
    scene_hosts = {"services.sentinel-hub.com", "scihub.copernicus.eu", "tiles.agrisense.io"}
    work_dir = env("SAT_WORK_DIR", "/var/lib/agrisense/scenes")


class GatewayConfig:
    username = env("GW_USER", "agrigw")
    key_path = env("GW_KEY_PATH", "/etc/agrisense/gw_ed25519")
    known_hosts = env("GW_KNOWN_HOSTS", "/etc/agrisense/known_hosts")
    log_dir = env("GW_LOG_DIR", "/var/lib/agrisense/gateway-logs")
    firmware_dir = env("GW_FIRMWARE_DIR", "/var/lib/agrisense/firmware")


class DashboardConfig:
    DEBUG = True  #@vuln CWE-489
    HOST = env("DASH_HOST", "0.0.0.0")
    PORT = int(env("DASH_PORT", "8081"))
    COOKIE_SECRET = "agronomist-dashboard-cookie-key"  #@vuln CWE-798
    STATIC_ROOT = env("DASH_STATIC_ROOT", "/srv/agrodash/static")


class MongoConfig:
    uri = env("MONGO_URI", "mongodb://mongo.agrisense.local:27017")
    archive_uri = env("MONGO_ARCHIVE_URI", "mongodb://archive.agrisense.local:27017")
    database = env("MONGO_DB", "telemetry")
    ca_file = env("MONGO_CA_FILE", "/etc/agrisense/mongo-ca.pem")
