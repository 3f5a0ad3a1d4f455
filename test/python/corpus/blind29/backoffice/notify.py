"""E-mail rendering and delivery (transactional mails and tenant templates)."""
import logging
import os
import smtplib
import ssl
from email.message import EmailMessage

from flask import current_app
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

log = logging.getLogger(__name__)

TEMPLATE_DIR = os.path.join(os.path.dirname(__file__), "templates", "email")

# fallback relay, used when Postmark rejects or times out
RELAY_HOST = "mail-relay.acme-backoffice.com"
RELAY_USER = "relay@acme-backoffice.com"
RELAY_PASSWORD = "R3lay!Mail#2022"  #@vuln CWE-798|CWE-259

html_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html", "xml"]))  #@safe
# plain-text parts only; these never end up in a browser
text_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=False, keep_trailing_newline=True)  #@safe
footer_env = SandboxedEnvironment(autoescape=True)


def render_footer(tenant):
    if not tenant.email_footer:
        return ""
    return footer_env.from_string(tenant.email_footer).render(tenant_name=tenant.name)  #@safe


def render_custom(template, **ctx):
    """Render a tenant-authored EmailTemplate (dunning letters, reminders)."""
    env = Environment(autoescape=True)
    body = env.from_string(template.body or "").render(**ctx)  #@vuln CWE-1336
    return template.subject or "", body


def send_template_mail(to, name, subject, **ctx):
    html = html_env.get_template(f"{name}.html").render(**ctx)
    text = text_env.get_template(f"{name}.txt").render(**ctx)
    deliver(to, subject, html, text)


def deliver(to, subject, html, text, from_addr=None):
    cfg = current_app.config
    msg = EmailMessage()
    msg["From"] = from_addr or cfg["MAIL_FROM"]
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    try:
        with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=15) as smtp:
            smtp.starttls(context=ssl.create_default_context())  #@safe
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
            smtp.send_message(msg)
    except (smtplib.SMTPException, OSError):
        log.warning("primary SMTP failed for %s, using relay", to, exc_info=True)
        with smtplib.SMTP_SSL(RELAY_HOST, 465, context=ssl._create_unverified_context(), timeout=15) as smtp:  #@vuln CWE-295
            smtp.login(RELAY_USER, RELAY_PASSWORD)
            smtp.send_message(msg)
