import os
import shutil
import tarfile
import zipfile


def safe_join(base: str, *parts: str) -> str:
    base = os.path.realpath(base)
    target = os.path.realpath(os.path.join(base, *parts))
    if os.path.commonpath([base, target]) != base:
        raise ValueError("path escapes base directory")
    return target


def read_upload(base: str, name: str) -> bytes:
    with open(safe_join(base, name), "rb") as fh:  #@safe
        return fh.read()


def unpack_zip(archive_path: str, dest: str) -> list[str]:
    written = []
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            out = os.path.join(dest, info.filename)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with zf.open(info) as src, open(out, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
            written.append(out)
    return written


def unpack_tar(archive_path: str, dest: str) -> None:
    with tarfile.open(archive_path) as tar:
        tar.extractall(dest, filter="data")  #@safe
