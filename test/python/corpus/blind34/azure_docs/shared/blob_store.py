"""Blob Storage + Key Vault access for the docs function app."""
import logging
import os
import tempfile
from functools import lru_cache

from azure.identity import DefaultAzureCredential
from azure.keyvault.secrets import SecretClient
from azure.storage.blob import BlobServiceClient, ContentSettings

log = logging.getLogger(__name__)

# used when running under `func start` without local.settings.json
_FALLBACK_CONN = "DefaultEndpointsProtocol=https;AccountName=acmedocsprod;AccountKey=q8Vn3J0xk2WbLr7TzP5yHc1MdA9sFe4Gu6KoIi0NjXlQwEaRtYuZs3Dv7Bn2Mc9Lp1Ok4Ji8Hu6Gy5Ft+w==;EndpointSuffix=core.windows.net"  #@vuln CWE-798

KEY_VAULT_URL = os.environ.get("KEY_VAULT_URL", "https://acme-docs-kv.vault.azure.net/")
WORK_DIR = os.environ.get("DOCS_WORK_DIR", "/tmp/docwork")


@lru_cache(maxsize=1)
def _service():
    return BlobServiceClient.from_connection_string(os.environ.get("DocsStorage", _FALLBACK_CONN))


@lru_cache(maxsize=32)
def get_secret(name):
    client = SecretClient(vault_url=KEY_VAULT_URL, credential=DefaultAzureCredential())
    return client.get_secret(name).value


def read_bytes(container, name):
    return _service().get_blob_client(container=container, blob=name).download_blob().readall()


def read_text(container, name, encoding="utf-8"):
    return read_bytes(container, name).decode(encoding, errors="replace")


def write_text(container, name, text, content_type="text/plain"):
    blob = _service().get_blob_client(container=container, blob=name)
    blob.upload_blob(text.encode("utf-8"), overwrite=True, content_settings=ContentSettings(content_type=content_type))


def upload_file(container, name, local_path):
    with open(local_path, "rb") as fh:
        _service().get_blob_client(container=container, blob=name).upload_blob(fh, overwrite=True)


def download_to_tmp(container, name):
    """Download a blob to local disk keeping its extension (LibreOffice sniffs by extension)."""
    os.makedirs(WORK_DIR, exist_ok=True)
    suffix = os.path.splitext(name)[1]
    path = tempfile.mktemp(suffix=suffix, dir=WORK_DIR)  #@vuln CWE-377
    with open(path, "wb") as fh:
        fh.write(read_bytes(container, name))
    return path


def download_private(container, name):
    os.makedirs(WORK_DIR, exist_ok=True)
    fd, path = tempfile.mkstemp(suffix=".bin", dir=WORK_DIR)  #@safe
    with os.fdopen(fd, "wb") as fh:
        fh.write(read_bytes(container, name))
    return path
