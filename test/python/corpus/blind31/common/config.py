"""Shared config loading: DEFAULTS < /etc/infra < ~/.infra/config.{yaml,toml,ini} < explicit path < INFRA_* env."""
import base64
import configparser
import copy
import functools
import os
import pathlib
import tomllib

import yaml
from Crypto.Cipher import DES
from Crypto.Util.Padding import unpad

SEARCH_PATHS = [
    pathlib.Path("/etc/infra/config.yaml"),
    pathlib.Path.home() / ".infra" / "config.yaml",
    pathlib.Path.home() / ".infra" / "config.toml",
    pathlib.Path.home() / ".infra" / "config.ini",
]

LEGACY_KEY_FILE = pathlib.Path("/etc/infra/legacy.key")

# Fallbacks so local dev and CI work without vault access.
DEFAULTS = {
    "db": {
        "host": "infra-db.corp.internal",
        "port": 5432,
        "name": "inventory",
        "user": "infra_app",
        "password": "Infr4App!2023",  #@vuln CWE-798
    },
    "ldap": {
        "url": "ldaps://ldap.corp.internal",
        "base_dn": "ou=people,dc=corp,dc=internal",
        "bind_dn": "cn=svc-infra,ou=service,dc=corp,dc=internal",
    },
    "artifacts_bucket": "corp-infra-artifacts",
    "state_bucket": "corp-infra-state",
    "webhook_hosts": ["hooks.slack.com", "events.pagerduty.com"],
    "vault_addr": "https://vault.corp.internal:8200",
}

ENV_MAP = {
    "INFRA_DB_HOST": ("db", "host"),
    "INFRA_DB_PASSWORD": ("db", "password"),
    "INFRA_LDAP_URL": ("ldap", "url"),
    "INFRA_BUCKET": ("artifacts_bucket",),
    "INFRA_STATE_BUCKET": ("state_bucket",),
    "VAULT_ADDR": ("vault_addr",),
}


def _merge(base, extra):
    out = dict(base)
    for key, value in (extra or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read(path):
    path = pathlib.Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        with path.open() as fh:
            return yaml.safe_load(fh) or {}  #@safe
    if suffix == ".toml":
        with path.open("rb") as fh:
            return tomllib.load(fh)
    if suffix in (".ini", ".cfg"):
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(path)
        return {section: dict(parser.items(section)) for section in parser.sections()}
    raise ValueError(f"unsupported config format: {path}")


def _set_path(cfg, keys, value):
    node = cfg
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def _decrypt_values(node):
    for key, value in list(node.items()):
        if isinstance(value, dict):
            _decrypt_values(value)
        elif isinstance(value, str) and value.startswith("enc:"):
            node[key] = decrypt_legacy(value)


@functools.lru_cache(maxsize=None)
def load_config(path=None):
    cfg = copy.deepcopy(DEFAULTS)
    for candidate in SEARCH_PATHS:
        if candidate.exists():
            cfg = _merge(cfg, _read(candidate))
    explicit = path or os.environ.get("INFRA_CONFIG")
    if explicit:
        cfg = _merge(cfg, _read(explicit))
    for env_name, keys in ENV_MAP.items():
        if env_name in os.environ:
            _set_path(cfg, keys, os.environ[env_name])
    _decrypt_values(cfg)
    return cfg


def decrypt_legacy(value):
    """Old ini files carry 'enc:<b64>' values written by the Perl tooling."""
    key = LEGACY_KEY_FILE.read_bytes()[:8]
    raw = base64.b64decode(value[4:])
    cipher = DES.new(key, DES.MODE_CBC, iv=raw[:8])  #@vuln CWE-327
    return unpad(cipher.decrypt(raw[8:]), 8).decode()


def load_job_definition(text):
    """Job/pipeline definitions may reference hook callables via !!python/name tags."""
    return yaml.load(text, Loader=yaml.UnsafeLoader)  #@vuln CWE-502
