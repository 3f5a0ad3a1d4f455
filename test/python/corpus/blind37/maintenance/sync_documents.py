#!/usr/bin/env python3
"""Document storage maintenance for the portal.

    python -m maintenance.sync_documents ingest <customer_id>     # tarballs dropped via the SFTP gateway
    python -m maintenance.sync_documents restore <customer_id> <backup-key>
    python -m maintenance.sync_documents verify <customer_id>
"""
import argparse
import os
import sys
import tarfile
import tempfile

from sqlalchemy import text

from portal.app import create_app
from portal.extensions import db, s3
from portal.models import Document

BACKUP_BUCKET = "portal-documents-backup"


def ingest_incoming(app, customer_id):
    """Customers upload .tar.gz bundles through the SFTP gateway into s3://<bucket>/incoming/<id>/."""
    bucket = app.config["S3_BUCKET"]
    prefix = f"{app.config['S3_INCOMING_PREFIX']}{customer_id}/"
    dest = os.path.join(app.config["UPLOAD_ROOT"], str(customer_id), "incoming")
    os.makedirs(dest, exist_ok=True)
    listing = s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
    for obj in listing.get("Contents", []):
        if not obj["Key"].endswith((".tar.gz", ".tgz")):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            local = os.path.join(tmp, "bundle.tar.gz")
            s3.download_file(bucket, obj["Key"], local)
            with tarfile.open(local, "r:gz") as tar:
                tar.extractall(dest)  #@vuln CWE-22
        s3.delete_object(Bucket=bucket, Key=obj["Key"])
        print(f"ingested {obj['Key']}")


def restore_backup(app, customer_id, backup_key):
    dest = os.path.join(app.config["UPLOAD_ROOT"], str(customer_id))
    with tempfile.TemporaryDirectory() as tmp:
        local = os.path.join(tmp, "restore.tar.gz")
        s3.download_file(BACKUP_BUCKET, backup_key, local)
        with tarfile.open(local, "r:gz") as tar:
            tar.extractall(dest, filter="data")  #@safe
    print(f"restored {backup_key} into {dest}")


def verify(app, customer_id):
    root = os.path.join(app.config["UPLOAD_ROOT"], str(customer_id))
    db.session.execute(text(f"UPDATE documents SET missing = false WHERE owner_id = {customer_id}"))  #@safe
    missing = 0
    for doc in Document.query.filter_by(owner_id=customer_id).all():
        path = os.path.join(root, doc.filename)
        if not os.path.exists(path):
            doc.missing = True
            missing += 1
    db.session.commit()
    print(f"{missing} local copies missing for customer {customer_id}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("action", choices=["ingest", "restore", "verify"])
    p.add_argument("customer_id", type=int)
    p.add_argument("backup_key", nargs="?")
    args = p.parse_args(argv)

    app = create_app()
    with app.app_context():
        if args.action == "ingest":
            ingest_incoming(app, args.customer_id)
        elif args.action == "restore":
            if not args.backup_key:
                p.error("restore needs a backup key")
            restore_backup(app, args.customer_id, args.backup_key)
        else:
            verify(app, args.customer_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
