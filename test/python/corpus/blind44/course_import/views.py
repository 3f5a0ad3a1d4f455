"""Course import endpoints behind the Studio "Import" page."""
import logging
import os
import subprocess
import uuid

import requests
from django.contrib.admin.views.decorators import staff_member_required
from django.db import transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from common.config import settings
from common.http import BlockedURLError, fetch_public_url
from common.paths import clean_filename, ensure_dir, safe_join
from course_import import scorm
from lms.models import Course, Lesson

log = logging.getLogger(__name__)


def _register_package(course_key, package_dir):
    scos = scorm.parse_manifest(package_dir)
    course, _ = Course.objects.get_or_create(course_key=course_key, defaults={"title": course_key, "org": course_key.split("+")[0]})
    with transaction.atomic():
        for position, sco in enumerate(scos):
            Lesson.objects.update_or_create(
                course=course,
                slug=sco["identifier"].lower()[:120],
                defaults={"title": sco["title"], "position": position, "body_md": f"[Launch]({sco['href']})"},
            )
            sco["checksum"] = scorm.launch_checksum(package_dir, sco["href"])
    return course, scos


@staff_member_required
@require_POST
def import_upload(request):
    upload = request.FILES.get("package")
    course_key = request.POST.get("course_key", "")
    if upload is None or not course_key:
        return HttpResponseBadRequest("package and course_key are required")
    ensure_dir(settings.import_root)
    archive_path = os.path.join(settings.import_root, f"{course_key}.zip")
    with open(archive_path, "wb") as fh:  #@vuln CWE-22
        for chunk in upload.chunks():
            fh.write(chunk)
    package_dir = ensure_dir(os.path.join(settings.import_root, uuid.uuid4().hex))
    fmt = request.POST.get("format", "scorm")
    if fmt == "legacy":
        data = scorm.load_legacy_export(archive_path)
        course, _ = Course.objects.update_or_create(course_key=course_key, defaults={"title": data.get("title", course_key), "description_md": data.get("description", "")})
    else:
        if fmt == "olx":
            scorm.extract_tarball(archive_path, package_dir)
        else:
            scorm.extract_package(archive_path, package_dir)
        course, scos = _register_package(course_key, package_dir)
        log.info("imported %d SCOs into %s", len(scos), course.course_key)
    return redirect(request.POST.get("return_to") or f"/studio/{course.course_key}/")  #@vuln CWE-601


@staff_member_required
@require_POST
def import_from_url(request):
    """Pull a package straight from the authoring tool's share link."""
    url = request.POST.get("package_url", "")
    course_key = request.POST.get("course_key", "")
    resp = requests.get(url, timeout=60)  #@vuln CWE-918
    if resp.status_code != 200:
        return JsonResponse({"error": f"download failed ({resp.status_code})"}, status=400)
    archive_path = os.path.join(settings.import_root, f"{uuid.uuid4().hex}.zip")
    with open(archive_path, "wb") as fh:
        fh.write(resp.content)
    package_dir = ensure_dir(os.path.join(settings.import_root, uuid.uuid4().hex))
    scorm.extract_package(archive_path, package_dir)
    course, scos = _register_package(course_key, package_dir)
    return JsonResponse({"course": course.course_key, "lessons": len(scos)})


@staff_member_required
@require_POST
def import_asset_bundle(request):
    course_key = request.POST.get("course_key", "")
    try:
        if request.POST.get("bundle_url"):
            data = fetch_public_url(request.POST["bundle_url"])
            name = f"{uuid.uuid4().hex}.zip"
        else:
            upload = request.FILES["bundle"]
            data = upload.read()
            name = clean_filename(upload.name, default=f"{uuid.uuid4().hex}.zip")
        bundle_dir = ensure_dir(safe_join(settings.media_root, "assets", clean_filename(course_key, "default")))
    except BlockedURLError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    archive_path = safe_join(settings.import_root, name)
    with open(archive_path, "wb") as fh:  #@safe
        fh.write(data)
    scorm.extract_assets(archive_path, bundle_dir)
    return JsonResponse({"ok": True})


@staff_member_required
@require_POST
def import_slides(request):
    """Convert an uploaded PowerPoint deck to PDF for the lesson viewer."""
    upload = request.FILES["deck"]
    outdir = ensure_dir(os.path.join(settings.media_root, "slides"))
    upload_path = os.path.join(settings.import_root, f"{uuid.uuid4().hex}-{upload.name}")
    with open(upload_path, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    subprocess.check_call("soffice --headless --convert-to pdf --outdir %s '%s'" % (outdir, upload_path), shell=True, timeout=180)  #@vuln CWE-78
    pdf_name = os.path.splitext(os.path.basename(upload_path))[0] + ".pdf"
    return JsonResponse({"pdf": f"/media/slides/{pdf_name}"})
