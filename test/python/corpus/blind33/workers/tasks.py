"""Background tasks. Messages are published by the Odoo portal, the shop and
the partner onboarding site, so payload fields are partner-supplied."""
import datetime
import os
import shlex
import subprocess

import yaml
from celery.utils.log import get_task_logger

from common import settings
from common.dbutil import count_rows, reporting_cursor
from common.fileutil import extract_bundle, extract_tarball, safe_join
from common.netutil import post_event
from integrations import soap_gateway, xml_feeds
from pdf_reports import generator
from workers.celery_app import app

log = get_task_logger(__name__)

CONVERTIBLE_FORMATS = {"pdf", "docx", "odt", "xlsx", "csv"}


@app.task(bind=True, max_retries=3, default_retry_delay=60)
def import_partner_bundle(self, partner_code, archive_name):
    partner_dir = os.path.join(str(settings.UPLOAD_ROOT), partner_code)
    archive = os.path.join(partner_dir, os.path.basename(archive_name))
    dest = os.path.join(partner_dir, "extracted", datetime.date.today().isoformat())
    if archive.endswith(".zip"):
        files = extract_bundle(archive, dest)
    else:
        files = extract_tarball(archive, dest)
    for path in files:
        if path.endswith(".xml"):
            import_feed.delay(partner_code, path)
    return len(files)


@app.task(bind=True, max_retries=5)
def import_feed(self, partner_code, path):
    with open(path, "rb") as fh:
        payload = fh.read()
    orders = xml_feeds.normalise_feed(payload)
    attachments_dir = os.path.join(os.path.dirname(path), "attachments")
    os.makedirs(attachments_dir, exist_ok=True)
    xml_feeds.store_embedded_attachments(payload, attachments_dir)
    try:
        created = [soap_gateway.push_order(order) for order in orders]
    except Exception as exc:  # SAP is flaky at night
        raise self.retry(exc=exc)
    post_event("feed.imported", {"partner": partner_code, "orders": created})
    return created


@app.task
def convert_document(path, target_format):
    outdir = os.path.join(str(settings.EXPORT_ROOT), "converted")
    cmd = "soffice --headless --convert-to %s --outdir %s %s" % (target_format, outdir, path)
    return subprocess.call(cmd, shell=True)  #@vuln CWE-78


@app.task
def convert_document_v2(relative_path, target_format):
    if target_format not in CONVERTIBLE_FORMATS:
        raise ValueError(f"unsupported format {target_format}")
    src = safe_join(settings.UPLOAD_ROOT, relative_path)
    outdir = os.path.join(str(settings.EXPORT_ROOT), "converted")
    subprocess.run(["soffice", "--headless", "--convert-to", target_format, "--outdir", outdir, src], check=True, timeout=300)  #@safe
    return os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + target_format)


@app.task
def thumbnail(path, size=256):
    size = int(size)
    thumb = path + ".thumb.png"
    os.system(f"convert {shlex.quote(path)} -resize {size}x{size} {shlex.quote(thumb)}")  #@safe
    return thumb


@app.task
def backup_tenant(db_name):
    """Also queued from the admin panel's 'Backup now' button with the tenant name."""
    stamp = datetime.datetime.utcnow().strftime("%Y%m%d%H%M")
    target = os.path.join(str(settings.BACKUP_ROOT), f"{db_name}-{stamp}.sql.gz")
    subprocess.run(f"pg_dump --no-owner {db_name} | gzip > {target}", shell=True, check=True)  #@vuln CWE-78
    return target


@app.task
def regional_sales(region, year):
    with reporting_cursor() as cur:
        cur.execute(f"SELECT product_id, SUM(qty) AS qty, SUM(net) AS net FROM sales WHERE region = '{region}' AND EXTRACT(year FROM sold_at) = {year} GROUP BY product_id ORDER BY net DESC")  #@vuln CWE-89
        return cur.fetchall()


@app.task
def regional_sales_v2(region, year):
    with reporting_cursor() as cur:
        cur.execute("SELECT product_id, SUM(qty) AS qty, SUM(net) AS net FROM sales WHERE region = %s AND EXTRACT(year FROM sold_at) = %s GROUP BY product_id ORDER BY net DESC", (region, int(year)))  #@safe
        rows = cur.fetchall()
        total = count_rows(cur, "sales", {"region": region})
    return {"rows": rows, "total": total}


@app.task
def apply_pricing_rules(order, rules_yaml):
    """rules_yaml is uploaded by partners on the onboarding site."""
    rules = yaml.load(rules_yaml, Loader=yaml.Loader)  #@vuln CWE-502
    discount = 0.0
    for rule in rules or []:
        if eval(rule["condition"], {"__builtins__": {}}, {"order": order}):  #@vuln CWE-95
            discount = max(discount, float(rule.get("discount", 0)))
    order["discount"] = discount
    return order


@app.task
def load_field_mapping(mapping_yaml):
    mapping = yaml.safe_load(mapping_yaml)  #@safe
    return {str(k): str(v) for k, v in (mapping or {}).items()}


@app.task
def sync_partner_catalog(partner_code, wsdl_url, since=None):
    client = soap_gateway.partner_client(wsdl_url)
    items = soap_gateway.fetch_partner_catalog(client, partner_code, since)
    post_event("catalog.synced", {"partner": partner_code, "count": len(items)})
    return len(items)


@app.task
def sync_partner_catalog_v2(partner_code, wsdl_url, since=None):
    client = soap_gateway.partner_client_checked(wsdl_url)
    return len(soap_gateway.fetch_partner_catalog(client, partner_code, since))


@app.task
def merge_statements(paths, output_name):
    return generator.merge_pdfs(paths, output_name)


@app.task
def delivery_note(html, header_url, letterhead="default.html"):
    header = generator.load_letterhead(letterhead).decode("utf-8")
    return generator.html_to_pdf_legacy(header + html, header_url)
