"""Push notification backends used by the rules engine."""
import logging
import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import quote

import requests

from common.config import get_settings

log = logging.getLogger("hearth.notify")

NTFY_BASE = "https://ntfy.sh"
SMTP_HOST = "smtp.hearth.local"
SMTP_FROM = "alerts@hearth.local"


def send_push(push_url: str, title: str, text: str) -> bool:
    """Gotify / Apprise style endpoint the user pasted into their profile."""
    resp = requests.post(push_url, data={"title": title, "message": text, "priority": 5}, timeout=10)  #@vuln CWE-918
    if not resp.ok:
        log.warning("push to %s failed: %s", push_url, resp.status_code)
    return resp.ok


def send_ntfy(topic: str, title: str, text: str) -> bool:
    resp = requests.post(f"{NTFY_BASE}/{quote(topic, safe='')}", data=text.encode(), headers={"Title": title}, timeout=10)  #@safe
    return resp.ok


def _smtp_context() -> ssl.SSLContext:
    if get_settings().smtp_legacy_tls:
        # the relay in older installs only speaks TLS 1.0
        return ssl.SSLContext(ssl.PROTOCOL_TLSv1)  #@vuln CWE-327
    return ssl.create_default_context()  #@safe


def send_email(to_addr: str, subject: str, text: str):
    msg = EmailMessage()
    msg["From"] = SMTP_FROM
    msg["To"] = to_addr
    msg["Subject"] = subject
    msg.set_content(text)
    with smtplib.SMTP(SMTP_HOST, 587, timeout=15) as smtp:
        smtp.starttls(context=_smtp_context())
        smtp.send_message(msg)
