import logging
import os
import subprocess
import tarfile
import xml.sax
import zipfile
from xml.sax.handler import feature_external_ges

from lxml import etree

from ..celery_app import app
from ..integrations.s3 import DocumentStore
from ..integrations.sftp import BrokerSftp
from ..settings import settings

log = logging.getLogger(__name__)
store = DocumentStore(settings.document_bucket, settings.s3_endpoint)
ACORD_NS = {"a": "http://www.ACORD.org/standards/PC_Surety/ACORD1/xml/"}


def classify(directory: str) -> dict[str, str]:
    kinds = {}
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        kinds[name] = subprocess.check_output(f"file --mime-type -b {path}", shell=True, text=True).strip()  #@vuln CWE-78
    return kinds


@app.task
def ingest_upload(key: str) -> dict[str, str]:
    workdir = os.path.join(settings.work_dir, "uploads")
    local = store.download_to(key, workdir)
    dest = os.path.join(workdir, "extracted", os.path.basename(key).split(".")[0])
    os.makedirs(dest, exist_ok=True)
    if local.endswith(".zip"):
        with zipfile.ZipFile(local) as zf:
            zf.extractall(dest)  #@vuln CWE-22
    elif local.endswith((".tar.gz", ".tgz")):
        with tarfile.open(local, "r:gz") as tf:
            tf.extractall(dest)  #@vuln CWE-22
    return classify(dest)


@app.task
def ingest_broker_batch(remote_dir: str) -> int:
    batch_dir = os.path.join(settings.work_dir, "broker", remote_dir.strip("/").replace("/", "_"))
    os.makedirs(batch_dir, exist_ok=True)
    sftp = BrokerSftp(settings.sftp_host, settings.sftp_user, settings.sftp_password)
    try:
        files = sftp.fetch_batch(remote_dir, batch_dir)
    finally:
        sftp.close()
    for path in filter(tarfile.is_tarfile, files):
        with tarfile.open(path) as tf:
            tf.extractall(batch_dir, filter="data")  #@safe
    return len(files)


@app.task
def parse_acord_claim(key: str) -> dict:
    local = store.download_to(key, os.path.join(settings.work_dir, "acord"))
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)  #@vuln CWE-611
    tree = etree.parse(local, parser)
    fields = {"policy": "PolicyNumber", "loss_date": "LossDt", "description": "LossDesc"}
    return {key: tree.findtext(f".//a:{tag}", namespaces=ACORD_NS) for key, tag in fields.items()}


def parse_remittance(data: bytes) -> list[dict]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)  #@safe
    root = etree.fromstring(data, parser)
    return [{"ref": p.get("ref"), "amount": p.findtext("Amount")} for p in root.iter("Payment")]


class LossRunHandler(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self._text: list[str] = []

    def characters(self, content):
        self._text.append(content)

    def endElement(self, name):
        if name == "LossRef":
            self.rows.append({})
        if name in ("LossRef", "PaidAmount", "ReserveAmount") and self.rows:
            self.rows[-1][name] = "".join(self._text).strip()
        self._text = []


@app.task
def parse_loss_run(key: str) -> list[dict]:
    local = store.download_to(key, os.path.join(settings.work_dir, "loss_runs"))
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    handler = LossRunHandler()
    parser.setContentHandler(handler)
    parser.parse(local)
    return handler.rows
