"""Archive import helpers shared by the upload and reporting services."""
import os
import shutil
import tarfile
import zipfile

MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024


class ArchiveError(Exception):
    pass


def _is_within(base, target):
    base = os.path.realpath(base)
    target = os.path.realpath(target)
    return os.path.commonpath([base, target]) == base


def extract_zip(zip_path, dest_dir):
    """Unpack an uploaded zip into dest_dir, keeping the folder structure."""
    extracted = []
    total = 0
    with zipfile.ZipFile(zip_path) as zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS:
            raise ArchiveError("too many files in archive")
        for info in members:
            if info.is_dir():
                continue
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise ArchiveError("archive too large")
            target = os.path.join(dest_dir, info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
            extracted.append(info.filename)
    return extracted


def extract_tar(tar_path, dest_dir):
    """Desktop agent exports are plain tarballs."""
    with tarfile.open(tar_path, "r:*") as tf:
        names = tf.getnames()
        if len(names) > MAX_MEMBERS:
            raise ArchiveError("too many files in archive")
        tf.extractall(dest_dir)  #@vuln CWE-22
    return names


def safe_extract_tar(tar_path, dest_dir):
    """Used for tenant backups, which may come from other installations."""
    accepted = []
    with tarfile.open(tar_path, "r:*") as tf:
        for member in tf.getmembers():
            if member.issym() or member.islnk() or member.isdev():
                continue
            if not _is_within(dest_dir, os.path.join(dest_dir, member.name)):
                raise ArchiveError(f"blocked archive member {member.name!r}")
            accepted.append(member)
        if len(accepted) > MAX_MEMBERS:
            raise ArchiveError("too many files in archive")
        tf.extractall(dest_dir, members=accepted)  #@safe
    return [m.name for m in accepted]
