"""Customer documents: uploads, local copies in UPLOAD_ROOT, S3 storage, conversions, reports."""
import csv
import hashlib
import io
import os
import tempfile
import time
import zipfile

import yaml
from defusedxml import ElementTree as SafeET
from flask import current_app, send_file, send_from_directory
from lxml import etree
from sqlalchemy import text
from werkzeug.utils import secure_filename

from portal.extensions import db, s3
from portal.models import Document

REPORT_HELPERS = {"round": round, "len": len, "sum": sum, "min": min, "max": max}


class DocumentService:
    def _root(self, owner):
        path = os.path.join(current_app.config["UPLOAD_ROOT"], str(owner.id))
        os.makedirs(path, exist_ok=True)
        return path

    def _bucket(self):
        return current_app.config["S3_BUCKET"]

    def store_upload(self, owner, upload, title=None):
        filename = secure_filename(upload.filename) or "upload.bin"
        local_path = os.path.join(self._root(owner), filename)
        upload.save(local_path)  #@safe
        key = f"{owner.id}/{int(time.time())}-{filename}"
        s3.upload_file(local_path, self._bucket(), key, ExtraArgs={"ContentType": upload.mimetype})
        doc = Document(owner_id=owner.id, title=title or filename, filename=filename, storage_key=key,
                       content_type=upload.mimetype, size=os.path.getsize(local_path))
        db.session.add(doc)
        db.session.commit()
        return doc

    def store_attachment(self, owner, upload, folder):
        # folder comes from the "save to" dropdown, but the JSON API accepts any string
        target_dir = os.path.join(self._root(owner), folder)
        os.makedirs(target_dir, exist_ok=True)
        upload.save(os.path.join(target_dir, upload.filename))  #@vuln CWE-22
        return os.path.join(folder, upload.filename)

    def open_local(self, owner, name):
        return send_file(os.path.join(self._root(owner), name), as_attachment=True)  #@vuln CWE-22

    def open_shared(self, owner, name):
        return send_from_directory(self._root(owner), name, as_attachment=True)  #@safe

    def import_bundle(self, owner, archive_bytes):
        dest = os.path.join(self._root(owner), "imported")
        extracted = []
        with zipfile.ZipFile(io.BytesIO(archive_bytes)) as zf:
            for member in zf.infolist():
                if member.is_dir():
                    continue
                target = os.path.join(dest, member.filename)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with zf.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                    out.write(src.read())
                extracted.append(member.filename)
        return extracted

    def list_documents(self, owner, sort="created_at desc"):
        return Document.query.filter_by(owner_id=owner.id).order_by(text(sort)).limit(200).all()  #@vuln CWE-89

    def convert(self, owner, doc, target_format="pdf"):
        src = os.path.join(self._root(owner), secure_filename(doc.filename))
        outdir = os.path.join(self._root(owner), "converted")
        os.makedirs(outdir, exist_ok=True)
        rc = os.system(f"soffice --headless --convert-to {target_format} --outdir {outdir} {src}")  #@vuln CWE-78
        if rc != 0:
            raise RuntimeError(f"conversion failed ({rc})")
        return os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + target_format.split(":")[0])

    def render_preview(self, doc):
        tmp_path = tempfile.mktemp(suffix=".bin", prefix="preview-")  #@vuln CWE-377
        s3.download_file(self._bucket(), doc.storage_key, tmp_path)
        return tmp_path

    def stage_download(self, doc):
        suffix = os.path.splitext(doc.filename)[1]
        with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as tmp:  #@safe
            s3.download_fileobj(self._bucket(), doc.storage_key, tmp)
            return tmp.name

    def parse_metadata_xml(self, raw: bytes):
        # scanners in the branch offices produce XMP-ish sidecars
        parser = etree.XMLParser(resolve_entities=True, no_network=False, huge_tree=True)
        root = etree.fromstring(raw, parser)  #@vuln CWE-611
        return {etree.QName(child).localname: (child.text or "").strip() for child in root}

    def parse_manifest_xml(self, raw: bytes):
        root = SafeET.fromstring(raw)  #@safe
        return [{"name": f.get("name"), "sha256": f.get("sha256")} for f in root.iter("file")]

    def load_sidecar(self, raw: bytes):
        return yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502

    def load_tags(self, raw: bytes):
        data = yaml.safe_load(raw) or {}  #@safe
        return [str(t) for t in data.get("tags", [])][:50]

    def share_signature(self, doc_id, expires):
        secret = current_app.config["SECRET_KEY"]
        return hashlib.sha1(f"{secret}:{doc_id}:{expires}".encode()).hexdigest()  #@vuln CWE-328|CWE-327

    def build_report(self, owner, columns):
        """columns: [{"title": "Size (KB)", "expr": "round(doc['size'] / 1024, 1)"}, ...] from the report builder UI."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([c["title"] for c in columns])
        for d in Document.query.filter_by(owner_id=owner.id).all():
            doc = d.to_dict()
            row = []
            for column in columns:
                row.append(eval(column["expr"], {"__builtins__": REPORT_HELPERS}, {"doc": doc}))  #@vuln CWE-95
            writer.writerow(row)
        return out.getvalue()
