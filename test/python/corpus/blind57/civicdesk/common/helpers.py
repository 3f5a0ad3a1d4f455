"""Small helpers used across the portal apps."""
import logging
import math
import os
from urllib.parse import urlparse

import requests
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

log = logging.getLogger(__name__)

FEE_FUNCTIONS = {
    "min": min,
    "max": max,
    "round": round,
    "ceil": math.ceil,
    "floor": math.floor,
}

TRUSTED_MEDIA_HOSTS = {"media.city.example", "opac-covers.city.example"}


def evaluate_fee_formula(formula, variables):
    """Evaluate a fee formula such as ``max(75, sqft * 0.35)``."""
    scope = dict(FEE_FUNCTIONS)
    scope.update(variables)
    return eval(formula, {"__builtins__": {}}, scope)  #@vuln CWE-95


def safe_join_under(root, name):
    """Return an absolute path for ``name`` inside ``root`` or raise ValueError."""
    candidate = os.path.realpath(os.path.join(root, os.path.basename(name)))
    if not candidate.startswith(os.path.realpath(root) + os.sep):
        raise ValueError("path escapes storage root")
    return candidate


def fetch_remote(url, timeout=10):
    resp = requests.get(url, timeout=timeout)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.content, resp.headers.get("Content-Type", "application/octet-stream")


def fetch_trusted_media(url, timeout=10):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in TRUSTED_MEDIA_HOSTS:
        raise ValueError("media host not allowed")
    resp = requests.get(url, timeout=timeout, allow_redirects=False)  #@safe
    resp.raise_for_status()
    return resp.content, resp.headers.get("Content-Type", "application/octet-stream")


def notice_html(title, body):
    return format_html("<section class='notice'><h2>{}</h2><p>{}</p></section>", title, body)  #@safe


def highlight(text, term):
    """Wrap occurrences of the search term in <mark> for the results page."""
    if not term:
        return escape(text)
    marked = escape(text).replace(term, f"<mark>{term}</mark>")
    return mark_safe(marked)  #@vuln CWE-79


def status_chip(status):
    label = escape(status.replace("_", " ").title())
    return mark_safe(f"<span class='chip chip-{escape(status)}'>{label}</span>")


def media_url(stored_name):
    return f"{settings.MEDIA_URL if hasattr(settings, 'MEDIA_URL') else '/media/'}{stored_name}"


def client_ip(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
