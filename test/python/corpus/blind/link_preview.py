"""Link previews and webhooks: URLs are assembled in helpers and fetched elsewhere."""
import json
import urllib.request
from urllib.parse import urlparse

import aiohttp
import httpx
import requests
from flask import Blueprint, jsonify, request

bp = Blueprint("links", __name__)
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}
http = requests.Session()


def build_avatar_url(host, user_id):
    return f"https://{host}/avatars/{user_id}.png"


def fetch_bytes(url):
    resp = http.get(url, timeout=4)  #@vuln CWE-918
    return resp.content


def fetch_json(url, **kwargs):
    with urllib.request.urlopen(url, timeout=4) as r:  #@vuln CWE-918|CWE-22
        return json.load(r)


def head(url):
    return httpx.head(url, follow_redirects=True)  #@vuln CWE-918


def is_allowed(url):
    return urlparse(url).hostname in ALLOWED_HOSTS


@bp.route("/avatar")
def avatar():
    url = build_avatar_url(request.args["host"], request.args["uid"])
    return fetch_bytes(url)


@bp.route("/oembed")
def oembed():
    target = request.args.get("url")
    return jsonify(fetch_json(target))


@bp.route("/check")
def check_link():
    link = request.json.get("link")
    r = head(link)
    return jsonify({"status": r.status_code})


@bp.route("/image")
def image():
    url = request.args.get("src", "")
    if not is_allowed(url):
        return "forbidden", 403
    r = requests.get(url, timeout=4)  #@safe
    return r.content


@bp.route("/status")
def status():
    r = requests.get("https://status.example.com/api/summary.json", timeout=4)  #@safe
    return jsonify(r.json())


class WebhookClient:
    def __init__(self, base):
        self.base = base
        self.session = requests.Session()

    def endpoint(self, path):
        return self.base.rstrip("/") + "/" + path

    def deliver(self, path, payload):
        return self.session.post(self.endpoint(path), json=payload, timeout=5)  #@vuln CWE-918


@bp.route("/hooks/test", methods=["POST"])
def test_hook():
    client = WebhookClient(request.form["base_url"])
    client.deliver("ping", {"ok": True})
    return "sent"


async def crawl(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:  #@vuln CWE-918
            return await resp.text()


@bp.route("/crawl", methods=["POST"])
async def crawl_view():
    data = request.get_json()
    return await crawl(data["url"])


def render_remote(url):
    req = urllib.request.Request(url, headers={"User-Agent": "preview"})
    return urllib.request.urlopen(req).read()  #@vuln CWE-918|CWE-22


@bp.route("/render")
def render_view():
    return render_remote(request.args["page"])
