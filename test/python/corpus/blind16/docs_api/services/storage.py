import tarfile
import tempfile
import zipfile
from pathlib import Path


class DocumentStorage:
    def __init__(self, root: str):
        self.root = Path(root).resolve()

    def resolve(self, name: str) -> Path:
        candidate = (self.root / name).resolve()
        if not candidate.is_relative_to(self.root):
            raise ValueError("path escapes storage root")
        return candidate

    def save(self, name: str, data: bytes) -> Path:
        target = self.root / "assets" / name
        target.write_bytes(data)  #@vuln CWE-22
        return target

    def extract_tarball(self, archive_path: str, dest_dir: Path) -> list:
        with tarfile.open(archive_path, "r:*") as tf:
            names = tf.getnames()
            tf.extractall(dest_dir)  #@vuln CWE-22
        return names

    def extract_tarball_filtered(self, archive_path: str, dest_dir: Path) -> list:
        with tarfile.open(archive_path, "r:*") as tf:
            names = tf.getnames()
            tf.extractall(dest_dir, filter="data")  #@safe
        return names

    def extract_zip(self, archive_path: str, dest_dir: Path) -> list:
        dest_dir = dest_dir.resolve()
        with zipfile.ZipFile(archive_path) as zf:
            for member in zf.namelist():
                if not (dest_dir / member).resolve().is_relative_to(dest_dir):
                    raise ValueError(f"unsafe archive member: {member}")
            zf.extractall(dest_dir)  #@safe
            return zf.namelist()

    def scratch_path(self, suffix: str = ".upload") -> str:
        return tempfile.mktemp(suffix=suffix, prefix="docs-")  #@vuln CWE-377
