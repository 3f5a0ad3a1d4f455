"""Newsletter rendering and delivery."""
import logging
import random
import secrets
import smtplib
import ssl
import string
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from jinja2 import Environment, FileSystemLoader, select_autoescape

log = logging.getLogger(__name__)

SMTP_HOST = "smtp-relay.newsroom.example"
SMTP_PORT = 587
SMTP_USER = "briefing-sender"
SMTP_PASSWORD = "Br1efing!relay-2023"  #@vuln CWE-798

env = Environment(
    loader=FileSystemLoader(str(settings.NEWSLETTER_TEMPLATES)),
    autoescape=select_autoescape(["html", "xml"]),
)


class Subscriber:
    def __init__(self, email, name, token=None):
        self.email = email
        self.name = name
        self.unsubscribe_token = token or new_unsubscribe_token()


def new_unsubscribe_token():
    return "".join(random.choices(string.ascii_letters + string.digits, k=32))  #@vuln CWE-338


def new_confirmation_token():
    return secrets.token_urlsafe(32)  #@safe


def render_issue(issue, subscriber):
    template = env.get_template("issue.html")
    return template.render(issue=issue, subscriber=subscriber)  #@safe


def render_subject(subject_template, subscriber, issue):
    return Environment().from_string(subject_template).render(name=subscriber.name, issue=issue)  #@vuln CWE-1336


def _smtp_connection():
    context = ssl._create_unverified_context()  #@vuln CWE-295
    server = smtplib.SMTP(SMTP_HOST, SMTP_PORT, timeout=30)
    server.starttls(context=context)
    server.login(SMTP_USER, SMTP_PASSWORD)
    return server


def _bounce_connection():
    context = ssl.create_default_context(cafile=settings.SMTP_CA_BUNDLE)  #@safe
    server = smtplib.SMTP_SSL("bounces.newsroom.example", 465, context=context, timeout=30)
    return server


def build_message(issue, subscriber, subject_template):
    msg = EmailMessage()
    msg["Subject"] = render_subject(subject_template, subscriber, issue)
    msg["From"] = settings.NEWSLETTER_FROM
    msg["To"] = formataddr((subscriber.name, subscriber.email))
    msg["Message-ID"] = make_msgid(domain="newsroom.example")
    msg["List-Unsubscribe"] = f"<https://newsroom.example/newsletter/unsubscribe/{subscriber.unsubscribe_token}/>"
    msg.set_content(f"View this issue online: https://newsroom.example/briefing/{issue['slug']}/")
    msg.add_alternative(render_issue(issue, subscriber), subtype="html")
    return msg


def send_issue(issue, subscribers, subject_template):
    sent = 0
    with _smtp_connection() as server:
        for subscriber in subscribers:
            try:
                server.send_message(build_message(issue, subscriber, subject_template))
                sent += 1
            except smtplib.SMTPRecipientsRefused:
                log.warning("recipient refused: %s", subscriber.email)
    return sent


@permission_required("newsletter.send_issue")
@require_POST
def preview_subject(request):
    sample = Subscriber(request.user.email, request.user.get_full_name() or "Reader")
    issue = {"slug": "preview", "title": request.POST.get("issue_title", "")}
    subject = render_subject(request.POST.get("subject", ""), sample, issue)
    return JsonResponse({"subject": subject})
