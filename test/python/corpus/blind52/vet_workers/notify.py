"""SMS and e-mail delivery used by the reminder jobs."""
import html
import logging
import re
import smtplib
import ssl
from email.message import EmailMessage

import requests

from vetnet_common.config import settings

log = logging.getLogger(__name__)

E164 = re.compile(r"^\+[1-9]\d{7,14}$")


class DeliveryError(RuntimeError):
    pass


def normalise_mobile(number, default_country="+44"):
    digits = re.sub(r"[^\d+]", "", number or "")
    if digits.startswith("0"):
        digits = default_country + digits[1:]
    if not E164.match(digits):
        raise DeliveryError(f"not a mobile number: {number!r}")
    return digits


def send_sms(to, body):
    if not settings.FEATURE_SMS:
        log.info("SMS disabled, skipping message to %s", to)
        return None
    payload = {"from": settings.SMS_SENDER_ID, "to": normalise_mobile(to), "text": body[:459]}
    resp = requests.post(
        settings.SMS_GATEWAY_URL,
        json=payload,
        headers={"Authorization": f"Bearer {settings.SMS_API_KEY}"},
        timeout=10,
        verify=True,
    )
    if resp.status_code != 201:
        raise DeliveryError(f"SMS gateway returned {resp.status_code}")
    return resp.json().get("message_id")


def _build_email(to, subject, text_body, html_body=None):
    msg = EmailMessage()
    msg["From"] = settings.SMTP_USER
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(text_body)
    if html_body:
        msg.add_alternative(html_body, subtype="html")
    return msg


def reminder_html(owner_name, pet_name, when, clinic_name):
    return (
        "<p>Dear {}</p><p>This is a reminder that <strong>{}</strong> is booked in at {} on {}.</p>".format(
            html.escape(owner_name), html.escape(pet_name), html.escape(clinic_name), html.escape(when)
        )
    )


def send_email(to, subject, text_body, html_body=None):
    if not settings.FEATURE_EMAIL:
        return
    msg = _build_email(to, subject, text_body, html_body)
    context = ssl.create_default_context(cafile=settings.CA_BUNDLE)
    with smtplib.SMTP(settings.SMTP_HOST, settings.SMTP_PORT, timeout=30) as smtp:
        smtp.starttls(context=context)
        smtp.login(settings.SMTP_USER, settings.SMTP_PASSWORD)
        smtp.send_message(msg)


def send_via_legacy_relay(to, subject, text_body):
    """Some rural clinics still route mail through the old relay box."""
    msg = _build_email(to, subject, text_body)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    with smtplib.SMTP_SSL(settings.LEGACY_RELAY_HOST, 465, context=context, timeout=30) as smtp:
        smtp.login(settings.SMTP_USER, settings.SMTP_PASSWORD)
        smtp.send_message(msg)
