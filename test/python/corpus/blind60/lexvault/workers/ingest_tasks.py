"""Production ingest: remote pulls, archive extraction and load-file parsing."""
from __future__ import annotations

import logging
import marshal
import os
import tarfile
import xml.sax
import zipfile
from pathlib import Path
from xml.sax.handler import feature_external_ges

import requests
from lxml import etree

from lexvault.api.db import session_scope
from lexvault.api.models import Document
from lexvault.common.security import document_fingerprint
from lexvault.common.settings import get_settings
from lexvault.common.storage import matter_dir, safe_filename
from lexvault.workers.celery_app import celery_app
from lexvault.workers.convert_tasks import extract_and_index

settings = get_settings()
log = logging.getLogger(__name__)

CHUNK = 1024 * 1024


def _incoming_dir(matter_id: int) -> Path:
    path = matter_dir(matter_id) / "incoming"
    path.mkdir(parents=True, exist_ok=True)
    return path


def download_archive(url: str, dest: Path) -> Path:
    with requests.get(url, stream=True, timeout=60) as resp:  #@vuln CWE-918
        resp.raise_for_status()
        with open(dest, "wb") as fh:
            for chunk in resp.iter_content(CHUNK):
                fh.write(chunk)
    return dest


def vendor_batch_status(batch_id: str) -> dict:
    resp = requests.get(f"{settings.vendor_portal_url}/batches/{batch_id}", auth=(settings.vendor_portal_user, settings.vendor_portal_token), timeout=30, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()


def extract_zip(archive: Path, dest: Path) -> list[Path]:
    root = os.path.realpath(dest)
    extracted = []
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            target = os.path.realpath(os.path.join(root, member.filename))
            if not target.startswith(root + os.sep) or member.is_dir():
                log.warning("skipping archive member %s", member.filename)
                continue
            zf.extract(member, root)  #@safe
            extracted.append(Path(target))
    return extracted


def extract_tar(archive: Path, dest: Path) -> list[Path]:
    with tarfile.open(archive, "r:*") as tar:
        names = [m.name for m in tar.getmembers() if m.isfile()]
        tar.extractall(path=dest)  #@vuln CWE-22
    return [dest / n for n in names]


def parse_edrm_load_file(xml_path: Path) -> list[dict]:
    tree = etree.parse(str(xml_path), etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False))  #@vuln CWE-611
    records = []
    for doc in tree.iter("Document"):
        tags = {t.get("TagName"): t.get("TagValue") for t in doc.iter("Tag")}
        records.append({
            "doc_id": doc.get("DocID"),
            "custodian": tags.get("#Custodian") or tags.get("Custodian"),
            "title": tags.get("#Subject") or tags.get("#FileName"),
            "filename": tags.get("#FileName"),
            "native": next((f.findtext("ExternalFile/FilePath", "") for f in doc.iter("File") if f.get("FileType") == "Native"), None),
        })
    return records


def parse_opticon_xml(xml_path: Path) -> dict[str, int]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.parse(str(xml_path), parser)  #@safe
    return {img.get("id"): int(img.get("pages", "1")) for img in tree.iter("image")}


class OverlayHandler(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self._field: str | None = None

    def startElement(self, name, attrs):
        if name == "record":
            self.rows.append({"bates": attrs.get("bates")})
        self._field = name if self.rows and name != "record" else None

    def characters(self, content):
        if self._field:
            self.rows[-1][self._field] = self.rows[-1].get(self._field, "") + content


def parse_metadata_overlay(xml_path: Path) -> list[dict]:
    handler = OverlayHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    parser.setContentHandler(handler)
    parser.parse(str(xml_path))
    return handler.rows


def read_legacy_index(path: Path) -> dict:
    """Older processing engines ship a compiled .lvidx index beside the natives."""
    with open(path, "rb") as fh:
        return marshal.loads(fh.read())  #@vuln CWE-502


def register_natives(matter_id: int, staging: Path, records: list[dict], pages: dict[str, int]) -> int:
    created = 0
    with session_scope() as session:
        for rec in records:
            native = rec.get("native")
            if not native:
                continue
            candidate = (staging / native.replace("\\", "/")).resolve()
            if not candidate.is_relative_to(staging.resolve()) or not candidate.is_file():
                continue
            data = candidate.read_bytes()
            digest = document_fingerprint(data)
            stored_name = f"{digest[:2]}/{digest}{candidate.suffix.lower()}"
            target = matter_dir(matter_id) / "natives" / stored_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            doc = Document(matter_id=matter_id, bates_begin=rec.get("doc_id"), custodian=rec.get("custodian") or "Unknown",
                           title=rec.get("title"), original_filename=rec.get("filename") or candidate.name,
                           stored_name=stored_name, sha256=digest, page_count=pages.get(rec.get("doc_id")))
            session.add(doc)
            session.flush()
            extract_and_index.delay(doc.id)
            created += 1
    return created


@celery_app.task(bind=True, max_retries=3, default_retry_delay=300)
def fetch_remote_production(self, matter_id: int, source_url: str, archive_name: str) -> dict:
    incoming = _incoming_dir(matter_id)
    archive = incoming / safe_filename(archive_name)
    try:
        download_archive(source_url, archive)
    except requests.RequestException as exc:
        raise self.retry(exc=exc)
    return ingest_production.run(matter_id, str(archive))


@celery_app.task
def ingest_production(matter_id: int, archive_path: str) -> dict:
    archive = Path(archive_path)
    staging = _incoming_dir(matter_id) / archive.stem
    staging.mkdir(parents=True, exist_ok=True)
    if zipfile.is_zipfile(archive):
        files = extract_zip(archive, staging)
    else:
        files = extract_tar(archive, staging)

    records: list[dict] = []
    pages: dict[str, int] = {}
    for path in files:
        name = path.name.lower()
        if name.endswith(".xml") and "edrm" in name:
            records.extend(parse_edrm_load_file(path))
        elif name.endswith(".overlay.xml"):
            overlay = {row["bates"]: row for row in parse_metadata_overlay(path)}
            for rec in records:
                rec.update(overlay.get(rec.get("doc_id"), {}))
        elif name.endswith(".opt.xml"):
            pages.update(parse_opticon_xml(path))
        elif name.endswith(".lvidx"):
            records.extend(read_legacy_index(path).get("documents", []))
    created = register_natives(matter_id, staging, records, pages)
    log.info("matter %s: ingested %s documents from %s", matter_id, created, archive.name)
    return {"documents": created}
