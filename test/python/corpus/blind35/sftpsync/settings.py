"""Sync profiles.  Each profile maps a remote directory on a partner SFTP
server to a local drop folder under DROP_ROOT."""
import os
from pathlib import Path

import yaml

PROFILE_FILE = Path(os.environ.get("SFTPSYNC_PROFILES", "/etc/opstools/sftpsync.yml"))
DROP_ROOT = Path(os.environ.get("SFTPSYNC_DROP", "/srv/drop"))
KNOWN_HOSTS = os.path.expanduser("~/.ssh/known_hosts")

DEFAULTS = {
    "port": 22,
    "username": "opsync",
    "password": "Sync!2021partner",  #@vuln CWE-798
    "remote_dir": "/outgoing",
    "delete_after": False,
    "strict_host_keys": False,
}


def load_profiles(path=PROFILE_FILE):
    with open(path, encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=yaml.SafeLoader) or {}  #@safe
    profiles = {}
    for name, p in raw.get("profiles", {}).items():
        merged = dict(DEFAULTS, **p)
        if "password_env" in p:
            merged["password"] = os.environ.get(p["password_env"])
        merged["name"] = name
        merged["local_dir"] = str(DROP_ROOT / name)
        profiles[name] = merged
    return profiles
