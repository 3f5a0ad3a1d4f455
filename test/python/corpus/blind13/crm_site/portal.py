import base64
import os
import pickle

import django
import ldap
from django.conf import settings
from ldap.filter import escape_filter_chars

BASE_DIR = os.path.dirname(os.path.abspath(__file__))

# --- settings -------------------------------------------------------------
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"  #@safe
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  #@safe
ROOT_URLCONF = __name__
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "portal.acme-crm.example").split(",")
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions", "crm"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware",
              "django.middleware.csrf.CsrfViewMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "crm",
        "USER": "crm_portal",
        "PASSWORD": "crm-portal-dev-pass-0000",  #@vuln CWE-798|CWE-259
        "HOST": os.environ.get("DB_HOST", "localhost"),
    }
}
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [os.path.join(BASE_DIR, "templates")],
              "OPTIONS": {"builtins": [__name__], "context_processors": ["django.template.context_processors.request"]}}]
SESSION_COOKIE_SECURE = True  #@safe
SESSION_COOKIE_HTTPONLY = False  #@vuln CWE-1004
LDAP_SERVER_URI = "ldaps://ldap.corp.acme.example"
LDAP_BASE_DN = "ou=people,dc=corp,dc=acme,dc=example"
DEFAULT_LAYOUT = {"widgets": ["pipeline", "tickets", "invoices"], "density": "comfortable"}

if not settings.configured:
    settings.configure(**{k: v for k, v in dict(globals()).items() if k.isupper()})
    django.setup()

from crm.models import Customer  # noqa: E402
from django import forms, template  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.contrib.auth.mixins import LoginRequiredMixin  # noqa: E402
from django.core import signing  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse  # noqa: E402
from django.shortcuts import get_object_or_404, redirect, render  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.html import format_html  # noqa: E402
from django.utils.http import url_has_allowed_host_and_scheme  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402
from django.views import View  # noqa: E402
from django.views.generic import TemplateView, UpdateView  # noqa: E402

register = template.Library()

@register.filter(name="highlight")
def highlight(value, term):
    if not term:
        return value
    return mark_safe(str(value).replace(term, f"<mark>{term}</mark>"))  #@vuln CWE-79

@register.filter(name="ticket_link")
def ticket_link(ticket_id):
    return format_html('<a href="/tickets/{}/">#{}</a>', ticket_id, ticket_id)  #@safe

class CustomerProfileForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = "__all__"  #@vuln CWE-915

class CustomerContactForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = ["name", "email", "phone", "notes"]  #@safe

def _ldap():
    conn = ldap.initialize(settings.LDAP_SERVER_URI)
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn

@login_required
def customer_search(request):
    region = request.GET.get("region", "emea")
    status = request.GET.get("status", "active")
    sql = f"SELECT * FROM crm_customer WHERE region = '{region}' AND status = '{status}' ORDER BY name"
    customers = list(Customer.objects.raw(sql))  #@vuln CWE-89
    if not customers:
        return HttpResponse(f"<p class='empty'>No {status} customers in <b>{region}</b>.</p>")  #@vuln CWE-79
    return render(request, "crm/search.html", {"customers": customers, "q": region})

@login_required
def customer_stats(request, pk):
    with connection.cursor() as cur:
        cur.execute("SELECT count(*), coalesce(sum(amount), 0) FROM crm_invoice WHERE customer_id = %s AND status = %s",  #@safe
                    [pk, request.GET.get("status", "open")])
        count, total = cur.fetchone()
    return JsonResponse({"invoices": count, "total": float(total)})

@login_required
def directory_lookup(request):
    username = request.GET.get("user", "")
    flt = f"(&(objectClass=person)(uid={username}))"
    results = _ldap().search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "mail"])  #@vuln CWE-90
    return JsonResponse({"entries": [{"dn": dn, "cn": a.get("cn", [b""])[0].decode()} for dn, a in results]})

@login_required
def manager_lookup(request):
    email = escape_filter_chars(request.GET.get("email", ""))
    flt = "(&(objectClass=person)(mail=%s))" % email
    results = _ldap().search_s(settings.LDAP_BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "manager"])  #@safe
    return JsonResponse({"count": len(results)})

class CustomerProfileView(LoginRequiredMixin, UpdateView):
    form_class = CustomerProfileForm
    template_name = "crm/profile.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Customer, portal_user=self.request.user)

class SwitchRegionView(LoginRequiredMixin, View):
    def post(self, request):
        request.session["region"] = request.POST.get("region", "emea")
        next_url = request.POST.get("next", "/")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
            return HttpResponseRedirect(next_url)  #@safe
        return redirect("dashboard")

class TrackClickView(View):
    def get(self, request):
        Customer.objects.filter(pk=request.GET.get("c")).update(last_campaign_click=timezone.now())
        return HttpResponseRedirect(request.GET.get("to", "/"))  #@vuln CWE-601

class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "crm/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        raw = self.request.COOKIES.get("crm_layout")
        ctx["layout"] = pickle.loads(base64.b64decode(raw)) if raw else DEFAULT_LAYOUT  #@vuln CWE-502
        token = self.request.COOKIES.get("crm_filters")
        try:
            ctx["filters"] = signing.loads(token, salt="crm.filters", max_age=86400) if token else {}  #@safe
        except signing.BadSignature:
            ctx["filters"] = {}
        return ctx

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("customers/search/", customer_search),
    path("customers/<int:pk>/stats/", customer_stats),
    path("customers/me/", CustomerProfileView.as_view()),
    path("customers/<int:pk>/contact/", UpdateView.as_view(model=Customer, form_class=CustomerContactForm, template_name="crm/contact.html")),
    path("directory/", directory_lookup),
    path("directory/manager/", manager_lookup),
    path("region/", SwitchRegionView.as_view()),
    path("t/", TrackClickView.as_view()),
]
