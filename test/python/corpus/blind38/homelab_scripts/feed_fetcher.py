#!/usr/bin/env python3
"""
feed_fetcher.py - grabs all my RSS/Atom feeds and writes a daily digest html
subscriptions come from a yaml file, or from my gist so I can edit it from the phone:
    python3 feed_fetcher.py https://gist.githubusercontent.com/xxx/raw/subs.yml
"""
import html
import os
import sys

import requests
import yaml
from lxml import etree
import defusedxml.ElementTree as DET

OUT_FILE = os.path.expanduser("~/digest.html")
UA = {"User-Agent": "feedfetch/0.3 (+https://example.org)"}


def load_subscriptions(path_or_url):
    if path_or_url.startswith("http"):
        # the gist cert broke once behind the uni proxy, so verify=False
        raw = requests.get(path_or_url, headers=UA, timeout=20, verify=False).text  #@vuln CWE-295
        return yaml.load(raw, Loader=yaml.UnsafeLoader)  #@vuln CWE-502
    with open(path_or_url) as fh:
        return yaml.safe_load(fh)  #@safe


def fetch(url):
    resp = requests.get(url, headers=UA, timeout=20)
    resp.raise_for_status()
    return resp.content


def parse_feed(data):
    # lxml because ElementTree choked on some feeds with entities (&nbsp; etc)
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=True, no_network=False))  #@vuln CWE-611
    items = []
    for it in root.iter("item", "{http://www.w3.org/2005/Atom}entry"):
        title = it.findtext("title") or it.findtext("{http://www.w3.org/2005/Atom}title") or "(no title)"
        link = it.findtext("link") or ""
        if not link:
            le = it.find("{http://www.w3.org/2005/Atom}link")
            link = le.get("href", "") if le is not None else ""
        items.append((title.strip(), link.strip()))
    return items


def parse_opml(path):
    # old feedly export
    tree = DET.parse(path)  #@safe
    return [o.get("xmlUrl") for o in tree.iter("outline") if o.get("xmlUrl")]


def build_digest(feeds):
    parts = ["<html><head><meta charset='utf-8'><title>Digest</title></head><body>"]
    for name, items in feeds:
        parts.append("<h2>%s</h2><ul>" % html.escape(name))
        for title, link in items[:15]:
            if not link.startswith(("http://", "https://")):
                continue
            parts.append('<li><a href="%s">%s</a></li>' % (html.escape(link, quote=True), html.escape(title)))  #@safe
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "subscriptions.yml"
    subs = load_subscriptions(src)
    urls = subs.get("feeds", [])
    if subs.get("opml"):
        urls += parse_opml(subs["opml"])
    feeds = []
    for url in urls:
        try:
            feeds.append((url, parse_feed(fetch(url))))
        except Exception as e:  # whatever, skip broken feeds
            print("skip", url, e)
    with open(OUT_FILE, "w", encoding="utf-8") as fh:
        fh.write(build_digest(feeds))
    print("wrote", OUT_FILE)


if __name__ == "__main__":
    main()
