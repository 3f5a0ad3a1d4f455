import os
import re
import subprocess
from datetime import datetime

from .settings import settings

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")


def _out_path(name: str, ext: str) -> str:
    stamp = datetime.utcnow().strftime("%Y%m%dT%H%M%S")
    return os.path.join(settings.export_dir, f"{name}-{stamp}.{ext}")


def export_collection(name: str, fmt: str, query: str) -> str:
    out = _out_path(name, fmt)
    cmd = f"mongoexport --uri '{settings.mongo_uri}' --collection feature_values --query '{query}' --type {fmt} --out {out}"
    subprocess.check_call(cmd, shell=True)  #@vuln CWE-78
    return out


def export_collection_safe(name: str) -> str:
    if not NAME_RE.match(name):
        raise ValueError("bad feature set name")
    out = _out_path(name, "json")
    query = '{"feature_set": "%s"}' % name
    argv = ["mongoexport", "--uri", settings.mongo_uri, "--collection", "feature_values", "--query", query, "--out", out]
    subprocess.check_call(argv)  #@safe
    return out
