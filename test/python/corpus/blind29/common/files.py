"""Filesystem helpers shared by the web app and the workers."""
import os
import shutil
import tempfile
import zipfile


def tenant_dir(base, tenant_id):
    path = os.path.join(base, "tenants", str(int(tenant_id)))
    os.makedirs(path, exist_ok=True)
    return path


def safe_join_path(base, *parts):
    base = os.path.realpath(base)
    candidate = os.path.realpath(os.path.join(base, *parts))
    if os.path.commonpath([base, candidate]) != base:
        raise ValueError("path escapes base directory")
    return candidate


def write_inbox_file(base, name, content):
    path = safe_join_path(base, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:  #@safe
        fh.write(content)
    return path


def extract_zip(archive_path, dest):
    extracted = []
    with zipfile.ZipFile(archive_path) as zf:
        for member in zf.infolist():
            if member.is_dir():
                continue
            target = os.path.join(dest, member.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)
            extracted.append(target)
    return extracted


def scratch_dir(prefix="bo-"):
    return tempfile.mkdtemp(prefix=prefix)  #@safe


def read_log_tail(log_dir, name, lines=200):
    path = os.path.join(log_dir, name)
    with open(path, "r", errors="replace") as fh:  #@vuln CWE-22
        return fh.readlines()[-lines:]
