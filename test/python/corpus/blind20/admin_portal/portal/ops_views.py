import os
import re
import subprocess

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

from etl_common.security import reset_token

PIPELINE_RE = re.compile(r"[a-z][a-z0-9_]{2,63}")


@staff_member_required
@require_POST
def restart_pipeline(request):
    name = request.POST["pipeline"]
    output = os.popen(f"{settings.ETL_CTL} restart {name}").read()  #@vuln CWE-78
    return JsonResponse({"pipeline": name, "output": output})


@staff_member_required
def tail_log(request):
    name = request.GET.get("pipeline", "")
    if not PIPELINE_RE.fullmatch(name):
        return HttpResponseBadRequest("bad pipeline name")
    log_path = os.path.join(settings.ETL_LOG_DIR, f"{name}.log")
    proc = subprocess.run(["tail", "-n", "200", log_path], capture_output=True, text=True, timeout=10)  #@safe
    return HttpResponse(proc.stdout, content_type="text/plain")


@staff_member_required
@require_POST
def rerun_partition(request):
    pipeline = request.POST["pipeline"]
    ds = request.POST["ds"]
    proc = subprocess.Popen(f"{settings.ETL_CTL} rerun --pipeline {pipeline} --ds {ds}", shell=True)  #@vuln CWE-78
    return JsonResponse({"pid": proc.pid})


@staff_member_required
def download_export(request):
    name = request.GET.get("file", "")
    path = os.path.join(settings.EXPORT_ROOT, request.user.username, name)
    return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


@staff_member_required
def impersonate(request):
    token = reset_token()
    request.session["impersonation_token"] = token
    resp = JsonResponse({"ok": True})
    resp.set_cookie("support_session", token, max_age=900, httponly=False)  #@vuln CWE-614|CWE-1004
    return resp
