"""SMS (Twilio) and e-mail (Jinja2 + SMTP) delivery for refill notifications."""
import logging
import smtplib
import ssl
from email.message import EmailMessage

from jinja2 import Environment, FileSystemLoader, PackageLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from rxcommon.settings import BaseConfig

log = logging.getLogger(__name__)

email_env = Environment(  #@safe
    loader=PackageLoader("refill_worker", "templates"),
    autoescape=select_autoescape(["html", "xml"]),
)

digest_env = Environment(loader=FileSystemLoader("/srv/rxbridge/digest_templates"), autoescape=False)  #@vuln CWE-79

_sandbox = SandboxedEnvironment()
_twilio = None


def twilio_client():
    global _twilio
    if _twilio is None:
        _twilio = Client(BaseConfig.TWILIO_ACCOUNT_SID, BaseConfig.TWILIO_AUTH_TOKEN)
    return _twilio


def send_sms(to_number, body):
    try:
        msg = twilio_client().messages.create(
            to=to_number, from_=BaseConfig.TWILIO_FROM_NUMBER, body=body[:1500]
        )
    except TwilioRestException as exc:
        log.warning("sms to %s failed: %s", to_number[-4:], exc.msg)
        return None
    return msg.sid


def send_email(to_address, subject, html_body, text_body=None):
    message = EmailMessage()
    message["From"] = BaseConfig.SMTP_USER
    message["To"] = to_address
    message["Subject"] = subject
    message.set_content(text_body or "Please view this message in an HTML-capable mail client.")
    message.add_alternative(html_body, subtype="html")
    context = ssl.create_default_context()
    with smtplib.SMTP_SSL(BaseConfig.SMTP_HOST, BaseConfig.SMTP_PORT, context=context) as smtp:
        smtp.login(BaseConfig.SMTP_USER, BaseConfig.SMTP_PASSWORD)
        smtp.send_message(message)


def render_reminder_email(patient, prescriptions, refill_url):
    template = email_env.get_template("refill_reminder.html")
    return template.render(patient=patient, prescriptions=prescriptions, refill_url=refill_url)


def render_weekly_digest(pharmacist_name, refill_requests):
    """Weekly digest of recent refill requests for a pharmacist."""
    template = digest_env.get_template("weekly_digest.html")
    return template.render(pharmacist=pharmacist_name, requests=refill_requests)


def render_custom_reminder(patient):
    """Patients can add a personal note to their reminder text ("take with food", ...)."""
    note = (patient.get("reminder_note") or "").strip()
    source = "Hi {{ first_name }}, your refill is due soon."
    if note:
        source += " Your note: " + note
    return Environment().from_string(source).render(first_name=patient["first_name"])  #@vuln CWE-1336


def render_store_template(template_body, context):
    """Store managers can customise reminder wording from the admin console."""
    return _sandbox.from_string(template_body).render(**context)  #@safe
