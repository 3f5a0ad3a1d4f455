"""Admin console views: user management, imports, policies and diagnostics."""
import ast
import base64
import hashlib
import io
import json
import logging
import os
import pickle
import random
import re
import string
import subprocess
import zipfile

import jwt
import requests
import yaml
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model, login
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from shared.authkit.paths import safe_join
from users import reports

log = logging.getLogger(__name__)
User = get_user_model()
AVATAR_IMPORT_ROOT = "/srv/idsvc/avatars"


def gateway_identity(request):
    """The gateway forwards the caller's access token in X-Acme-User."""
    raw = request.META.get(settings.GATEWAY_USER_HEADER)
    if not raw:
        return None
    return jwt.decode(raw, options={"verify_signature": False})  #@vuln CWE-347


def load_prefs(request) -> dict:
    cookie = request.COOKIES.get("admin_prefs")
    if not cookie:
        return {"page_size": 50, "columns": ["username", "email", "last_login"]}
    return pickle.loads(base64.urlsafe_b64decode(cookie))  #@vuln CWE-502


@staff_member_required
def user_list(request):
    q = request.GET.get("q", "").strip()
    prefs = load_prefs(request)
    users = User.objects.all().order_by("username")
    if q:
        users = User.objects.raw(f"SELECT * FROM auth_user WHERE username ILIKE '%%{q}%%' OR email ILIKE '%%{q}%%' ORDER BY username")  #@vuln CWE-89
    rows = []
    for u in list(users)[: prefs["page_size"]]:
        label = u.email.replace(q, "<mark>%s</mark>" % q) if q else u.email
        rows.append({"id": u.id, "username": format_html("<a href='/users/{}/'>{}</a>", u.id, u.username), "email": mark_safe(label)})  #@vuln CWE-79
    return render(request, "users/list.html", {"rows": rows, "q": q, "prefs": prefs})


@staff_member_required
def failed_logins(request):
    username = request.GET.get("username", "")
    rows = reports.failed_logins(username, int(request.GET.get("days", "7")))
    if not rows:
        return HttpResponse(f"<div class='empty'>No failed logins for {username}</div>")  #@vuln CWE-79
    return JsonResponse({"rows": rows})


def tenant_summary(request, tenant):
    # called by the gateway on behalf of tenant admins, so no Django session here
    ident = gateway_identity(request)
    if not ident or not (ident.get("adm") or ident.get("tenant") == tenant):
        return HttpResponse(status=403)
    return JsonResponse({"tenant": tenant, "users": reports.tenant_user_count(tenant)})


@staff_member_required
def stale_accounts(request):
    domain = request.GET.get("domain", "acme-corp.com")
    return render(request, "users/stale.html", {"users": reports.inactive_users(domain)})


@staff_member_required
def audit_log(request):
    if request.GET.get("filter"):
        events = reports.audit_search(request.GET["filter"])
    elif request.GET.get("target"):
        events = reports.audit_for_target(request.GET["target"])
    else:
        events = reports.audit_for_actor(request.GET.get("actor", request.user.username))
    return render(request, "users/audit.html", {"events": events})


@staff_member_required
@require_POST
def reset_to_temporary_password(request, pk):
    user = get_object_or_404(User, pk=pk)
    temp = "".join(random.choices(string.ascii_letters + string.digits, k=14))  #@vuln CWE-338
    user.set_password(temp)
    user.save(update_fields=["password"])
    messages.info(request, "Temporary password for %s: %s" % (user.username, temp))
    return redirect("users:detail", pk=pk)


@staff_member_required
@require_POST
def issue_api_key(request, pk):
    user = get_object_or_404(User, pk=pk)
    key = "ak_%032x" % random.getrandbits(128)  #@vuln CWE-338
    user.apikey_set.create(prefix=key[:10], key_hash=hashlib.sha256(key.encode()).hexdigest())
    return JsonResponse({"api_key": key})


@staff_member_required
@require_POST
def bulk_import(request):
    upload = request.FILES["file"]
    if upload.name.endswith((".yml", ".yaml")):
        if request.POST.get("format") == "legacy":
            records = yaml.load(upload.read(), Loader=yaml.Loader)  #@vuln CWE-502
        else:
            records = yaml.safe_load(upload.read())  #@safe
    else:
        records = json.load(upload)
    created = 0
    for rec in records:
        _, was_created = User.objects.get_or_create(username=rec["username"], defaults={"email": rec.get("email", ""), "first_name": rec.get("first_name", "")})
        created += int(was_created)
    return JsonResponse({"created": created})


@staff_member_required
@require_POST
def import_hr_feed(request):
    """Nightly HR export (XML) uploaded manually when the SFTP job fails."""
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, huge_tree=True)
    tree = etree.parse(request.FILES["feed"], parser)  #@vuln CWE-611
    updated = 0
    for emp in tree.iterfind(".//employee"):
        updated += User.objects.filter(email=emp.findtext("email")).update(first_name=emp.findtext("firstName") or "", last_name=emp.findtext("lastName") or "")
    return JsonResponse({"updated": updated})


@staff_member_required
@require_POST
def import_avatars(request):
    archive = zipfile.ZipFile(io.BytesIO(request.FILES["archive"].read()))
    written = 0
    for member in archive.infolist():
        if member.is_dir():
            continue
        with open(os.path.join(AVATAR_IMPORT_ROOT, member.filename), "wb") as out:  #@vuln CWE-22
            out.write(archive.read(member))
        written += 1
    return JsonResponse({"written": written})


@staff_member_required
def download_export(request):
    name = request.GET.get("name", "")
    return FileResponse(open(os.path.join(settings.EXPORT_DIR, name), "rb"), as_attachment=True)  #@vuln CWE-22


@staff_member_required
def download_report(request, name):
    try:
        path = safe_join(settings.EXPORT_DIR, name)
    except ValueError:
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True)  #@safe


@staff_member_required
@require_POST
def export_users(request):
    name = reports.export_users_csv(User.objects.filter(is_active=True))
    return JsonResponse({"file": name})


@staff_member_required
@require_POST
def preview_role_rule(request):
    """Role rules look like: user.email.endswith('@acme-corp.com') and 'eng' in groups"""
    expression = request.POST["expression"]
    sample = get_object_or_404(User, pk=request.POST["sample_user"])
    groups = list(sample.groups.values_list("name", flat=True))
    result = eval(expression, {"__builtins__": {}}, {"user": sample, "groups": groups})  #@vuln CWE-95
    return JsonResponse({"matches": bool(result)})


@staff_member_required
@require_POST
def save_claim_defaults(request):
    defaults = ast.literal_eval(request.POST.get("defaults", "{}"))  #@safe
    if not isinstance(defaults, dict):
        return HttpResponseBadRequest("defaults must be a dict")
    request.session["claim_defaults"] = defaults
    return JsonResponse({"ok": True})


@staff_member_required
@require_POST
def preview_email_template(request):
    body = request.POST["body"]
    ctx = {"name": request.user.get_full_name(), "link": "https://id.acme-corp.com/example"}
    if request.POST.get("engine") == "sandbox":
        rendered = SandboxedEnvironment(autoescape=True).from_string(body).render(**ctx)  #@safe
    else:
        rendered = Environment().from_string(body).render(**ctx)  #@vuln CWE-1336
    return JsonResponse({"html": rendered})


@staff_member_required
@require_POST
def test_domain_policy(request):
    """Tenant admins define which e-mail addresses may self-register."""
    pattern = request.POST.get("pattern", "")
    domains = [d.strip() for d in request.POST.get("domains", "").split(",") if d.strip()]
    if domains:
        policy = re.compile(r"^[^@]+@(%s)$" % "|".join(re.escape(d) for d in domains))  #@safe
    else:
        policy = re.compile(pattern)  #@vuln CWE-1333
    sample = User.objects.values_list("email", flat=True)[:500]
    return JsonResponse({"matching": [e for e in sample if policy.match(e)]})


@staff_member_required
@require_POST
def sync_ldap(request):
    ou = request.POST.get("ou", "people")
    if request.POST.get("dry_run"):
        proc = subprocess.run([settings.LDAP_SYNC_BIN, "--ou", ou, "--dry-run"], capture_output=True, text=True, timeout=120)  #@safe
        return JsonResponse({"output": proc.stdout})
    status = os.system(f"{settings.LDAP_SYNC_BIN} --ou {ou} >> /var/log/idsvc/ldap-sync.log 2>&1")  #@vuln CWE-78
    return JsonResponse({"status": status})


@staff_member_required
@require_POST
def test_webhook(request):
    url = request.POST["url"]
    payload = {"event": "webhook.test", "tenant": request.POST.get("tenant", "default")}
    resp = requests.post(url, json=payload, timeout=5)  #@vuln CWE-918
    return JsonResponse({"status": resp.status_code, "body": resp.text[:2000]})


@staff_member_required
def impersonate(request, pk):
    target = get_object_or_404(User, pk=pk, is_superuser=False)
    request.session["impersonator"] = request.user.pk
    login(request, target, backend="django.contrib.auth.backends.ModelBackend")
    next_url = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(next_url)  #@safe
    return HttpResponseRedirect("/")


def stop_impersonating(request):
    original = request.session.get("impersonator")
    if original:
        login(request, User.objects.get(pk=original), backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponseRedirect(request.GET.get("back", "/users/"))  #@vuln CWE-601
