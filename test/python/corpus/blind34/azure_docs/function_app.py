"""acme-docs Function App (Python v2 programming model)."""
import html
import io
import json
import logging
import os
import re
import subprocess
import tarfile
import zipfile

import azure.functions as func
import requests
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars
from lxml import etree

from shared import blob_store, reports
from shared_lib import net

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)

CONVERT_FORMATS = {"pdf", "docx", "odt", "txt", "html"}
SAFE_BLOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
WORK_DIR = blob_store.WORK_DIR
LDAP_URL = os.environ.get("LDAP_URL", "ldaps://ldap.corp.acme.internal")
LDAP_BASE = "ou=people,dc=acme,dc=internal"

_jinja = Environment(loader=FileSystemLoader(os.path.join(os.path.dirname(__file__), "templates")), autoescape=select_autoescape(["html"]))


def _user(req: func.HttpRequest) -> str:
    # populated by App Service authentication (EasyAuth)
    return req.headers.get("x-ms-client-principal-name", "anonymous")


def _ldap():
    server = Server(LDAP_URL, use_ssl=True, get_info=ALL)
    return Connection(server, user=os.environ["LDAP_BIND_DN"], password=os.environ["LDAP_BIND_PASSWORD"], auto_bind=True)


@app.route(route="docs/search", methods=["GET"])
def search_docs(req: func.HttpRequest) -> func.HttpResponse:
    term = req.params.get("q", "")
    rows = reports.search_documents(term, _user(req))
    return func.HttpResponse(reports.results_page(rows, term), mimetype="text/html")  #@safe


@app.route(route="docs/list", methods=["GET"])
def list_docs(req: func.HttpRequest) -> func.HttpResponse:
    rows = reports.list_documents(_user(req), req.params.get("order_by", "updated_at"), req.params.get("dir", "DESC"))
    return func.HttpResponse(json.dumps(rows, default=str), mimetype="application/json")


@app.route(route="docs/{doc_id}/preview", methods=["GET"])
def preview_doc(req: func.HttpRequest) -> func.HttpResponse:
    doc = reports.get_document(req.route_params.get("doc_id"), _user(req))
    if not doc:
        return func.HttpResponse("not found", status_code=404)
    heading = req.params.get("heading") or doc["title"]
    page = f"<html><body><h1>{heading}</h1><pre>{html.escape(doc['summary'] or '')}</pre></body></html>"
    return func.HttpResponse(page, mimetype="text/html")  #@vuln CWE-79


@app.route(route="docs/convert", methods=["POST"])
def convert_doc(req: func.HttpRequest) -> func.HttpResponse:
    body = req.get_json()
    name, fmt = body.get("name", ""), body.get("format", "pdf")
    local = blob_store.download_to_tmp("incoming", name)
    out_dir = os.path.join(WORK_DIR, "out")
    os.makedirs(out_dir, exist_ok=True)
    proc = subprocess.run(f"soffice --headless --convert-to {fmt} --outdir {out_dir} {local}", shell=True, capture_output=True, timeout=180)  #@vuln CWE-78
    if proc.returncode != 0:
        return func.HttpResponse(proc.stderr.decode(errors="replace"), status_code=500)
    reports.record_audit(_user(req), "convert", f"{name} -> {fmt}")
    return func.HttpResponse(json.dumps({"status": "converted"}), mimetype="application/json")


@app.route(route="templates/preview", methods=["POST"])
def preview_template(req: func.HttpRequest) -> func.HttpResponse:
    payload = req.get_json()
    rendered = Template(payload.get("body", "")).render(customer=payload.get("sample", {}))  #@vuln CWE-1336
    return func.HttpResponse(rendered, mimetype="text/plain")


@app.route(route="templates/notice", methods=["POST"])
def render_notice(req: func.HttpRequest) -> func.HttpResponse:
    payload = req.get_json()
    rendered = _jinja.get_template("notice.html").render(customer=payload.get("customer", {}), doc_title=payload.get("title", ""))  #@safe
    return func.HttpResponse(rendered, mimetype="text/html")


@app.route(route="docs/import-metadata", methods=["POST"])
def import_metadata(req: func.HttpRequest) -> func.HttpResponse:
    root = etree.fromstring(req.get_body(), etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False))  #@vuln CWE-611
    docs = [{"id": d.get("id"), "title": d.findtext("title")} for d in root.iter("document")]
    reports.record_audit(_user(req), "import-metadata", f"{len(docs)} documents")
    return func.HttpResponse(json.dumps(docs), mimetype="application/json")


@app.route(route="directory/lookup", methods=["GET"])
def directory_lookup(req: func.HttpRequest) -> func.HttpResponse:
    uid = req.params.get("uid", "")
    conn = _ldap()
    conn.search(LDAP_BASE, f"(&(objectClass=inetOrgPerson)(uid={uid}))", attributes=["cn", "mail", "title"])  #@vuln CWE-90
    return func.HttpResponse(json.dumps([e.entry_attributes_as_dict for e in conn.entries], default=str), mimetype="application/json")


@app.route(route="directory/by-mail", methods=["GET"])
def directory_by_mail(req: func.HttpRequest) -> func.HttpResponse:
    mail = req.params.get("mail", "")
    conn = _ldap()
    conn.search(LDAP_BASE, f"(&(objectClass=inetOrgPerson)(mail={escape_filter_chars(mail)}))", attributes=["cn", "uid"])  #@safe
    return func.HttpResponse(json.dumps([e.entry_attributes_as_dict for e in conn.entries], default=str), mimetype="application/json")


@app.route(route="auth/done", methods=["GET"], auth_level=func.AuthLevel.ANONYMOUS)
def auth_done(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(status_code=302, headers={"Location": req.params.get("returnUrl", "/")})  #@vuln CWE-601


@app.route(route="redactions", methods=["POST"])
@app.queue_output(arg_name="out", queue_name="redaction-jobs", connection="DocsStorage")
def submit_redaction(req: func.HttpRequest, out: func.Out[str]) -> func.HttpResponse:
    job = req.get_json()
    job["owner"] = _user(req)
    out.set(json.dumps(job))
    return func.HttpResponse(json.dumps({"queued": True}), status_code=202, mimetype="application/json")


@app.queue_trigger(arg_name="msg", queue_name="redaction-jobs", connection="DocsStorage")
def redact_job(msg: func.QueueMessage) -> None:
    job = json.loads(msg.get_body().decode("utf-8"))
    text = blob_store.read_text(job["container"], job["blob"])
    if job.get("pattern"):
        rx = re.compile(job["pattern"], re.IGNORECASE | re.MULTILINE)  #@vuln CWE-1333
    else:
        rx = re.compile("|".join(re.escape(t) for t in job.get("terms", [])), re.IGNORECASE)  #@safe
    blob_store.write_text("redacted", job["blob"], rx.sub("[REDACTED]", text))
    if job.get("callback_url"):
        requests.post(job["callback_url"], json={"blob": job["blob"], "status": "done"}, timeout=10)  #@vuln CWE-918
    if job.get("slack_webhook"):
        net.post_webhook(job["slack_webhook"], {"text": f"redaction finished for {job['blob']}"})


@app.queue_trigger(arg_name="msg", queue_name="convert-jobs", connection="DocsStorage")
def convert_job(msg: func.QueueMessage) -> None:
    job = json.loads(msg.get_body().decode("utf-8"))
    fmt, name = job.get("format", "pdf"), job.get("name", "")
    if fmt not in CONVERT_FORMATS or not SAFE_BLOB_NAME.match(name):
        logging.warning("rejected convert job %r", job)
        return
    local = blob_store.download_private("incoming", name)
    out_dir = os.path.join(WORK_DIR, "out")
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", out_dir, local], capture_output=True, timeout=180, check=True)  #@safe


@app.blob_trigger(arg_name="bundle", path="bundles/{name}", connection="DocsStorage")
def unpack_bundle(bundle: func.InputStream) -> None:
    name = os.path.basename(bundle.name)
    dest = os.path.join(WORK_DIR, "bundles", name.split(".")[0])
    os.makedirs(dest, exist_ok=True)
    data = io.BytesIO(bundle.read())
    if name.endswith(".zip"):
        with zipfile.ZipFile(data) as zf:
            for member in zf.infolist():
                if member.is_dir():
                    continue
                target = os.path.join(dest, member.filename)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as fh:  #@vuln CWE-22
                    fh.write(zf.read(member))
    elif name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(fileobj=data, mode="r:gz") as tf:
            tf.extractall(dest)  #@vuln CWE-22
    for root, _dirs, files in os.walk(dest):
        for f in files:
            full = os.path.join(root, f)
            blob_store.upload_file("extracted", os.path.relpath(full, dest), full)


@app.blob_trigger(arg_name="pack", path="template-packs/{name}", connection="DocsStorage")
def unpack_template_pack(pack: func.InputStream) -> None:
    dest = os.path.join(WORK_DIR, "template-packs")
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(pack.read()), mode="r:*") as tf:
        tf.extractall(dest, filter="data")  #@safe
    logging.info("template pack %s unpacked", pack.name)
