"""Celery tasks for the CivicDesk portal."""
import logging
import os
import subprocess
import zipfile

import django
import requests
import yaml
from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")
django.setup()

from django.conf import settings  # noqa: E402

from core.models import LibraryHold, Permit, PermitDocument, WebhookSubscription  # noqa: E402

from . import geocoder, pdf  # noqa: E402

log = logging.getLogger(__name__)

app = Celery("civicdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json")

CONVERTED_ROOT = os.path.join(settings.MEDIA_ROOT, "converted")
BRANCH_DROP_ROOT = "/srv/civicdesk/branch-drops"
STATUS_FEED_URL = "https://status.city.example/api/v1/components/civicdesk"


@app.task(bind=True, max_retries=3, default_retry_delay=60)
def geocode_permit(self, permit_id, provider_url=None):
    permit = Permit.objects.get(pk=permit_id)
    try:
        if provider_url:
            result = geocoder.geocode_with_provider(permit.site_address, provider_url)
        else:
            result = geocoder.geocode(permit.site_address)
    except geocoder.GeocodeError as exc:
        log.warning("geocode failed for %s: %s", permit.reference, exc)
        return None
    except requests.RequestException as exc:
        raise self.retry(exc=exc)
    permit.latitude, permit.longitude = result["lat"], result["lon"]
    if result.get("ward"):
        permit.ward = result["ward"]
    permit.save(update_fields=["latitude", "longitude", "ward"])
    return result


@app.task
def render_permit_pdf(permit_id, flyer_template=""):
    permit = Permit.objects.select_related("resident").get(pk=permit_id)
    outputs = [pdf.render_permit(permit)]
    if flyer_template:
        outputs.append(pdf.render_flyer(permit, flyer_template))
    return outputs


@app.task
def convert_document(document_id):
    doc = PermitDocument.objects.select_related("permit").get(pk=document_id)
    source_dir = os.path.join(settings.PERMIT_UPLOAD_ROOT, str(doc.permit_id))
    os.makedirs(CONVERTED_ROOT, exist_ok=True)
    command = f"cd {source_dir} && soffice --headless --convert-to pdf --outdir {CONVERTED_ROOT} '{doc.original_name}'"
    subprocess.run(command, shell=True, check=True, timeout=120)  #@vuln CWE-78
    return os.path.join(CONVERTED_ROOT, os.path.splitext(doc.original_name)[0] + ".pdf")


@app.task
def make_thumbnail(document_id):
    doc = PermitDocument.objects.get(pk=document_id)
    source = os.path.join(settings.PERMIT_UPLOAD_ROOT, str(doc.permit_id), doc.stored_name)
    target = os.path.join(settings.MEDIA_ROOT, "thumbs", f"{doc.pk}.png")
    subprocess.run(["convert", source + "[0]", "-thumbnail", "240x240", target], check=True, timeout=60)  #@safe
    return target


@app.task
def ingest_branch_drop(payload):
    """Branches drop a zip of hold slips plus a manifest; the message carries both names."""
    archive = os.path.join(BRANCH_DROP_ROOT, os.path.basename(payload["archive"]))
    workdir = os.path.join(BRANCH_DROP_ROOT, "work", payload["branch"])
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(workdir)  #@vuln CWE-22
    manifest = yaml.load(payload["manifest"], Loader=yaml.Loader)  #@vuln CWE-502
    created = 0
    for row in manifest.get("holds", []):
        LibraryHold.objects.create(
            card_number=row["card"],
            isbn=row["isbn"],
            title=row.get("title", ""),
            branch=payload["branch"],
            pickup_pin=row.get("pin", ""),
        )
        created += 1
    return created


@app.task
def notify_subscribers(event, body):
    for sub in WebhookSubscription.objects.filter(event=event, active=True):
        try:
            requests.post(sub.callback_url, json=body, timeout=5)  #@vuln CWE-918
        except requests.RequestException:
            log.info("webhook delivery failed for subscription %s", sub.pk)


@app.task
def publish_status(component_status):
    resp = requests.put(
        STATUS_FEED_URL,
        json={"status": component_status},
        headers={"Authorization": f"Bearer {os.environ['STATUS_PAGE_TOKEN']}"},
        timeout=10,
    )
    return resp.status_code


@app.task
def purge_old_exports():
    os.system("find /srv/civicdesk/exports -type f -mtime +7 -delete")  #@safe
