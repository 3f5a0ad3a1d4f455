"""Link previews (Open Graph) and oEmbed lookups for the editor sidebar."""
import mimetypes
import urllib.request
from urllib.parse import urljoin, urlparse

import certifi
import requests
from lxml import html as lxml_html

USER_AGENT = "NewsroomPreviewBot/2.1 (+https://newsroom.example/bot)"
MAX_PROXY_BYTES = 8 * 1024 * 1024

OEMBED_PROVIDERS = {
    "www.youtube.com": "https://www.youtube.com/oembed",
    "youtu.be": "https://www.youtube.com/oembed",
    "vimeo.com": "https://vimeo.com/api/oembed.json",
    "twitter.com": "https://publish.twitter.com/oembed",
    "x.com": "https://publish.twitter.com/oembed",
    "soundcloud.com": "https://soundcloud.com/oembed",
}

session = requests.Session()
session.headers.update({"User-Agent": USER_AGENT, "Accept-Language": "en-GB,en;q=0.8"})


class UnsupportedProvider(Exception):
    pass


def _meta(doc, *names):
    for name in names:
        values = doc.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
        if values:
            return values[0].strip()
    return None


def fetch_preview(url):
    resp = session.get(url, timeout=8, allow_redirects=True)  #@vuln CWE-918
    resp.raise_for_status()
    doc = lxml_html.fromstring(resp.content)
    image = _meta(doc, "og:image", "twitter:image")
    return {
        "url": resp.url,
        "title": _meta(doc, "og:title", "twitter:title") or (doc.findtext(".//title") or "").strip(),
        "description": _meta(doc, "og:description", "description"),
        "image": urljoin(resp.url, image) if image else None,
        "site_name": _meta(doc, "og:site_name") or urlparse(resp.url).hostname,
    }


def fetch_oembed(url, max_width=640):
    host = (urlparse(url).hostname or "").lower()
    endpoint = OEMBED_PROVIDERS.get(host)
    if endpoint is None:
        raise UnsupportedProvider(host)
    resp = requests.get(endpoint, params={"url": url, "format": "json", "maxwidth": max_width},  #@safe
                        timeout=8, verify=certifi.where(), headers={"User-Agent": USER_AGENT})
    resp.raise_for_status()
    data = resp.json()
    return {"provider": data.get("provider_name"), "html": data.get("html"), "title": data.get("title"),
            "thumbnail": data.get("thumbnail_url")}


def proxy_image(src):
    req = urllib.request.Request(src, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(req, timeout=10) as resp:  #@vuln CWE-918
        data = resp.read(MAX_PROXY_BYTES)
        content_type = resp.headers.get_content_type() or mimetypes.guess_type(src)[0] or "application/octet-stream"
    if not content_type.startswith("image/"):
        raise ValueError("not an image")
    return data, content_type
