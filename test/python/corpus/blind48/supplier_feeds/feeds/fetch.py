"""Getting supplier feed files onto local disk (FTP drop or HTTPS)."""
import ftplib
import logging
import os

from retail_common.config import (FEED_CACHE_DIR, SUPPLIER_FTP_HOST,
                                  SUPPLIER_FTP_PASSWORD, SUPPLIER_FTP_USER)
from retail_common.crypto import fingerprint_feed
from retail_common.http import fetch_feed, fetch_legacy_feed

log = logging.getLogger(__name__)

FEED_SUFFIXES = (".csv", ".xml", ".json", ".zip")


def _partner_dir(partner_code):
    path = os.path.join(FEED_CACHE_DIR, partner_code)
    os.makedirs(path, exist_ok=True)
    return path


def pull_ftp_drop(partner_code, remote_dir="/outgoing"):
    """Download every new file the supplier left in their outgoing folder."""
    local_dir = _partner_dir(partner_code)
    downloaded = []
    with ftplib.FTP(SUPPLIER_FTP_HOST, timeout=60) as ftp:
        ftp.login(SUPPLIER_FTP_USER, SUPPLIER_FTP_PASSWORD)
        ftp.cwd(remote_dir)
        for name in ftp.nlst():
            if not name.lower().endswith(FEED_SUFFIXES):
                continue
            local_path = os.path.join(local_dir, name)
            with open(local_path, "wb") as fh:  #@vuln CWE-22
                ftp.retrbinary(f"RETR {name}", fh.write)
            downloaded.append(local_path)
    log.info("pulled %d files for %s", len(downloaded), partner_code)
    return downloaded


def pull_ftp_archive(partner_code, remote_dir="/archive"):
    """Same as above for the archive folder, which the new supplier portal uses."""
    local_dir = _partner_dir(partner_code)
    out = []
    with ftplib.FTP_TLS(SUPPLIER_FTP_HOST, timeout=60) as ftp:
        ftp.login(SUPPLIER_FTP_USER, SUPPLIER_FTP_PASSWORD)
        ftp.prot_p()
        ftp.cwd(remote_dir)
        for name in ftp.nlst():
            safe_name = os.path.basename(name.replace("\\", "/"))
            if not safe_name or safe_name.startswith(".") or not safe_name.lower().endswith(FEED_SUFFIXES):
                continue
            with open(os.path.join(local_dir, safe_name), "wb") as fh:  #@safe
                ftp.retrbinary(f"RETR {name}", fh.write)
            out.append(os.path.join(local_dir, safe_name))
    return out


def pull_http_feed(partner_code, feed_url):
    if partner_code == "nordhaus":
        payload = fetch_legacy_feed()
    else:
        payload = fetch_feed(feed_url)
    path = os.path.join(_partner_dir(partner_code), f"latest-{fingerprint_feed(payload)[:12]}.xml")
    if os.path.exists(path):
        log.info("feed for %s unchanged, skipping", partner_code)
        return None
    with open(path, "wb") as fh:
        fh.write(payload)
    return path
