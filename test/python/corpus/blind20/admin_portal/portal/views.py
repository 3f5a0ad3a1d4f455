import base64
import json
import pickle

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from . import ldap_directory


def _dictfetchall(cursor):
    cols = [c[0] for c in cursor.description]
    return [dict(zip(cols, row)) for row in cursor.fetchall()]


@login_required
def job_runs(request):
    status = request.GET.get("status", "failed")
    pipeline = request.GET.get("pipeline", "")
    sql = "SELECT id, pipeline, ds, status, row_count FROM etl_job_runs WHERE status = '%s'" % status
    if pipeline:
        sql += f" AND pipeline = '{pipeline}'"
    with connection.cursor() as cur:
        cur.execute(sql + " ORDER BY id DESC LIMIT 200")  #@vuln CWE-89
        rows = _dictfetchall(cur)
    return render(request, "portal/job_runs.html", {"rows": rows, "status": status})


@login_required
def job_detail(request, run_id: int):
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM etl_job_runs WHERE id = %s", [run_id])  #@safe
        rows = _dictfetchall(cur)
    if not rows:
        return HttpResponse(status=404)
    return render(request, "portal/job_detail.html", {"run": rows[0]})


@login_required
def dataset_banner(request):
    note = request.GET.get("note", "")
    banner = mark_safe(f"<div class='banner banner-info'>{note}</div>")  #@vuln CWE-79
    return render(request, "portal/banner.html", {"banner": banner})


@login_required
def owner_badge(request):
    owner = request.GET.get("owner", "")
    badge = format_html("<span class='badge owner'>{}</span>", owner)  #@safe
    return render(request, "portal/banner.html", {"banner": badge})


@login_required
def search(request):
    q = request.GET.get("q", "")
    html = "<h2>Results for %s</h2><ul id='results'></ul>" % q
    return HttpResponse(html)  #@vuln CWE-79


@login_required
def search_hint(request):
    q = request.GET.get("q", "")
    return HttpResponse("<p class='hint'>No datasets match <b>%s</b></p>" % escape(q))  #@safe


@login_required
def people(request):
    username = request.GET.get("uid", "")
    entries = ldap_directory.find_person(username)
    is_admin = ldap_directory.is_member(username, request.GET.get("group", "dp-admins"))
    return JsonResponse({"entries": [e[1].get("mail", [b""])[0].decode() for e in entries], "admin": is_admin})


@login_required
def switch_workspace(request):
    request.session["workspace"] = request.GET.get("ws", "default")
    target = request.GET.get("next", "/")
    return HttpResponseRedirect(target)  #@vuln CWE-601


def logout_then(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    request.session.flush()
    return redirect(target)  #@safe


@login_required
def restore_filters(request):
    raw = request.COOKIES.get("portal_filters")
    filters = pickle.loads(base64.b64decode(raw)) if raw else {}  #@vuln CWE-502
    return JsonResponse({"filters": filters})


@login_required
def save_filters(request):
    filters = json.loads(request.body or b"{}")
    resp = JsonResponse({"ok": True})
    resp.set_cookie("portal_filters", base64.b64encode(json.dumps(filters).encode()).decode(), secure=True, httponly=True)  #@safe
    return resp
