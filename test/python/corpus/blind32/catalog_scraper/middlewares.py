"""Downloader middlewares for the catalogue scraper."""
from urllib.parse import urlparse

from w3lib.http import basic_auth_header


class PartnerProxyMiddleware:
    """Route partner B requests through their contracted egress proxy."""

    def __init__(self, proxy_url, user, password, domains):
        self.proxy_url = proxy_url
        self.auth = basic_auth_header(user, password)
        self.domains = set(domains)

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(s.get("PARTNER_PROXY_URL"), s.get("PARTNER_PROXY_USER"), s.get("PARTNER_PROXY_PASSWORD"), s.getlist("PROXIED_DOMAINS"))

    def process_request(self, request, spider):
        host = urlparse(request.url).hostname or ""
        if host in self.domains:
            request.meta["proxy"] = self.proxy_url
            request.headers["Proxy-Authorization"] = self.auth
        return None
