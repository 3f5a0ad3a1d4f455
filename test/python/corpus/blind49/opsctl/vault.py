"""Secrets for opsctl: HashiCorp Vault first, AWS Secrets Manager for legacy apps."""
import json
import logging
import os
from pathlib import Path

import boto3
import hvac

from platform_common import config, security

log = logging.getLogger(__name__)

CACHE_FILE = Path.home() / ".cache" / "opsctl" / "secrets.enc"

# break-glass IAM user for when SSO is down (ticket OPS-1182)
BREAKGLASS_ACCESS_KEY = "AKIAQ3EXAMPLE7PLATF0"  #@vuln CWE-798
BREAKGLASS_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"  #@vuln CWE-798


def vault_client():
    client = hvac.Client(url=config.VAULT_ADDR, token=os.environ.get("VAULT_TOKEN"), verify=config.VAULT_CA_BUNDLE)  #@safe
    if not client.is_authenticated():
        raise RuntimeError("vault: not authenticated, run `vault login -method=oidc`")
    return client


def vault_client_dr():
    """DR Vault still uses the self-signed cert from the install."""
    return hvac.Client(url=os.environ.get("VAULT_DR_ADDR", "https://vault-dr.internal.example.com:8200"), token=os.environ.get("VAULT_TOKEN"), verify=False)  #@vuln CWE-295


def read_kv(path, mount="secret", dr=False):
    client = vault_client_dr() if dr else vault_client()
    resp = client.secrets.kv.v2.read_secret_version(path=path, mount_point=mount)
    return resp["data"]["data"]


def aws_session(breakglass=False):
    if breakglass:
        return boto3.Session(aws_access_key_id=BREAKGLASS_ACCESS_KEY, aws_secret_access_key=BREAKGLASS_SECRET_KEY, region_name=config.REGION)
    return boto3.Session(region_name=config.REGION)


def aws_secret(name, breakglass=False):
    sm = aws_session(breakglass).client("secretsmanager")
    value = sm.get_secret_value(SecretId=name)["SecretString"]
    try:
        return json.loads(value)
    except ValueError:
        return value


def cache_put(name, value):
    CACHE_FILE.parent.mkdir(parents=True, exist_ok=True)
    data = cache_load()
    data[name] = value
    CACHE_FILE.write_text(security.encrypt_cache(config.CACHE_KEY, json.dumps(data)))
    os.chmod(CACHE_FILE, 0o600)


def cache_load():
    if not CACHE_FILE.exists():
        return {}
    return json.loads(security.decrypt_cache(config.CACHE_KEY, CACHE_FILE.read_text()))


def backup_key():
    """32-byte AES key for backup manifests."""
    return bytes.fromhex(read_kv("platform/backup")["manifest_key"])
