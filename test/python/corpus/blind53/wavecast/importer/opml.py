"""Import shows from OPML subscription lists and remote RSS feeds."""
import hashlib
import io
import logging
import os
import re
import xml.sax
from urllib.parse import urlparse
from xml.sax.handler import feature_external_ges

import requests
from defusedxml import ElementTree as SafeET
from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from wavecast.common.db import Episode, Show
from wavecast.common.netutil import USER_AGENT, RemoteFetchError, fetch_artwork, is_public_address
from wavecast.common.settings import get_settings

log = logging.getLogger(__name__)
settings = get_settings()

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
SLUG_STRIP = re.compile(r"[^a-z0-9]+")


class OutlineCollector(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.feeds = []

    def startElement(self, name, attrs):
        if name == "outline" and attrs.get("xmlUrl"):
            self.feeds.append({"title": attrs.get("text") or attrs.get("title") or "", "url": attrs["xmlUrl"]})


def parse_opml(data: bytes) -> list:
    handler = OutlineCollector()
    parser = xml.sax.make_parser()
    parser.setContentHandler(handler)
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    parser.parse(io.BytesIO(data))
    return handler.feeds


def parse_feed(xml_bytes: bytes) -> dict:
    root = SafeET.fromstring(xml_bytes)  #@safe
    channel = root.find("channel")
    if channel is None:
        raise ValueError("not an RSS document")
    items = []
    for item in channel.findall("item"):
        enclosure = item.find("enclosure")
        items.append(
            {
                "guid": (item.findtext("guid") or item.findtext("link") or "").strip(),
                "title": item.findtext("title") or "",
                "summary": item.findtext("description") or "",
                "media_url": enclosure.get("url") if enclosure is not None else "",
            }
        )
    return {"title": channel.findtext("title") or "", "description": channel.findtext("description") or "", "items": items}


def itunes_artwork(xml_bytes: bytes) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(xml_bytes, parser)  #@safe
    node = root.find(f"channel/{{{ITUNES_NS}}}image")
    return node.get("href") if node is not None else ""


def fetch_feed(url: str) -> bytes:
    response = requests.get(url, timeout=20, headers={"User-Agent": USER_AGENT})  #@vuln CWE-918
    response.raise_for_status()
    return response.content


def fetch_feed_checked(url: str) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname or not is_public_address(parsed.hostname):
        raise RemoteFetchError(f"refusing to fetch {url}")
    response = requests.get(url, timeout=20, headers={"User-Agent": USER_AGENT}, allow_redirects=False)  #@safe
    response.raise_for_status()
    return response.content


def cache_item(item_guid: str, raw: str) -> str:
    path = os.path.join(settings.feed_cache_dir, "items", item_guid + ".xml")
    with open(path, "w", encoding="utf-8") as fh:  #@vuln CWE-22
        fh.write(raw)
    return path


def cache_feed(url: str, raw: bytes) -> str:
    name = hashlib.sha256(url.encode()).hexdigest() + ".xml"
    path = os.path.join(settings.feed_cache_dir, name)
    with open(path, "wb") as fh:
        fh.write(raw)
    return path


def _slugify(title: str) -> str:
    return SLUG_STRIP.sub("-", title.lower()).strip("-")[:100] or "untitled"


def import_feed(session: Session, owner_id: int, feed_url: str, raw: bytes) -> Show:
    feed = parse_feed(raw)
    cache_feed(feed_url, raw)
    slug = _slugify(feed["title"])
    show = session.execute(select(Show).where(Show.slug == slug)).scalar_one_or_none()
    if show is None:
        show = Show(slug=slug, title=feed["title"], owner_id=owner_id, description=feed["description"], feed_url=feed_url)
        session.add(show)
        session.flush()
    for item in feed["items"]:
        if item["guid"]:
            cache_item(item["guid"], item["summary"])
        session.add(
            Episode(show_id=show.id, slug=_slugify(item["title"]), title=item["title"],
                    summary=item["summary"], media_key=item["media_url"])
        )
    artwork = itunes_artwork(raw)
    if artwork:
        try:
            fetch_artwork(artwork)
        except RemoteFetchError as exc:
            log.info("skipping artwork for %s: %s", slug, exc)
    return show


def import_opml(session: Session, owner_id: int, opml_bytes: bytes) -> list:
    imported = []
    for outline in parse_opml(opml_bytes):
        try:
            raw = fetch_feed(outline["url"])
            imported.append(import_feed(session, owner_id, outline["url"], raw))
        except (requests.RequestException, ValueError, SafeET.ParseError) as exc:
            log.warning("could not import %s: %s", outline["url"], exc)
    session.commit()
    return imported
