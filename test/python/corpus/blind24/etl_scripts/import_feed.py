#!/usr/bin/env python3
"""Import a partner product feed into the local staging DB.

Feeds arrive as a tarball (products.csv + images/ + meta.xml) either on the
SFTP drop or at a partner URL.
"""
import argparse
import logging
import os
import sqlite3
import tarfile
import tempfile

import pandas as pd
import requests
from lxml import etree

from common import crypto, storage

log = logging.getLogger("import_feed")

STAGING_DB = os.environ.get("STAGING_DB", "/srv/etl/staging.db")
IMAGE_ROOT = os.environ.get("FEED_IMAGE_ROOT", "/srv/etl/images")
FEED_USER = "partner_sync"
FEED_PASSWORD = "p@rtn3r-Sync-2023"  #@vuln CWE-798


def download(url, dest):
    with requests.get(url, auth=(FEED_USER, FEED_PASSWORD), timeout=60, stream=True) as r:
        r.raise_for_status()
        with open(dest, "wb") as fh:
            for chunk in r.iter_content(1 << 16):
                fh.write(chunk)
    return dest


def unpack(tar_path, workdir):
    with tarfile.open(tar_path, "r:*") as tf:
        tf.extractall(workdir)  #@vuln CWE-22
    return workdir


def read_meta(workdir):
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    tree = etree.parse(os.path.join(workdir, "meta.xml"), parser)  #@vuln CWE-611
    root = tree.getroot()
    return {"supplier": root.findtext("supplier"), "generated": root.findtext("generated")}


def copy_images(df, workdir):
    os.makedirs(IMAGE_ROOT, exist_ok=True)
    for _, row in df.iterrows():
        src = os.path.join(workdir, "images", os.path.basename(row["image_file"]))
        if not os.path.exists(src):
            continue
        dest = os.path.join(IMAGE_ROOT, row["supplier_sku"] + "_" + row["image_file"])
        with open(src, "rb") as fi, open(dest, "wb") as fo:  #@vuln CWE-22
            fo.write(fi.read())


def write_staging(df, supplier):
    db = sqlite3.connect(STAGING_DB)
    cur = db.cursor()
    cur.execute("CREATE TABLE IF NOT EXISTS staged (supplier TEXT, sku TEXT, name TEXT, price REAL, etag TEXT)")
    cur.execute(f"DELETE FROM staged WHERE supplier = '{supplier}'")  #@vuln CWE-89
    rows = [
        (supplier, r.supplier_sku, r.name, float(r.price), crypto.content_etag(f"{r.supplier_sku}|{r.name}|{r.price}".encode()))
        for r in df.itertuples()
    ]
    cur.executemany("INSERT INTO staged (supplier, sku, name, price, etag) VALUES (?, ?, ?, ?, ?)", rows)  #@safe
    db.commit()
    db.close()
    return len(rows)


def main():
    p = argparse.ArgumentParser()
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--url")
    src.add_argument("--file")
    p.add_argument("--checked", action="store_true", help="use strict archive extraction")
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO)

    with tempfile.TemporaryDirectory(prefix="feed-") as workdir:
        tar_path = args.file or download(args.url, os.path.join(workdir, "feed.tar.gz"))
        if os.system("clamscan --no-summary --infected %s" % tar_path) != 0:  #@vuln CWE-78
            raise SystemExit("feed archive failed AV scan: %s" % tar_path)
        if args.checked:
            storage.extract_tar_checked(tar_path, workdir)
        else:
            unpack(tar_path, workdir)
        meta = read_meta(workdir)
        df = pd.read_csv(os.path.join(workdir, "products.csv"), dtype=str)
        copy_images(df, workdir)
        n = write_staging(df, meta["supplier"])
        log.info("staged %d products for %s", n, meta["supplier"])


if __name__ == "__main__":
    main()
