"""Views and URL routes for the reports service."""
import json
import os

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from common import tokens
from reports import export, importers, rendering
from reports.models import Report


def _tenant(request):
    return int(request.user.profile.tenant_id)


def _report(request, report_id):
    return get_object_or_404(Report, pk=report_id, tenant_id=_tenant(request))


def _rows(report):
    records = [r.data for r in report.rows.all()[:5000]]
    header = list(records[0].keys()) if records else []
    return header, records


@login_required
def report_list(request):
    order = request.GET.get("order", "created_at")
    qs = Report.objects.raw(f"SELECT * FROM reports_report WHERE tenant_id = %s ORDER BY {order} DESC", [_tenant(request)])  #@vuln CWE-89
    return JsonResponse({"reports": [{"id": r.id, "title": r.title, "category": r.category} for r in qs]})


@login_required
def report_search(request):
    q = request.GET.get("q", "")
    with connection.cursor() as cur:
        cur.execute("SELECT id, title FROM reports_report WHERE tenant_id = %s AND title ILIKE %s ORDER BY title", [_tenant(request), f"%{q}%"])  #@safe
        rows = cur.fetchall()
    return JsonResponse({"results": [{"id": i, "title": t} for i, t in rows]})


@login_required
def report_stats(request):
    since = request.GET.get("since", "2024-01-01")
    with connection.cursor() as cur:
        cur.execute("SELECT category, count(*) FROM reports_report WHERE tenant_id = %d AND created_at >= '%s' GROUP BY category" % (_tenant(request), since))  #@vuln CWE-89
        stats = dict(cur.fetchall())
    return JsonResponse({"since": since, "by_category": stats})


@login_required
def by_category(request, category):
    qs = Report.objects.filter(tenant_id=_tenant(request)).extra(where=[f"category = '{category}'"])  #@vuln CWE-89
    if request.GET.get("author"):
        qs = qs.extra(where=["created_by = %s"], params=[request.GET["author"]])  #@safe
    return JsonResponse({"reports": list(qs.values("id", "title"))})


@login_required
def report_summary(request, report_id):
    report = _report(request, report_id)
    highlight = request.GET.get("highlight", "")
    header = format_html("<h1>{}</h1><p>Highlighting <mark>{}</mark></p>", report.title, highlight)  #@safe
    notes = mark_safe(f"<div class='notes'>{report.notes}</div>")  #@vuln CWE-79
    return HttpResponse(header + notes)


@login_required
def report_lookup(request):
    title = request.GET.get("title", "")
    report = Report.objects.filter(tenant_id=_tenant(request), title=title).first()
    if report is None:
        return HttpResponse(f"<p>No report called <b>{title}</b> was found.</p>", status=404)  #@vuln CWE-79
    return redirect("report-summary", report_id=report.id)


@login_required
def report_preview(request, report_id):
    report = _report(request, report_id)
    header, records = _rows(report)
    if request.GET.get("filter"):
        records = importers.filter_records(records, request.GET.get("column", ""), request.GET["filter"])
    elif request.GET.get("q"):
        records = importers.search_records(records, request.GET.get("column", ""), request.GET["q"])
    return HttpResponse(rendering.render_preview(report.title, header, records[:200]))


@require_POST
@login_required
def save_report(request):
    fields = {"title": request.POST["title"][:200], "category": request.POST.get("category", "")[:50], "notes": request.POST.get("notes", "")}
    report = Report.objects.create(tenant_id=_tenant(request), created_by=request.user.username, **fields)
    nxt = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(nxt)  #@safe
    return redirect("report-summary", report_id=report.id)


@login_required
def download_pdf(request):
    name = request.GET.get("file", "")
    return FileResponse(open(os.path.join(settings.REPORT_DIR, name), "rb"), as_attachment=True)  #@vuln CWE-22


@login_required
def render_pdf(request, report_id):
    report = _report(request, report_id)
    header, records = _rows(report)
    if request.GET.get("engine") == "reportlab":
        pdf = rendering.summary_pdf(report, header, records)
    else:
        pdf = rendering.html_to_pdf(rendering.render_report_html(report, records))
    return HttpResponse(pdf, content_type="application/pdf")


@require_POST
@login_required
def pdf_from_url(request):
    return HttpResponse(rendering.pdf_from_url(request.POST["url"]), content_type="application/pdf")


@require_POST
@login_required
def layout_preview(request, report_id):
    report = _report(request, report_id)
    header, records = _rows(report)
    html = rendering.render_custom_layout(request.POST.get("layout", ""), {"report": report, "header": header, "rows": records})
    return HttpResponse(html)


@require_POST
@login_required
def subject_preview(request, report_id):
    report = _report(request, report_id)
    return JsonResponse({"subject": rendering.render_subject(request.POST.get("subject", ""), {"title": report.title, "category": report.category})})


@require_POST
@login_required
def import_data(request, report_id):
    report = _report(request, report_id)
    up = request.FILES.get("file")
    if up is None:
        return HttpResponseBadRequest("file missing")
    name = up.name.lower()
    if name.endswith(".xlsx"):
        count = importers.import_excel(up, report)
    elif name.endswith(".xml"):
        count = importers.import_xml(up.read(), report)
    elif name.endswith(".rss"):
        count = importers.import_partner_feed(up.read(), report)
    elif name.endswith(".dat"):
        count = importers.import_legacy_xml(up, report)
    elif name.endswith(".pkl"):
        count = importers.restore_dataset(up, report)
    else:
        computed = json.loads(request.POST.get("computed") or "{}")
        count = importers.import_csv(up, report, computed=computed, delimiter=request.POST.get("delimiter", ","))
    return JsonResponse({"imported": count})


@login_required
def share_report(request, report_id):
    report = _report(request, report_id)
    link = tokens.sign_download_link(report.tenant_id, report.id)
    resp = JsonResponse({"share_url": request.build_absolute_uri(link)})
    resp.set_cookie("last_share_link", link, httponly=True, samesite="Lax")  #@vuln CWE-614
    return resp


@require_POST
@login_required
def export_bundle(request):
    tenant = _tenant(request)
    if request.POST.get("target") == "s3":
        return JsonResponse({"url": export.export_to_s3(tenant, request.POST.get("name", "reports"), request.POST.get("legacy") == "1")})
    archive = export.export_tenant_reports(tenant, request.POST.get("name", "reports"), request.POST.getlist("attachments"))
    if request.POST.get("email"):
        export.mail_export(archive, request.POST["email"])
    return JsonResponse({"archive": os.path.basename(archive)})


@login_required
def after_export(request):
    return redirect(request.GET.get("return_url", "/reports/"))  #@vuln CWE-601


urlpatterns = [
    path("reports/", report_list),
    path("reports/search", report_search),
    path("reports/stats", report_stats),
    path("reports/lookup", report_lookup),
    path("reports/category/<str:category>", by_category),
    path("reports/new", save_report),
    path("reports/<int:report_id>", report_summary, name="report-summary"),
    path("reports/<int:report_id>/preview", report_preview),
    path("reports/<int:report_id>/pdf", render_pdf),
    path("reports/<int:report_id>/layout", layout_preview),
    path("reports/<int:report_id>/subject", subject_preview),
    path("reports/<int:report_id>/import", import_data),
    path("reports/<int:report_id>/share", share_report),
    path("reports/pdf-from-url", pdf_from_url),
    path("reports/files", download_pdf),
    path("exports/", export_bundle),
    path("exports/done", after_export),
]
