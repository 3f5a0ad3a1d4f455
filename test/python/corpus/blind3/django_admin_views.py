"""Django class-based views for the admin area."""
import subprocess

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.utils.html import escape
from django.views import View
from django.views.generic import TemplateView


class UserSearchView(View):
    def get(self, request):
        q = request.GET.get("q", "")
        with connection.cursor() as cur:
            cur.execute("SELECT username FROM auth_user WHERE username LIKE '%%%s%%'" % q)  #@vuln CWE-89
            names = [r[0] for r in cur.fetchall()]
        html = "<ul>" + "".join("<li>%s</li>" % n for n in names) + "</ul>"
        return HttpResponse("<p>Results for " + q + "</p>" + html)  #@vuln CWE-79


class UserSearchSafeView(View):
    def get(self, request):
        q = request.GET.get("q", "")
        with connection.cursor() as cur:
            cur.execute("SELECT username FROM auth_user WHERE username LIKE %s", ["%" + q + "%"])  #@safe
            names = [r[0] for r in cur.fetchall()]
        return HttpResponse("<p>Results for " + escape(q) + "</p>")  #@safe


class PingView(View):
    def post(self, request):
        host = request.POST["host"]
        result = subprocess.run("ping -c 1 " + host, shell=True, capture_output=True)  #@vuln CWE-78
        return HttpResponse(result.stdout, content_type="text/plain")


class PingSafeView(View):
    def post(self, request):
        host = request.POST["host"]
        result = subprocess.run(["ping", "-c", "1", host], capture_output=True)  #@safe
        return HttpResponse(result.stdout, content_type="text/plain")


class ReportView(TemplateView):
    template_name = "admin/report.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = self.load_rows(self.request.GET.get("table", "orders"))
        return ctx

    def load_rows(self, table):
        with connection.cursor() as cur:
            cur.execute(f"SELECT * FROM {table} LIMIT 50")  #@vuln CWE-89
            return cur.fetchall()


class LogView(View):
    def get(self, request):
        name = request.GET["log"]
        path = settings.LOG_DIR + "/" + name
        with open(path) as fh:  #@vuln CWE-22
            return HttpResponse(fh.read(), content_type="text/plain")
