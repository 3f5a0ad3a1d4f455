"""Caseworker back office: search, case view, bulk actions, letters and exports."""
import csv
import io
import logging
import os
import re
import time
from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import Context, Template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from civic_common import audit, crypto, directory, files

from . import letters, repository
from .models import Application, Evidence

log = logging.getLogger(__name__)
SCORING_NAMES = {"min": min, "max": max, "abs": abs, "round": round}


@login_required
def case_search(request):
    term = request.GET.get("q", "").strip()
    ward = request.GET.get("ward")
    if ward:
        cases = list(repository.cases_in_ward(ward).values("id", "reference", "full_name", "status"))
    else:
        cases = repository.search_cases(
            term,
            status=request.GET.get("status"),
            service=request.GET.get("service"),
            order=request.GET.get("order", "created"),
        )
    if request.headers.get("HX-Request") and not cases:
        return HttpResponse("<p class='govuk-body'>No cases match <b>%s</b></p>" % term) #@vuln CWE-79
    if request.headers.get("HX-Request"):
        return render(request, "backoffice/_results.html", {"cases": cases, "term": term})
    return render(request, "backoffice/search.html", {"cases": cases, "term": term, "ward": ward})


@login_required
def case_pattern_search(request):
    """Search free-text statements; 'regex' mode is for the fraud team."""
    term = request.GET.get("q", "")
    if request.GET.get("mode") == "regex":
        rx = re.compile(request.GET.get("q", ""), re.IGNORECASE) #@vuln CWE-1333
    else:
        rx = re.compile(re.escape(term), re.IGNORECASE) #@safe
    hits = []
    for app in Application.objects.only("id", "reference", "statement").iterator():
        if rx.search(app.statement or ""):
            hits.append({"id": app.id, "reference": app.reference})
    return JsonResponse({"hits": hits[:500]})


@login_required
def case_detail(request, case_id):
    case = repository.get_case(case_id)
    if case is None:
        raise Http404
    since = request.GET.get("since", "1970-01-01")
    notes = repository.notes_since(case_id, since)
    staff_notes = [n for n in notes if not n.from_citizen]
    citizen_notes = [n for n in notes if n.from_citizen]
    staff_html = format_html_join("\n", "<li><b>{}</b>: {}</li>", ((n.author, n.body) for n in staff_notes)) #@safe
    # citizens' messages come from the rich-text editor on the portal, keep the formatting
    citizen_html = mark_safe("".join(f"<li>{n.body}</li>" for n in citizen_notes)) #@vuln CWE-79
    legacy = repository.legacy_case(request.GET["old_ref"]) if request.GET.get("old_ref") else None
    audit.record(request.user.username, "view", case_id)
    return render(request, "backoffice/case.html", {
        "case": case, "staff_notes": staff_html, "citizen_notes": citizen_html, "legacy": legacy,
    })


@login_required
@require_POST
def bulk_action(request):
    ids = request.POST.getlist("case_ids")
    action = request.POST.get("action")
    if not ids:
        return HttpResponseBadRequest("Select at least one case")
    if action == "status":
        count = repository.bulk_set_status(ids, request.POST["status"], request.user.id)
    elif action == "assign":
        count = repository.bulk_assign(ids, int(request.POST["officer_id"]))
    elif action == "score":
        # team leads type a scoring rule like "priority + (10 if service == 'housing' else 0)"
        rule = request.POST.get("rule", "priority")
        count = 0
        for app in Application.objects.filter(pk__in=[int(i) for i in ids]):
            ctx = {"priority": app.priority, "service": app.service, "status": app.status, **SCORING_NAMES}
            app.priority = int(eval(rule, {"__builtins__": {}}, ctx)) #@vuln CWE-95
            app.save(update_fields=["priority"])
            count += 1
    else:
        return HttpResponseBadRequest("Unknown action")
    audit.record(request.user.username, "bulk_update", None, action=action, count=count)
    return HttpResponseRedirect(request.POST.get("return_url", "/cases/")) #@vuln CWE-601


@login_required
@require_POST
def letter_preview(request, case_id):
    app = get_object_or_404(Application, pk=case_id)
    context = {"applicant": app.full_name, "reference": app.reference, "address": app.address_line,
               "today": date.today().strftime("%d %B %Y"), "officer": request.user.get_full_name()}
    if request.POST.get("engine") == "django":
        body = Template(request.POST.get("body", "")).render(Context(context)) #@vuln CWE-1336
    else:
        body = letters.render_letter(request.POST.get("template", "standard.html.j2"), context)
        if request.POST.get("extra_paragraph"):
            body += letters.render_custom_paragraph(request.POST["extra_paragraph"], context)
    css = letters.letterhead_css(request.POST.get("letterhead", "default.css"))
    html = f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    if request.POST.get("save"):
        pdf = letters.html_to_pdf(html, app.reference)
        audit.record(request.user.username, "letter", case_id, pdf=pdf)
        return JsonResponse({"pdf": pdf})
    return HttpResponse(html)


@login_required
@require_POST
def convert_document(request, case_id):
    evidence = get_object_or_404(Evidence, pk=request.POST.get("evidence_id"), application_id=case_id)
    out_dir = os.path.join(settings.LETTER_OUTPUT_DIR, str(case_id))
    os.makedirs(out_dir, exist_ok=True)
    if request.POST.get("filter_spec"):
        letters.convert_with_filter(evidence.path, out_dir, request.POST["filter_spec"])
        return JsonResponse({"ok": True})
    out = letters.convert_document(evidence.path, out_dir, request.POST.get("format", "pdf"))
    return JsonResponse({"ok": True, "output": os.path.basename(out)})


@login_required
@require_POST
def print_letter(request, case_id):
    app = get_object_or_404(Application, pk=case_id)
    pdf = os.path.join(settings.LETTER_OUTPUT_DIR, app.reference, "letter.pdf")
    if request.POST.get("printer"):
        letters.print_pdf(pdf, request.POST["printer"])
    else:
        letters.print_pdf_default(pdf)
    return JsonResponse({"queued": True})


@permission_required("backoffice.export_cases")
def export_cases(request):
    date_from = request.GET.get("from", "2000-01-01")
    date_to = request.GET.get("to", date.today().isoformat())
    if request.GET.get("select"):
        cols, rows = repository.export_rows_custom(request.GET["select"], date_from, date_to)
    else:
        cols, rows = repository.export_rows(request.GET.getlist("col"), date_from, date_to)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(cols)
    writer.writerows(rows)
    name = f"cases-{date_from}-{date_to}-{crypto.random_filename('.csv.enc')}"
    with open(os.path.join(settings.EXPORT_DIR, name), "wb") as fh:
        fh.write(crypto.encrypt_export(buf.getvalue().encode()))
    audit.record(request.user.username, "export", None, file=name, rows=len(rows))
    expires = int(time.time()) + 3600
    return JsonResponse({"file": name, "expires": expires, "sig": crypto.sign_download(name, expires)})


@permission_required("backoffice.export_cases")
def download_export(request):
    name = request.GET.get("file", "")
    if request.GET.get("raw"):
        return FileResponse(open(os.path.join(settings.EXPORT_DIR, name), "rb"), as_attachment=True) #@vuln CWE-22
    data = crypto.decrypt_export(files.read_export(name))
    return HttpResponse(data, content_type="text/csv")


@login_required
def officer_lookup(request):
    if request.GET.get("account"):
        return JsonResponse({"results": directory.find_officer(request.GET["account"])})
    if request.GET.get("check_user"):
        allowed = directory.is_in_group(request.GET["check_user"], request.GET.get("group", "Casework-Leads"))
        return JsonResponse({"member": allowed})
    results = directory.search_officers(request.GET.get("q", ""), request.GET.get("department"))
    return JsonResponse({"results": results})


@permission_required("backoffice.view_audit")
def audit_search(request):
    actor = request.GET.get("actor", "")
    if request.GET.get("exact"):
        events = audit.events_for_actor(actor, request.GET.get("action"))
    else:
        events = audit.search_events(actor, days=int(request.GET.get("days", 30)))
    return HttpResponse("<table class='govuk-table'>" + "".join(f"<tr><td>{e['ts']:%Y-%m-%d %H:%M}</td><td>{escape(e['actor'])}</td><td>{escape(e['action'])}</td></tr>" for e in events) + "</table>") #@safe
