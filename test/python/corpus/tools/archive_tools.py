"""Archive helpers for the backup tool: unpacking with and without member checks."""
import os
import tarfile
import zipfile


def unzip_checked(path, dest):
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            name = info.filename
            if name.startswith("/") or ".." in name:
                continue
            with open(os.path.join(dest, name), "wb") as out:  #@safe
                out.write(zf.read(info))


def unzip_unchecked(path, dest):
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            with open(os.path.join(dest, info.filename), "wb") as out:  #@vuln CWE-22
                out.write(zf.read(info))


def list_members(path):
    with tarfile.open(path) as tf:
        return [m.name for m in tf.getmembers() if m.isfile()]  #@safe


def untar_one(path, name, dest):
    with tarfile.open(path) as tf:
        tf.extract(name, dest, filter="data")  #@safe
