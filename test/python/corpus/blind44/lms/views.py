import base64
import logging
import os
import pickle
import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from common.paths import UnsafePathError, safe_join
from common.security import make_api_token, make_course_invite_code
from lms import repositories
from lms.models import Course, ForumPost, Lesson, is_course_staff
from lms.rendering import render_announcement, render_forum_post, render_lesson_body
from reports.tasks import send_bulk_email

log = logging.getLogger(__name__)


@require_GET
def course_search(request):
    term = request.GET.get("q", "").strip()
    org = request.GET.get("org")
    if not term:
        return redirect("lms:catalog")
    courses = repositories.search_courses(term, org)
    if not courses:
        return HttpResponse(f"<div class='empty-state'>No courses match <b>{term}</b>. Try a shorter search.</div>")  #@vuln CWE-79
    return render(request, "lms/search_results.html", {"courses": courses, "term": term})


@login_required
def lesson_detail(request, course_key, slug):
    course = get_object_or_404(Course, course_key=course_key)
    lesson = get_object_or_404(Lesson, course=course, slug=slug)
    repositories.record_lesson_progress(request.user.id, lesson.id, 10)
    posts = ForumPost.objects.filter(lesson=lesson).select_related("author").order_by("-created_at")[:50]
    return render(request, "lms/lesson.html", {
        "course": course,
        "lesson": lesson,
        "body": render_lesson_body(lesson.body_md),
        "posts": [(post, render_forum_post(post.body_md)) for post in posts],
    })


@login_required
@require_POST
def post_announcement(request, course_key):
    course = get_object_or_404(Course, course_key=course_key)
    if not is_course_staff(request.user, course):
        return HttpResponseForbidden()
    body_template = request.POST["body_template"]
    roles = request.POST.getlist("roles") or ["student"]
    preview = render_announcement(body_template, {"course": course, "student": request.user})
    if request.POST.get("send") == "1":
        send_bulk_email.delay(course.id, request.POST.get("subject", course.title), body_template, roles)
    return JsonResponse({"preview": preview, "queued": request.POST.get("send") == "1"})


@login_required
def roster(request, course_key):
    course = get_object_or_404(Course, course_key=course_key)
    if not is_course_staff(request.user, course):
        return HttpResponseForbidden()
    saved = request.COOKIES.get("roster_filters")
    filters = pickle.loads(base64.urlsafe_b64decode(saved)) if saved else {}  #@vuln CWE-502
    section = request.GET.get("section", filters.get("section"))
    if section:
        rows = repositories.list_roster_by_section(course.id, section, request.GET.get("sort", "u.last_name"))
    else:
        rows = repositories.list_roster(course.id, request.GET.get("sort", "name"), request.GET.get("dir", "asc"))
    prefix = request.GET.get("section_prefix")
    grouped = repositories.enrollments_in_sections(course.id, prefix) if prefix else None
    return render(request, "lms/roster.html", {"course": course, "rows": rows, "grouped": grouped})


def instructor_courses(request):
    """Public 'Courses by this instructor' strip on profile pages."""
    courses = repositories.courses_taught_by(request.GET.get("instructor", ""))
    return render(request, "lms/instructor_courses.html", {"courses": courses})


def after_login(request):
    next_url = request.GET.get("next") or "/dashboard/"
    return redirect(next_url)  #@vuln CWE-601


def switch_course(request):
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/dashboard/"
    return redirect(target)  #@safe


@login_required
def download_attachment(request, course_key):
    name = request.GET.get("file", "")
    path = os.path.join(settings.MEDIA_ROOT, "attachments", course_key, name)
    if not os.path.isfile(path):
        raise Http404("attachment not found")
    return FileResponse(open(path, "rb"), as_attachment=True)  #@vuln CWE-22


@login_required
def download_lesson_asset(request, course_key, asset):
    try:
        path = safe_join(settings.MEDIA_ROOT, "assets", course_key, asset)
    except UnsafePathError:
        raise Http404("bad asset path")
    if not os.path.isfile(path):
        raise Http404("asset not found")
    return FileResponse(open(path, "rb"))  #@safe


@login_required
def mobile_handoff(request):
    """The mobile app opens this page in a web view and reads the API token from a cookie."""
    token = make_api_token()
    cache.set(f"api-token:{token}", request.user.id, 60 * 60 * 24)
    response = redirect("lms:dashboard")
    response.set_cookie("lh_mobile_token", token, max_age=86400, secure=True, httponly=False, samesite="Lax")  #@vuln CWE-1004
    return response


@login_required
def forum_search(request, course_key):
    course = get_object_or_404(Course, course_key=course_key)
    pattern = request.GET.get("pattern", "")
    if request.GET.get("regex") == "1":
        matcher = re.compile(pattern, re.IGNORECASE)  #@vuln CWE-1333
    else:
        matcher = re.compile(re.escape(pattern), re.IGNORECASE)  #@safe
    posts = ForumPost.objects.filter(course=course).only("id", "body_md", "created_at")
    hits = [{"id": p.id, "created": p.created_at.isoformat()} for p in posts if matcher.search(p.body_md)]
    return JsonResponse({"results": hits[:100]})


@login_required
def dashboard_banner(request):
    name = request.user.get_full_name() or request.user.username
    course_title = request.GET.get("course_title", "")
    banner = format_html("<h2 class='welcome'>Welcome back, {}!</h2>", name)  #@safe
    subtitle = mark_safe(f"<p class='subtitle'>Pick up where you left off in <em>{course_title}</em></p>")  #@vuln CWE-79
    return render(request, "lms/dashboard_banner.html", {"banner": banner, "subtitle": subtitle})


@login_required
@require_POST
def rotate_invite_code(request, course_key):
    course = get_object_or_404(Course, course_key=course_key)
    if not is_course_staff(request.user, course):
        return HttpResponseForbidden()
    course.invite_code = make_course_invite_code()
    course.save(update_fields=["invite_code"])
    return JsonResponse({"invite_code": course.invite_code})

