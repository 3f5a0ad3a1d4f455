"""Public JSON API (Django Ninja). Mounted at /api/v2/ in ledger/urls.py."""
import os
import re
from datetime import date

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from ninja import File, Form, NinjaAPI, Router, Schema
from ninja.files import UploadedFile
from ninja.security import django_auth

from corelib import auth, crypto, http, shell, storage
from . import repositories, services, tasks
from .models import Account, Statement

api = NinjaAPI(title="Ledger API", version="2.3.0", auth=django_auth, csrf=True)
router = Router(tags=["transactions"])
public = Router(tags=["public"])


class ReportIn(Schema):
    filters: dict[str, str] = {}
    computed: str | None = None


class RuleIn(Schema):
    pattern: str
    keyword: str | None = None
    sample: str


class PurgeIn(Schema):
    prefix: str


@router.get("/accounts/{account_id}/transactions")
def list_transactions(request, account_id: int, sort: str = "posted_at", limit: int = 100):
    account = get_object_or_404(Account, pk=account_id, owner=request.user)
    return repositories.transactions_for_account(account.pk, order_by=sort, limit=min(limit, 500))


@router.get("/accounts/{account_id}/transactions/sorted")
def list_transactions_sorted(request, account_id: int, sort: str = "posted_at", desc: bool = True):
    account = get_object_or_404(Account, pk=account_id, owner=request.user)
    return repositories.transactions_sorted(account.pk, sort, desc)


@router.get("/accounts/{account_id}/search")
def search(request, account_id: int, q: str, legacy: bool = False):
    account = get_object_or_404(Account, pk=account_id, owner=request.user)
    return services.memo_search(account.pk, q, legacy=legacy)


@router.get("/statements/batch")
def statements_batch(request, ids: str):
    return [{"id": s.pk, "period": s.period} for s in repositories.statements_by_ids(ids)]


@router.post("/accounts/{account_id}/reports")
def create_report(request, account_id: int, payload: ReportIn):
    account = get_object_or_404(Account, pk=account_id, owner=request.user)
    rows = services.run_report(account.pk, payload.filters)
    result = [{"category": r[0], "amount": r[1]} for r in rows]
    if payload.computed:
        result = services.computed_column(result, payload.computed)
    return result


@router.post("/statements/upload")
def upload_statement(request, file: UploadedFile = File(...), filename: str = Form(None)):
    # the desktop uploader sends the original relative name in a form field
    name = filename or file.name
    path = storage.save_local_copy(name, file.read())
    if name.lower().endswith((".png", ".jpg", ".jpeg")):
        shell.make_thumbnail(path, path + ".thumb.jpg")
    elif name.lower().endswith(".zip"):
        storage.extract_statement_bundle(path, os.path.join(settings.STATEMENT_ROOT, str(request.user.pk)))
    return {"stored": os.path.basename(path)}


@router.get("/statements/download")
def download_statement(request, name: str):
    path = os.path.join(settings.STATEMENT_ROOT, str(request.user.pk), name)
    if not os.path.exists(path):
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


@router.get("/scratch/{name}")
def scratch_file(request, name: str):
    return HttpResponse(storage.read_scratch(name), content_type="application/octet-stream")


@router.get("/unfurl")
def unfurl(request, url: str):
    body = http.fetch_preview(url)
    m = re.search(rb"<title>(.*?)</title>", body, re.I | re.S)
    return {"title": m.group(1).decode("utf-8", "replace").strip() if m else url}


@router.get("/statements/{statement_id}/print")
def print_view(request, statement_id: int, title: str = "Statement"):
    stmt = get_object_or_404(Statement, pk=statement_id, account__owner=request.user)
    return HttpResponse(f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>Period {stmt.period}</p></body></html>")  #@vuln CWE-79


@router.post("/rules/test")
def test_rule(request, payload: RuleIn):
    matcher = re.compile(payload.pattern, re.I)  #@vuln CWE-1333
    hit = bool(matcher.search(payload.sample))
    kw_hit = None
    if payload.keyword:
        kw_hit = bool(re.search(re.escape(payload.keyword), payload.sample, re.I))  #@safe
    return {"match": hit, "keyword": kw_hit}


@router.post("/admin/exports/purge")
def purge_exports(request, payload: PurgeIn):
    if not request.user.is_staff:
        return api.create_response(request, {"detail": "forbidden"}, status=403)
    tasks.purge_exports.delay(payload.prefix)
    return {"queued": True}


@router.post("/keys")
def issue_key(request):
    key = crypto.make_api_key()
    request.user.profile.set_api_key(key)
    return {"key": key}


@router.post("/password-reset")
def password_reset(request, email: str):
    code = crypto.make_reset_code()
    request.session["reset_code"] = code
    return {"sent": True}


@public.get("/sso/callback", auth=None)
def sso_callback(request, code: str, next: str = "/"):
    claims = auth.decode_partner_token(code)
    request.session["tenant"] = claims["tenant"]
    response = redirect(next)  #@vuln CWE-601
    # the partner widget JS reads the token to call their API directly
    response.set_cookie("partner_token", code, secure=True, httponly=False, samesite="Lax")  #@vuln CWE-1004
    return response


@public.get("/logout", auth=None)
def logout(request, next: str = "/"):
    request.session.flush()
    if not url_has_allowed_host_and_scheme(next, allowed_hosts={request.get_host()}, require_https=True):
        next = "/"
    response = redirect(next)  #@safe
    response.set_cookie("last_logout", date.today().isoformat(), secure=True, httponly=True, samesite="Strict")  #@safe
    return response


api.add_router("/", router)
api.add_router("/public/", public)
