import os
import tarfile
import zipfile

import boto3

from .config import AppConfig


class DocumentStorage:
    def __init__(self, config: AppConfig):
        self.cfg = config
        self.s3 = boto3.client("s3", region_name=config.aws_region)

    def fetch_to_local(self, key: str) -> str:
        local_path = os.path.join(self.cfg.storage_root, "cache", key)
        os.makedirs(os.path.dirname(local_path), exist_ok=True)
        self.s3.download_file(self.cfg.bucket, key, local_path)  #@vuln CWE-22
        return local_path

    def fetch_attachment(self, doc_id: int, filename: str) -> str:
        name = os.path.basename(filename)
        root = os.path.realpath(os.path.join(self.cfg.storage_root, "attachments"))
        target = os.path.realpath(os.path.join(root, str(doc_id), name))
        if os.path.commonpath([root, target]) != root:
            raise PermissionError(filename)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        self.s3.download_file(self.cfg.bucket, f"attachments/{doc_id}/{name}", target)  #@safe
        return target

    def unpack_bundle(self, archive_path: str, dest: str) -> list[str]:
        os.makedirs(dest, exist_ok=True)
        with zipfile.ZipFile(archive_path) as zf:
            zf.extractall(dest)  #@vuln CWE-22
            return zf.namelist()

    def unpack_tarball(self, archive_path: str, dest: str) -> list[str]:
        with tarfile.open(archive_path, "r:*") as tf:
            tf.extractall(dest)  #@vuln CWE-22
            return tf.getnames()

    def unpack_tarball_checked(self, archive_path: str, dest: str) -> list[str]:
        dest_root = os.path.realpath(dest)
        with tarfile.open(archive_path, "r:*") as tf:
            members = []
            for member in tf.getmembers():
                target = os.path.realpath(os.path.join(dest_root, member.name))
                if os.path.commonpath([dest_root, target]) != dest_root or member.issym() or member.islnk():
                    raise ValueError(f"refusing to extract {member.name}")
                members.append(member)
            tf.extractall(dest_root, members=members)  #@safe
            return [m.name for m in members]
