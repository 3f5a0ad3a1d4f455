import os
import shutil
import tarfile
import zipfile


class UnsafeArchive(ValueError):
    pass


def unpack_zip(archive_path: str, dest_dir: str) -> list[str]:
    with zipfile.ZipFile(archive_path) as zf:
        zf.extractall(dest_dir)  #@vuln CWE-22
        return zf.namelist()


def unpack_zip_checked(archive_path: str, dest_dir: str) -> list[str]:
    root = os.path.realpath(dest_dir)
    extracted = []
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            target = os.path.realpath(os.path.join(root, info.filename))
            if os.path.commonpath([root, target]) != root:
                raise UnsafeArchive(info.filename)
            zf.extract(info, root)  #@safe
            extracted.append(target)
    return extracted


def copy_flat(archive_path: str, dest_dir: str) -> int:
    count = 0
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = os.path.join(dest_dir, info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:  #@vuln CWE-22
                shutil.copyfileobj(src, dst)
            count += 1
    return count


def unpack_tar(archive_path: str, dest_dir: str) -> None:
    with tarfile.open(archive_path, "r:*") as tf:
        tf.extractall(dest_dir)  #@vuln CWE-22


def unpack_tar_filtered(archive_path: str, dest_dir: str) -> None:
    with tarfile.open(archive_path, "r:*") as tf:
        tf.extractall(dest_dir, filter="data")  #@safe
