import os
import shutil
import tarfile
import zipfile


def extract_zip(archive_path, dest):
    extracted = []
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = os.path.join(dest, info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:  #@vuln CWE-22
                shutil.copyfileobj(src, out)
            extracted.append(target)
    return extracted


def extract_tar(archive_path, dest):
    with tarfile.open(archive_path, "r:*") as tf:
        names = tf.getnames()
        tf.extractall(dest)  #@vuln CWE-22
    return [os.path.join(dest, n) for n in names]


def extract_tar_checked(archive_path, dest):
    dest_real = os.path.realpath(dest)
    members = []
    with tarfile.open(archive_path, "r:*") as tf:
        for member in tf.getmembers():
            if member.issym() or member.islnk() or member.isdev():
                continue
            target = os.path.realpath(os.path.join(dest_real, member.name))
            if os.path.commonpath([dest_real, target]) != dest_real:
                raise ValueError(f"blocked archive member {member.name!r}")
            members.append(member)
        tf.extractall(dest_real, members=members)  #@safe
    return [os.path.join(dest_real, m.name) for m in members]
