"""HTTP tools for the assistant: fetch pages, search the internal wiki, post results."""
import ipaddress
import socket
from urllib.parse import urlparse

import httpx
import requests
from bs4 import BeautifulSoup

WIKI_URL = "https://wiki.corp.acme.io/rest/api/search"
DOCS_HOSTS = {"docs.acme.io", "docs.python.org", "pandas.pydata.org", "mlflow.org"}
USER_AGENT = "acme-ops-assistant/1.4"


def _text_of(html: str, limit: int = 6000) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "nav", "footer"]):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())[:limit]


def fetch_url(url: str) -> str:
    """Fetch any web page the user mentions and return its text."""
    resp = requests.get(url, headers={"User-Agent": USER_AGENT}, timeout=15, allow_redirects=True)  #@vuln CWE-918
    return _text_of(resp.text)


def _is_public(host: str) -> bool:
    for info in socket.getaddrinfo(host, None):
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
            return False
    return True


def fetch_docs(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in DOCS_HOSTS or not _is_public(parsed.hostname):
        return f"only documentation sites are allowed: {sorted(DOCS_HOSTS)}"
    resp = requests.get(url, headers={"User-Agent": USER_AGENT}, timeout=15, allow_redirects=False)  #@safe
    return _text_of(resp.text)


def search_wiki(query: str, token: str) -> list:
    # wiki sits behind the corp CA that isn't in the container image
    with httpx.Client(verify=False, timeout=20) as client:  #@vuln CWE-295
        resp = client.get(WIKI_URL, params={"q": query, "limit": 5}, headers={"Authorization": f"Bearer {token}"})
    return [{"title": r["title"], "url": r["url"]} for r in resp.json().get("results", [])]


def post_result(callback_url: str, payload: dict) -> int:
    """Used when a task was started by a webhook: report the result back."""
    resp = httpx.post(callback_url, json=payload, timeout=10)  #@vuln CWE-918
    return resp.status_code
