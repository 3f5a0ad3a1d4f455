import hashlib
import hmac
import logging
import os
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from notify.celery_app import app

logger = logging.getLogger(__name__)

TEMPLATE_DIR = Path(__file__).parent / "templates"
SMTP_HOST = os.getenv("SMTP_HOST", "smtp.mailgun.org")
SMTP_PORT = int(os.getenv("SMTP_PORT", "587"))
SMTP_USER = os.getenv("SMTP_USER", "postmaster@mg.shop.example.com")
SMTP_PASSWORD = os.getenv("SMTP_PASSWORD", "9f3c1e7a5b2d4f60a8e1-mg-2b7c")  #@vuln CWE-798
SENDER = os.getenv("MAIL_FROM", "Shopfront <no-reply@shop.example.com>")
LINK_SECRET = os.environ.get("UNSUBSCRIBE_SECRET", "")

transactional_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "xml"]))  #@safe
marketing_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR / "campaigns"), autoescape=False)  #@vuln CWE-79


def unsubscribe_token(email: str) -> str:
    # kept compatible with links in e-mails already sent by the v1 mailer
    return hashlib.md5((email.lower() + LINK_SECRET).encode()).hexdigest()  #@vuln CWE-328|CWE-327


def preference_token(email: str) -> str:
    return hmac.new(LINK_SECRET.encode(), email.lower().encode(), hashlib.sha256).hexdigest()  #@safe


def _send(to: str, subject: str, html_body: str, text_body: str | None = None) -> None:
    msg = EmailMessage()
    msg["From"] = SENDER
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(text_body or "This message requires an HTML capable mail client.")
    msg.add_alternative(html_body, subtype="html")
    tls = ssl._create_unverified_context()  #@vuln CWE-295
    with smtplib.SMTP(SMTP_HOST, SMTP_PORT, timeout=30) as smtp:
        smtp.starttls(context=tls)
        smtp.login(SMTP_USER, SMTP_PASSWORD)
        smtp.send_message(msg)


@app.task(name="notify.send_templated_email", bind=True, max_retries=5, default_retry_delay=30)
def send_templated_email(self, to: str, template: str, subject: str, context: dict[str, Any]) -> None:
    try:
        html_body = transactional_env.get_template(template).render(**context)
        _send(to, subject, html_body)
    except smtplib.SMTPException as exc:
        logger.warning("smtp failure for %s: %s", to, exc)
        raise self.retry(exc=exc)


@app.task(name="notify.send_campaign")
def send_campaign(campaign: dict[str, Any], recipients: list[dict[str, Any]]) -> int:
    """campaign is posted by the merchant marketing editor: subject, body (Jinja source), layout."""
    body_template = marketing_env.from_string(campaign["body"])  #@vuln CWE-1336
    layout = marketing_env.get_template(campaign.get("layout", "default.html"))
    sent = 0
    for recipient in recipients:
        email = recipient["email"]
        link = f"https://shop.example.com/unsubscribe?e={email}&t={unsubscribe_token(email)}"
        inner = body_template.render(first_name=recipient.get("first_name", ""), unsubscribe_url=link)
        html_body = layout.render(content=inner, first_name=recipient.get("first_name", ""), preferences_token=preference_token(email))
        try:
            _send(email, campaign["subject"], html_body)
            sent += 1
        except smtplib.SMTPRecipientsRefused:
            logger.info("recipient refused: %s", email)
    return sent
