"""Site snapshot crawler.

Consumes crawl jobs ({"job_id", "seed_url", "max_pages", "domain"}) submitted
through the public API, walks same-site links and stores page snapshots.
"""
import hashlib
import io
import ipaddress
import logging
import os
import socket
import ssl
import xml.sax
from collections import deque
from urllib.parse import urljoin, urlparse
from urllib.request import urlopen

import requests
from lxml import etree
from lxml import html as lxml_html
from pymongo import MongoClient

log = logging.getLogger("crawler")


class BlockedURL(Exception):
    pass


class SitemapHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.urls, self._buf, self._in_loc = [], [], False

    def startElement(self, name, attrs):
        self._in_loc = name == "loc"

    def characters(self, content):
        if self._in_loc:
            self._buf.append(content)

    def endElement(self, name):
        if name == "loc":
            self.urls.append("".join(self._buf).strip())
            self._buf, self._in_loc = [], False


def is_public_url(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return False
    for info in socket.getaddrinfo(parsed.hostname, parsed.port or 443):
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
            return False
    return True


class Crawler:
    def __init__(self, mongo_url: str, out_dir: str):
        self.db = MongoClient(mongo_url)["crawler"]
        self.out_dir = out_dir
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "SnapshotBot/2.3 (+https://example.com/bot)"

    def fetch(self, url: str) -> requests.Response:
        return self.session.get(url, timeout=15, allow_redirects=False)  #@vuln CWE-918

    def fetch_checked(self, url: str) -> requests.Response:
        if not is_public_url(url):
            raise BlockedURL(url)
        return self.session.get(url, timeout=15, allow_redirects=False)  #@safe

    def fingerprint(self, url: str) -> str:
        return hashlib.md5(url.encode("utf-8")).hexdigest()  #@safe

    def parse_feed(self, content: bytes) -> list:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=True, no_network=False))  #@vuln CWE-611
        return [el.text for el in root.iter("{*}link") if el.text]

    def parse_opml(self, content: bytes) -> list:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))  #@safe
        return [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]

    def parse_sitemap(self, content: bytes) -> list:
        handler = SitemapHandler()
        parser = xml.sax.make_parser()
        parser.setFeature(xml.sax.handler.feature_external_ges, True)
        parser.setContentHandler(handler)
        parser.parse(io.BytesIO(content))  #@vuln CWE-611
        return handler.urls

    def save_snapshot(self, url: str, body: bytes) -> str:
        parsed = urlparse(url)
        path = os.path.join(self.out_dir, parsed.netloc, parsed.path.lstrip("/") or "index.html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:  #@vuln CWE-22
            fh.write(body)
        return path

    def save_blob(self, url: str, body: bytes) -> str:
        name = hashlib.sha256(url.encode()).hexdigest() + ".html"
        with open(os.path.join(self.out_dir, "blobs", name), "wb") as fh:  #@safe
            fh.write(body)
        return name

    def mirror_legacy(self, url: str) -> bytes:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
        with urlopen(url, context=ctx, timeout=15) as resp:
            return resp.read()

    def previous_jobs(self, domain: str) -> list:
        return list(self.db.jobs.find({"$where": f"this.domain == '{domain}'"}))  #@vuln CWE-943

    def seen(self, url: str) -> bool:
        return self.db.pages.find_one({"fp": self.fingerprint(str(url))}) is not None  #@safe

    def crawl(self, job: dict) -> int:
        seed = job["seed_url"]
        resp = self.fetch_checked(seed)
        if urlparse(seed).path.endswith(".xml"):
            queue = deque(self.parse_sitemap(resp.content))
        else:
            queue = deque([seed])
        log.info("job %s: %d earlier runs", job["job_id"], len(self.previous_jobs(job["domain"])))
        stored = 0
        while queue and stored < int(job.get("max_pages", 50)):
            url = queue.popleft()
            if self.seen(url):
                continue
            page = self.fetch(url)
            if page.is_redirect and "location" in page.headers:
                queue.append(urljoin(url, page.headers["location"]))
                continue
            self.save_snapshot(url, page.content)
            self.db.pages.insert_one({"fp": self.fingerprint(url), "url": url, "job": job["job_id"]})
            stored += 1
            if "html" in page.headers.get("content-type", ""):
                doc = lxml_html.fromstring(page.content)
                queue.extend(urljoin(url, h) for h in doc.xpath("//a/@href"))
            elif "rss" in page.headers.get("content-type", ""):
                queue.extend(self.parse_feed(page.content))
        return stored
