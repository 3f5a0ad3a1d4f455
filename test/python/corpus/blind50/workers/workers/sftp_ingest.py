"""Pull referral files that partner agencies drop on the shared SFTP server.

Agencies send either CSV referrals, XML referrals (DWP schema) or archives of both,
optionally GPG-encrypted.
"""
import csv
import logging
import os
import subprocess
import tarfile
import xml.sax
import zipfile

import defusedxml.ElementTree as DET
import paramiko
from django.conf import settings
from django.db import connection
from lxml import etree

from civic_common import audit, files

from .tasks import notify_partner

log = logging.getLogger(__name__)

SFTP_PASSWORD = "Agency#Drop2021!" #@vuln CWE-798
REMOTE_DIR = "/outbound/council"
PROCESSED_DIR = os.path.join(settings.SFTP_INBOX, "processed")


def _connect():
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy()) #@vuln CWE-295
    client.connect(settings.SFTP_HOST, username=settings.SFTP_USER, password=SFTP_PASSWORD, timeout=30)
    return client


def fetch_files():
    client = _connect()
    sftp = client.open_sftp()
    local_paths = []
    try:
        for entry in sftp.listdir_attr(REMOTE_DIR):
            local = os.path.join(settings.SFTP_INBOX, entry.filename)
            sftp.get(f"{REMOTE_DIR}/{entry.filename}", local) #@vuln CWE-22
            sftp.remove(f"{REMOTE_DIR}/{entry.filename}")
            local_paths.append(local)
    finally:
        sftp.close()
        client.close()
    return local_paths


def decrypt(path):
    out = path[: -len(".gpg")]
    subprocess.run(f"gpg --batch --yes --decrypt --output {out} {path}", shell=True, check=True) #@vuln CWE-78
    return out


def unpack(path, dest):
    os.makedirs(dest, exist_ok=True)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for member in zf.infolist():
                if member.is_dir():
                    continue
                target = files.safe_path(dest, member.filename)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as dst: #@safe
                    dst.write(src.read())
    else:
        with tarfile.open(path) as tf:
            tf.extractall(dest) #@vuln CWE-22
    return [os.path.join(root, f) for root, _, names in os.walk(dest) for f in names]


def import_csv(path, agency):
    count = 0
    with open(path, newline="", encoding="utf-8-sig") as fh, connection.cursor() as cur:
        for row in csv.DictReader(fh):
            cur.execute("INSERT INTO agency_referrals (agency, agency_ref, full_name, postcode, reason) VALUES (%s, %s, %s, %s, %s)", [agency, row["agency_ref"], row["name"], row["postcode"], row.get("reason", "")]) #@safe
            if row.get("case_status"):
                cur.execute(f"UPDATE cases SET status = '{row['case_status']}', updated_at = now() WHERE agency_ref = '{row['agency_ref']}'") #@vuln CWE-89
                if row.get("callback_url"):
                    notify_partner.delay(row["agency_ref"], row["callback_url"], row["case_status"])
            count += 1
    return count


def import_dwp_xml(path):
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    tree = etree.parse(path, parser) #@vuln CWE-611
    referrals = []
    for node in tree.getroot().iterfind(".//Referral"):
        referrals.append({
            "agency_ref": node.findtext("Reference"),
            "name": node.findtext("Claimant/Name"),
            "postcode": node.findtext("Claimant/Postcode"),
        })
    return referrals


def import_hmrc_xml(path):
    root = DET.parse(path).getroot() #@safe
    return [{"agency_ref": r.get("id"), "name": r.findtext("name"), "postcode": r.findtext("pc")} for r in root.iter("record")]


class _HousingHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.refs, self._buf = [], ""

    def characters(self, content):
        self._buf += content

    def endElement(self, name):
        if name == "ref":
            self.refs.append(self._buf.strip())
        self._buf = ""


def import_housing_xml(path):
    handler = _HousingHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True) #@vuln CWE-611
    parser.setContentHandler(handler)
    parser.parse(path)
    return handler.refs


def run_ingest():
    summary = {}
    for path in fetch_files():
        name = os.path.basename(path)
        agency = name.split("_", 1)[0].lower()
        if name.endswith(".gpg"):
            path = decrypt(path)
        if path.endswith((".zip", ".tar.gz", ".tgz")):
            members = unpack(path, path + ".d")
        else:
            members = [path]
        for member in members:
            if member.endswith(".csv"):
                summary[member] = import_csv(member, agency)
            elif member.endswith(".xml") and agency == "dwp":
                summary[member] = len(import_dwp_xml(member))
            elif member.endswith(".xml") and agency == "hmrc":
                summary[member] = len(import_hmrc_xml(member))
            elif member.endswith(".xml"):
                summary[member] = len(import_housing_xml(member))
        files.archive_processed(path, PROCESSED_DIR)
    audit.record("sftp-ingest", "update", None, files=len(summary))
    return summary
