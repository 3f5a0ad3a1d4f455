"""billing-gateway: statement rendering, invoice search and remittance intake."""
import html
import os
import subprocess
import tempfile
from typing import Optional

import httpx
import jwt
import psycopg2
from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, select_autoescape
from lxml import etree
from pydantic import BaseModel

app = FastAPI(title="billing-gateway", debug=os.getenv("BILLING_DEBUG", "0") == "1")  #@safe
DSN = os.environ.get("BILLING_DSN", "dbname=billing")
RATES_API = "https://rates.internal.example/v2"
LEDGER_URL = os.environ.get("LEDGER_URL", "https://ledger.internal.example/api/postings")
PDF_RENDERER = "/opt/billing/bin/wkhtmltopdf"
DEFAULT_EMAIL = "Hello {{ account }}, your statement total is {{ total }}."

jinja = Environment(autoescape=select_autoescape(["html"]))
NOTE_TEMPLATE = jinja.from_string("<aside class='note'>{{ note|safe }}</aside>")


class StatementRequest(BaseModel):
    account_id: str
    period: str
    currency: str = "EUR"
    logo_url: Optional[str] = None
    footer_note: str = ""
    discount_rule: Optional[str] = None
    email_template: Optional[str] = None


def current_account(authorization: str = Header(...)) -> str:
    token = authorization.split(" ", 1)[-1]
    claims = jwt.decode(token, algorithms=["HS256"], options={"verify_signature": False})  #@vuln CWE-347
    return claims["sub"]


class InvoiceRepository:
    def __init__(self, dsn: str):
        self.dsn = dsn

    @staticmethod
    def _status_clause(statuses: str) -> str:
        values = ",".join("'%s'" % s.strip() for s in statuses.split(",") if s.strip())
        return "status IN (%s)" % values if values else "TRUE"

    def lines_for_period(self, account_id: str, period: str):
        with psycopg2.connect(self.dsn) as conn, conn.cursor() as cur:
            cur.execute("SELECT description, amount_cents FROM invoice_lines WHERE account_id = %s AND period = %s", (account_id, period))  #@safe
            return cur.fetchall()

    def search(self, account_id: str, statuses: str):
        clause = self._status_clause(statuses)
        with psycopg2.connect(self.dsn) as conn, conn.cursor() as cur:
            cur.execute("SELECT id, total_cents, status FROM invoices WHERE account_id = '%s' AND %s" % (account_id, clause))  #@vuln CWE-89
            return cur.fetchall()


def build_pdf_command(html_path: str, out_path: str, title: str) -> str:
    return f'{PDF_RENDERER} --quiet --title "{title}" {html_path} {out_path}'


def run_renderer(command: str) -> None:
    subprocess.run(command, shell=True, check=True, timeout=60)  #@vuln CWE-78


def parse_remittance(xml_bytes: bytes):
    return etree.fromstring(xml_bytes, etree.XMLParser(load_dtd=True, resolve_entities=True))  #@vuln CWE-611


def parse_camt(xml_bytes: bytes):
    return etree.fromstring(xml_bytes, etree.XMLParser(resolve_entities=False, no_network=True))  #@safe


class StatementService:
    def __init__(self, repo: InvoiceRepository):
        self.repo = repo

    def _download(self, url: str) -> bytes:
        with httpx.Client(timeout=10, follow_redirects=True) as client:
            return client.get(url).content  #@vuln CWE-918

    def fetch_logo(self, url: str) -> bytes:
        return self._download(url)

    def fx_rate(self, currency: str) -> float:
        resp = httpx.get(f"{RATES_API}/latest", params={"base": "EUR", "symbol": currency}, timeout=5)  #@safe
        resp.raise_for_status()
        return float(resp.json()["rate"])

    def apply_discount(self, subtotal: float, rule: Optional[str]) -> float:
        if not rule:
            return subtotal
        return eval(compile(rule, "<discount-rule>", "eval"), {"__builtins__": {}}, {"subtotal": subtotal})  #@vuln CWE-95|CWE-94

    def render_html(self, req: StatementRequest, lines) -> str:
        rows = "".join(f"<tr><td>{html.escape(d)}</td><td>{a / 100:.2f}</td></tr>" for d, a in lines)
        return f"<html><body><h1>Statement {html.escape(req.period)}</h1><table>{rows}</table><footer>{req.footer_note}</footer></body></html>"

    def render_email(self, req: StatementRequest, total: float) -> str:
        if req.email_template:
            return jinja.from_string(req.email_template).render(account=req.account_id, total=total)  #@vuln CWE-1336
        return jinja.from_string(DEFAULT_EMAIL).render(account=req.account_id, total=total)  #@safe

service = StatementService(InvoiceRepository(DSN))


async def notify_ledger(payload: dict) -> None:
    async with httpx.AsyncClient(verify=False, timeout=5) as client:  #@vuln CWE-295
        await client.post(LEDGER_URL, json=payload)


@app.post("/statements/preview", response_class=HTMLResponse)
def preview_statement(req: StatementRequest, account: str = Depends(current_account)):
    lines = service.repo.lines_for_period(account, req.period)
    return HTMLResponse(service.render_html(req, lines))  #@vuln CWE-79


@app.get("/statements/{period}/title", response_class=HTMLResponse)
def statement_title(period: str, label: str = "", account: str = Depends(current_account)):
    return HTMLResponse(f"<h1>{html.escape(label)} &middot; {html.escape(period)}</h1>")  #@safe


@app.get("/statements/note", response_class=HTMLResponse)
def statement_note(note: str = ""):
    return NOTE_TEMPLATE.render(note=note)  #@vuln CWE-79


@app.post("/statements/pdf")
async def statement_pdf(req: StatementRequest, account: str = Depends(current_account)):
    lines = service.repo.lines_for_period(account, req.period)
    subtotal = sum(amount for _, amount in lines) / 100 * service.fx_rate(req.currency)
    total = round(service.apply_discount(subtotal, req.discount_rule), 2)
    with tempfile.TemporaryDirectory() as workdir:
        html_path, out_path = os.path.join(workdir, "statement.html"), os.path.join(workdir, "statement.pdf")
        with open(html_path, "w") as fh:
            fh.write(service.render_html(req, lines))
        with open(os.path.join(workdir, "logo.png"), "wb") as fh:
            fh.write(service.fetch_logo(req.logo_url) if req.logo_url else b"")
        run_renderer(build_pdf_command(html_path, out_path, f"Statement {req.period}"))
        with open(out_path, "rb") as fh:
            pdf = fh.read()
    await notify_ledger({"account": account, "period": req.period, "total": total, "email": service.render_email(req, total)})
    return Response(pdf, media_type="application/pdf")


@app.get("/invoices")
def search_invoices(status: str = "open,overdue", account: str = Depends(current_account)):
    return [{"id": i, "total": t / 100, "status": s} for i, t, s in service.repo.search(account, status)]


@app.post("/remittances")
async def upload_remittance(request: Request, fmt: str = "legacy", account: str = Depends(current_account)):
    body = await request.body()
    root = parse_camt(body) if fmt == "camt" else parse_remittance(body)
    refs = [el.text for el in root.iter("{*}EndToEndId")]
    return {"account": account, "references": refs}
