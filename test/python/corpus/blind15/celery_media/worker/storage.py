import base64
import marshal
import pickle
import tarfile
from pathlib import Path

UPLOAD_ROOT = Path("/var/media/uploads")
LIBRARY_ROOT = Path("/var/media/library")


def upload_path(upload_id: str) -> Path:
    return UPLOAD_ROOT / f"{upload_id}.bin"


def import_archive(archive: Path, library: str) -> Path:
    dest = LIBRARY_ROOT / library
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(dest)  #@vuln CWE-22
    return dest


def import_archive_checked(archive: Path, library: str) -> Path:
    dest = (LIBRARY_ROOT / Path(library).name).resolve()
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            target = (dest / member.name).resolve()
            if not target.is_relative_to(dest) or member.issym() or member.islnk():
                raise ValueError(f"unsafe member {member.name}")
        tar.extractall(dest)  #@safe
    return dest


def restore_state(blob: str) -> dict:
    return pickle.loads(base64.b64decode(blob))  #@vuln CWE-502


def load_hook(path: str) -> dict:
    with open(path, "rb") as fh:
        code = marshal.load(fh)  #@vuln CWE-502
    namespace: dict = {}
    exec(code, namespace)  #@vuln CWE-95|CWE-94
    return namespace
