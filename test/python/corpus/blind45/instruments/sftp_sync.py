"""Pull result exports from the instrument PCs over SFTP and import them.

Run from cron on lims-worker01:  python -m instruments.sftp_sync qtof-01 cfx-02
"""
import logging
import os
import posixpath
import stat
import sys
import tarfile
import zipfile

import paramiko

from common import config
from common.paths import ensure_dir
from instruments import tabular_import, xml_results

log = logging.getLogger("sftp_sync")

INSTRUMENT_PCS = {
    "qtof-01": {"host": "10.20.4.11", "user": "labsync", "password": "Sync!2020qtof", "export_dir": "/C:/MassHunter/Export"},  #@vuln CWE-798
    "cfx-02": {"host": "10.20.4.17", "user": "labsync", "key_file": "/etc/lims/keys/cfx02_ed25519", "export_dir": "/exports", "known_hosts": "/etc/lims/known_hosts"},
    "orbi-03": {"host": "10.20.4.23", "user": "labsync", "key_file": "/etc/lims/keys/orbi03_ed25519", "export_dir": "/data/export", "known_hosts": "/etc/lims/known_hosts"},
}


def _connect(pc):
    client = paramiko.SSHClient()
    if pc.get("known_hosts"):
        client.load_host_keys(pc["known_hosts"])
        client.set_missing_host_key_policy(paramiko.RejectPolicy())  #@safe
    else:
        # the Windows PCs get reimaged by the vendor and their host keys change
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  #@vuln CWE-295
    client.connect(pc["host"], username=pc["user"], password=pc.get("password"), key_filename=pc.get("key_file"), timeout=20, allow_agent=False)
    return client


def extract_run_archive(archive_path, dest):
    """Instrument runs are shipped as .zip (Windows PCs) or .tar.gz (Linux PCs)."""
    ensure_dir(dest)
    if zipfile.is_zipfile(archive_path):
        with zipfile.ZipFile(archive_path) as zf:
            for member in zf.infolist():
                if member.is_dir():
                    continue
                target = os.path.join(dest, member.filename)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                    out.write(src.read())
    elif archive_path.endswith((".tar.gz", ".tgz")):
        with tarfile.open(archive_path, "r:gz") as tf:
            tf.extractall(dest)  #@vuln CWE-22
    return dest


def extract_reference_bundle(bundle_path, dest):
    # calibration bundles downloaded by the instrument software
    with tarfile.open(bundle_path, "r:*") as tf:
        tf.extractall(dest, filter="data")  #@safe
    return dest


def _import_local(path, instrument):
    if path.endswith(".xml"):
        with open(path, "rb") as fh:
            rows = xml_results.parse_any(fh.read())
        with tabular_import.connect() as conn:
            tabular_import.insert_results(conn, [(r["sample_id"], r["analyte"], r["value"], r["unit"], instrument, None) for r in rows])
        return len(rows)
    if path.endswith((".zip", ".tar.gz", ".tgz")):
        extracted = extract_run_archive(path, path + ".d")
        return sum(_import_local(os.path.join(root, f), instrument) for root, _, files in os.walk(extracted) for f in files)
    return tabular_import.import_file(path, instrument)


def sync_instrument(name):
    pc = INSTRUMENT_PCS[name]
    client = _connect(pc)
    sftp = client.open_sftp()
    export_dir = pc["export_dir"]
    local_root = ensure_dir(config.INSTRUMENT_INBOX / name)
    fetched = []
    try:
        for entry in sftp.listdir_attr(export_dir):
            if stat.S_ISDIR(entry.st_mode) or entry.filename.startswith("."):
                continue
            local = os.path.join(local_root, os.path.basename(entry.filename))
            if os.path.exists(local) and os.path.getsize(local) == entry.st_size:
                continue
            sftp.get(posixpath.join(export_dir, entry.filename), local)  #@safe
            fetched.append(local)

        # newer exports list nested run folders in manifest.txt
        try:
            with sftp.open(posixpath.join(export_dir, "manifest.txt")) as mf:
                manifest = mf.read().decode("utf-8", "replace").splitlines()
        except IOError:
            manifest = []
        for rel in filter(None, (m.strip() for m in manifest)):
            local = os.path.join(local_root, rel)
            ensure_dir(os.path.dirname(local))
            sftp.get(posixpath.join(export_dir, rel), local)  #@vuln CWE-22
            fetched.append(local)
    finally:
        sftp.close()
        client.close()

    total = 0
    for path in fetched:
        try:
            total += _import_local(path, name)
        except Exception:
            log.exception("import failed for %s", path)
    log.info("%s: fetched %d files, imported %d results", name, len(fetched), total)
    return total


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    for instrument in sys.argv[1:] or INSTRUMENT_PCS:
        sync_instrument(instrument)
