"""CRM views: contact lookups, notes and exports."""
import pickle

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .models import Contact


def contact_card(request, pk):
    contact = Contact.objects.get(pk=pk)
    note = request.GET.get("note", "")
    return HttpResponse(mark_safe("<div class='note'>" + note + "</div>"))  #@vuln CWE-79


def contact_card_safe(request, pk):
    note = request.GET.get("note", "")
    return HttpResponse(format_html("<div class='note'>{}</div>", note))  #@safe


def greeting(request):
    who = request.GET.get("who", "")
    return HttpResponse("<p>Welcome back, %s</p>" % who)  #@vuln CWE-79


def greeting_safe(request):
    who = request.GET.get("who", "")
    return HttpResponse("<p>Welcome back, %s</p>" % escape(who))  #@safe


def find_contacts(request):
    city = request.GET["city"]
    with connection.cursor() as cur:
        cur.execute(  #@vuln CWE-89
            "SELECT id, name FROM crm_contact "
            "WHERE city = '%s' ORDER BY name" % city
        )
        rows = cur.fetchall()
    return JsonResponse({"rows": rows})


def find_contacts_safe(request):
    city = request.GET["city"]
    with connection.cursor() as cur:
        cur.execute("SELECT id, name FROM crm_contact WHERE city = %s", [city])  #@safe
        rows = cur.fetchall()
    return JsonResponse({"rows": rows})


def raw_lookup(request):
    email = request.POST.get("email")
    qs = Contact.objects.raw(f"SELECT * FROM crm_contact WHERE email = '{email}'")  #@vuln CWE-89
    return JsonResponse({"ids": [c.id for c in qs]})


def extra_filter(request):
    order = request.GET.get("order", "name")
    qs = Contact.objects.extra(where=["name LIKE '%%" + order + "%%'"])  #@vuln CWE-89
    return JsonResponse({"n": qs.count()})


def restore_filters(request):
    blob = request.body
    filters = pickle.loads(blob)  #@vuln CWE-502
    return JsonResponse({"filters": list(filters)})
