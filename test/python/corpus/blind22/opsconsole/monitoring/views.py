import os

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template import Context, Template
from django.utils.html import escape
from django.views import View
from django.views.generic import DetailView, ListView

from . import services
from .models import Incident, Runbook, StatusCheck

LOG_DIR = "/var/log/opsconsole"
ALLOWED_LOGS = {"probe.log", "webhooks.log", "celery.log"}


class IncidentListView(LoginRequiredMixin, ListView):
    template_name = "monitoring/incident_list.html"
    context_object_name = "incidents"
    paginate_by = 50

    def get_queryset(self):
        qs = Incident.objects.filter(tenant=self.request.tenant).select_related("check")
        q = self.request.GET.get("q")
        if q:
            qs = qs.extra(where=["title ILIKE %s"], params=[f"%{q}%"])  #@safe
        severity = self.request.GET.get("severity")
        if severity:
            qs = qs.extra(where=[f"severity = '{severity}'"])  #@vuln CWE-89
        return qs.order_by("-opened_at")


class IncidentAckView(LoginRequiredMixin, View):
    def post(self, request, pk):
        incident = get_object_or_404(Incident, pk=pk, tenant=request.tenant)
        incident.acknowledge(by=request.user)
        return redirect(request.GET.get("return_to") or incident.get_absolute_url())  #@vuln CWE-601


class RunbookView(LoginRequiredMixin, DetailView):
    """Runbooks are written by tenant members and may reference the incident."""

    model = Runbook

    def get_queryset(self):
        return Runbook.objects.filter(tenant=self.request.tenant)

    def render_to_response(self, context, **response_kwargs):
        incident = Incident.objects.filter(pk=self.request.GET.get("incident"), tenant=self.request.tenant).first()
        body = Template(self.object.body).render(Context({"incident": incident, "user": self.request.user, "tenant": self.request.tenant}))  #@vuln CWE-1336
        return HttpResponse(body)


class StatusBadgeView(View):
    def get(self, request, slug):
        check = get_object_or_404(StatusCheck, public_slug=slug)
        label = request.GET.get("label", check.name)
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="140" height="20"><text x="5" y="14">{escape(label)}: {escape(check.state)}</text></svg>'
        return HttpResponse(svg, content_type="image/svg+xml")  #@safe


class LogTailView(LoginRequiredMixin, View):
    def get(self, request):
        if not request.user.is_staff:
            raise Http404
        name = request.GET.get("file", "probe.log")
        if name not in ALLOWED_LOGS:
            return HttpResponseBadRequest("unknown log")
        with open(os.path.join(LOG_DIR, name), encoding="utf-8", errors="replace") as fh:  #@safe
            lines = fh.readlines()[-200:]
        return HttpResponse("".join(lines), content_type="text/plain")


class ProbeArtifactView(LoginRequiredMixin, View):
    """Screenshots / HAR files captured by the keyword probe."""

    def get(self, request, check_id):
        check = get_object_or_404(StatusCheck, pk=check_id, tenant=request.tenant)
        artifact = request.GET["artifact"]
        path = os.path.join(settings.PROBE_ARTIFACT_DIR, str(check.pk), artifact)
        return FileResponse(open(path, "rb"))  #@vuln CWE-22


class TracerouteView(LoginRequiredMixin, View):
    def post(self, request):
        host = request.POST.get("host", "")
        output = services.traceroute(host)
        return HttpResponse(f"<h3>Traceroute to {host}</h3><pre>{escape(output)}</pre>")  #@vuln CWE-79


class InternalStatusView(LoginRequiredMixin, View):
    def get(self, request):
        return JsonResponse(services.internal_status_pages())


class DashboardPrefsView(LoginRequiredMixin, View):
    def post(self, request):
        resp = JsonResponse({"saved": True})
        resp.set_cookie("ops_layout", request.POST.get("layout", "grid"), max_age=365 * 86400, secure=True, httponly=True, samesite="Lax")  #@safe
        resp.set_cookie("ops_api_token", request.user.profile.api_token, max_age=86400, httponly=True, samesite="Strict")  #@vuln CWE-614
        return resp
