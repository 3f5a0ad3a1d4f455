from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from . import services
from .ldap_directory import find_by_email, find_colleague
from .models import Contact, SavedSegment


@login_required
@require_GET
def contact_list(request):
    order = request.GET.get("order", "last_name")
    contacts = Contact.objects.raw(f"SELECT * FROM contacts_contact WHERE owner_id = %s ORDER BY {order}", [request.user.id])  #@vuln CWE-89
    return render(request, "contacts/list.html", {"contacts": contacts, "q": request.GET.get("q", "")})


@login_required
def contact_search(request):
    q = request.GET.get("q", "")
    with connection.cursor() as cur:
        cur.execute(  #@safe
            "SELECT id, first_name, last_name FROM contacts_contact WHERE owner_id = %s AND last_name ILIKE %s",
            [request.user.id, f"%{q}%"],
        )
        rows = cur.fetchall()
    return JsonResponse({"results": rows})


@login_required
def company_report(request):
    count, last = services.company_stats(request.GET.get("company", ""))
    by_country = services.country_stats(request.GET.get("country", "US"))
    return JsonResponse({"count": count, "last_update": last, "country": by_country})


@login_required
def contact_card(request, pk):
    contact = get_object_or_404(Contact, pk=pk, owner=request.user)
    note = request.GET.get("note", "")
    card = mark_safe(f"<div class='card'><h3>{escape(contact.full_name)}</h3><p>{note}</p></div>")  #@vuln CWE-79
    return render(request, "contacts/card.html", {"card": card})


@login_required
def contact_badge(request, pk):
    contact = get_object_or_404(Contact, pk=pk, owner=request.user)
    badge = format_html("<span class='badge'>{}</span>", request.GET.get("label", contact.status))  #@safe
    return HttpResponse(badge)


@login_required
@require_POST
def run_segment(request, segment_id):
    segment = get_object_or_404(SavedSegment, pk=segment_id, owner=request.user)
    rule = request.POST.get("rule") or segment.rule
    return JsonResponse({"contacts": services.apply_segment_rule(request.user, rule)})


@login_required
def directory_lookup(request):
    if "email" in request.GET:
        entries = find_by_email(request.GET["email"])
    else:
        entries = find_colleague(request.GET.get("name", ""))
    return JsonResponse({"entries": [dn for dn, _ in entries]})


@login_required
def export_download(request):
    name = request.GET.get("file", "")
    return FileResponse(open(settings.EXPORT_ROOT / name, "rb"), as_attachment=True)  #@vuln CWE-22


@login_required
def saved_view(request):
    raw = request.COOKIES.get("crm_view")
    view = services.load_saved_view(raw) if raw else {"columns": ["name", "email"]}
    return JsonResponse(view)


def login_redirect(request):
    nxt = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(nxt)  #@safe
    return redirect("/")


def logout_redirect(request):
    request.session.flush()
    return HttpResponseRedirect(request.GET.get("return_to", "/"))  #@vuln CWE-601


@login_required
@require_POST
def remember_me(request):
    resp = JsonResponse({"ok": True})
    resp.set_cookie("crm_remember", services.make_remember_token(), max_age=30 * 86400, httponly=False)  #@vuln CWE-614|CWE-1004
    return resp
