"""Outbound integrations and the audit trail: avatars, feeds, link previews, partner API, diagnostics."""
import json
import re
import subprocess
import urllib.request
from datetime import datetime
from urllib.parse import urlparse

import requests
from flask import current_app

from portal.extensions import audit_log, http, s3

HOSTNAME_RE = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")


class IntegrationService:
    def cache_avatar(self, user_id, url):
        resp = http.get(url, timeout=5, stream=True)  #@vuln CWE-918
        resp.raise_for_status()
        if not resp.headers.get("Content-Type", "").startswith("image/"):
            raise ValueError("avatar must be an image")
        key = f"avatars/{user_id}"
        s3.upload_fileobj(resp.raw, current_app.config["S3_BUCKET"], key)
        return f"/media/{key}"

    def status_feed(self, feed_url):
        parsed = urlparse(feed_url)
        if parsed.scheme != "https" or parsed.hostname not in current_app.config["FEED_ALLOWED_HOSTS"]:
            raise ValueError("feed host not allowed")
        resp = http.get(feed_url, timeout=5, allow_redirects=False)  #@safe
        resp.raise_for_status()
        return resp.json().get("incidents", [])

    def link_preview(self, link):
        with urllib.request.urlopen(link, timeout=5) as resp:  #@vuln CWE-918
            html = resp.read(65536).decode("utf-8", "replace")
        title = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
        return {"url": link, "title": title.group(1).strip() if title else link}

    def legacy_partner_status(self):
        # old partner endpoint with a self-signed cert; kept for the finance dashboard
        resp = requests.get("https://legacy-partners.example.com/status", timeout=10, verify=False)  #@vuln CWE-295
        return resp.json()

    def resolve(self, host):
        host = host.strip().lower()
        if not HOSTNAME_RE.match(host):
            raise ValueError("invalid hostname")
        out = subprocess.run(["dig", "+short", host], capture_output=True, text=True, timeout=10)  #@safe
        return out.stdout.split()

    def trace(self, host):
        return subprocess.check_output("traceroute -m 15 -w 2 " + host, shell=True, text=True, timeout=60)  #@vuln CWE-78

    def record(self, actor, action, **details):
        audit_log.insert_one({"actor": actor, "action": action, "details": details, "ts": datetime.utcnow()})

    def audit_for(self, actor, action=None):
        query = {"actor": int(actor)}
        if action:
            query["action"] = str(action)
        return list(audit_log.find(query, {"_id": 0}).sort("ts", -1).limit(200))  #@safe

    def audit_query(self, raw_filter):
        # power users paste a filter document from the admin UI
        return list(audit_log.find(json.loads(raw_filter), {"_id": 0}).sort("ts", -1).limit(200))  #@vuln CWE-943

    def audit_by_ip(self, ip):
        return list(audit_log.find({"$where": f"this.details.ip == '{ip}'"}, {"_id": 0}).limit(200))  #@vuln CWE-943

    def grep_log(self, pattern, limit=200):
        rx = re.compile(pattern)  #@vuln CWE-1333
        hits = []
        with open(current_app.config["LOG_FILE"], encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if rx.search(line):
                    hits.append(line.rstrip())
                    if len(hits) >= limit:
                        break
        return hits
