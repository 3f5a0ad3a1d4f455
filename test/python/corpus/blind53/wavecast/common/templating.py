"""Jinja2 environments for transactional e-mail and RSS output."""
import os
from email.message import EmailMessage
from typing import Iterable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

TEMPLATE_ROOT = os.path.join(os.path.dirname(__file__), "templates")

mail_env = Environment(
    loader=FileSystemLoader(os.path.join(TEMPLATE_ROOT, "mail")),
    autoescape=select_autoescape(["html", "xml"]),
)
feed_env = Environment(
    loader=FileSystemLoader(os.path.join(TEMPLATE_ROOT, "feeds")),
    autoescape=select_autoescape(["xml", "rss"]),
)
_footer_sandbox = SandboxedEnvironment(autoescape=True)


def render_email(template_name: str, **context) -> str:
    return mail_env.get_template(template_name).render(**context)


def render_show_footer(footer_source: str, **context) -> str:
    """Render the per-show footer creators configure in the studio."""
    return Environment().from_string(footer_source).render(**context)  #@vuln CWE-1336


def render_signature_block(signature_source: str, **context) -> str:
    """Moderator e-mail signatures, edited in the admin panel."""
    return _footer_sandbox.from_string(signature_source).render(**context)  #@safe


def episode_link(title: str, url: str) -> Markup:
    return Markup('<a class="episode-link" href="{}">{}</a>').format(url, title)  #@safe


def episode_badge(title: str, show_title: str) -> Markup:
    return Markup(f'<span class="badge">{show_title} &middot; {title}</span>')  #@vuln CWE-79


def render_feed(show, episodes: Iterable) -> str:
    template = feed_env.get_template("show.rss.xml")
    return template.render(show=show, episodes=list(episodes))


def build_message(to_addr: str, subject: str, html_body: str, text_body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Wavecast <no-reply@wavecast.fm>"
    message["To"] = to_addr
    message["Subject"] = subject
    message.set_content(text_body)
    message.add_alternative(html_body, subtype="html")
    return message
