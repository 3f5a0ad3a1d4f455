"""Central configuration for the LIMS services.

Values come from the environment in production (see deploy/lims.env); the
defaults match the lab workstation setup so people can run things locally.
"""
import os
from pathlib import Path


def _env(name, default=None):
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required setting {name}")
    return value


ENVIRONMENT = os.environ.get("LIMS_ENV", "production")

DATABASE_URL = os.environ.get("LIMS_DATABASE_URL", "postgresql+psycopg2://lims_app:Gx7pLims2021@pg-lims.lab.internal:5432/lims")  #@vuln CWE-798
REPORTING_DATABASE_URL = _env("LIMS_REPORTING_DATABASE_URL", DATABASE_URL)
INSTRUMENT_DSN = _env("LIMS_INSTRUMENT_DSN", "dbname=lims host=pg-lims.lab.internal user=lims_import")

SECRET_KEY = _env("LIMS_SECRET_KEY")
JWT_SECRET = os.environ.get("LIMS_JWT_SECRET", "lims-dev-jwt-secret-2019")  #@vuln CWE-798
JWT_ALGORITHM = "HS256"
JWT_TTL_SECONDS = 8 * 3600

LDAP_URI = os.environ.get("LIMS_LDAP_URI", "ldaps://ldap.lab.internal")
LDAP_BASE_DN = "ou=people,dc=lab,dc=internal"
LDAP_GROUP_DN = "ou=groups,dc=lab,dc=internal"
LDAP_BIND_DN = "cn=lims-svc,ou=services,dc=lab,dc=internal"
LDAP_BIND_PASSWORD = _env("LIMS_LDAP_BIND_PASSWORD")

DATA_ROOT = Path(os.environ.get("LIMS_DATA_ROOT", "/srv/lims/data"))
UPLOAD_DIR = DATA_ROOT / "uploads"
RESULTS_DIR = DATA_ROOT / "results"
COA_DIR = DATA_ROOT / "coa"
PIPELINE_WORKDIR = DATA_ROOT / "pipelines"
INSTRUMENT_INBOX = DATA_ROOT / "instrument_inbox"
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "coa" / "templates"

CELERY_BROKER_URL = os.environ.get("LIMS_BROKER_URL", "redis://:r3disLabQueue@redis.lab.internal:6379/2")  #@vuln CWE-798
CELERY_RESULT_BACKEND = os.environ.get("LIMS_RESULT_BACKEND", "redis://redis.lab.internal:6379/3")

ASSET_BASE_URL = "https://assets.lab.internal/coa/"

LABEL_PRINTERS = {
    "bench1": "zebra-bench1",
    "bench2": "zebra-bench2",
    "coldroom": "zebra-coldroom",
    "reception": "zebra-reception",
}

ALLOWED_PIPELINES = {"rnaseq", "wgs", "amplicon16s", "qpcr_qc"}
NEXTFLOW_PROFILES = {"standard", "slurm", "singularity"}
