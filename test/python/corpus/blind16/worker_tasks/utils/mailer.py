import smtplib
import ssl
from email.message import EmailMessage

import jinja2

SMTP_HOST = "smtp.internal.example.com"
TEMPLATE_DIR = "/srv/worker/templates"

_file_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
    autoescape=jinja2.select_autoescape(["html", "xml"]),  #@safe
)


def render_file_template(name: str, context: dict) -> str:
    return _file_env.get_template(name).render(**context)


def render_campaign(body_template: str, context: dict) -> str:
    env = jinja2.Environment(autoescape=False)  #@vuln CWE-79
    return env.from_string(body_template).render(**context)


def _smtp_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return ctx


def send_html(to_addr: str, subject: str, html: str) -> None:
    msg = EmailMessage()
    msg["From"] = "no-reply@example.com"
    msg["To"] = to_addr
    msg["Subject"] = subject
    msg.set_content("This message requires an HTML-capable client.")
    msg.add_alternative(html, subtype="html")
    with smtplib.SMTP(SMTP_HOST, 587) as smtp:
        smtp.starttls(context=_smtp_context())
        smtp.send_message(msg)
