"""Instructor console views: submission review, course import, announcements."""
import os
import re
import shutil
import zipfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.expressions import RawSQL
from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from instructor_admin.forms import AnnouncementForm, CourseImportForm, RubricUploadForm, SubmissionFilterForm
from instructor_admin.models import Announcement, Course, Rubric, Submission

STATUS_COLOURS = {"queued": "grey", "running": "blue", "graded": "green", "failed": "red"}


def status_badge(submission):
    colour = STATUS_COLOURS.get(submission.status, "grey")
    return format_html('<span class="badge badge-{}">{}</span>', colour, submission.get_status_display())  #@safe


def student_link(student):
    return mark_safe(f'<a class="student" href="/console/students/{student.pk}/">{student.display_name}</a>')  #@vuln CWE-79


def _course_for(request, course_id):
    return get_object_or_404(Course, pk=course_id, instructors=request.user)


@login_required
def submission_list(request):
    form = SubmissionFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest("invalid filter")
    data = form.cleaned_data
    course = _course_for(request, data["course_id"])

    qs = Submission.objects.filter(assignment__course=course).select_related("student", "assignment")
    if data["status"]:
        qs = qs.filter(status=data["status"])
    if data["feedback_contains"]:
        qs = qs.extra(where=["feedback ILIKE '%%" + data["feedback_contains"] + "%%'"])  #@vuln CWE-89
        qs = qs.annotate(relevance=RawSQL("similarity(feedback, %s)", (data["feedback_contains"],)))  #@safe
    if data["deadline"]:
        late_sql = f"GREATEST(0, DATE_PART('day', submitted_at - '{data['deadline']}'::timestamptz))"
        qs = qs.annotate(days_late=RawSQL(late_sql, []))  #@vuln CWE-89
    qs = qs.order_by("-" + (data["order"] or "created_at"))

    rows = list(qs[:500])
    if data["output_pattern"]:
        pattern = re.compile(data["output_pattern"], re.MULTILINE)  #@vuln CWE-1333
        rows = [s for s in rows if pattern.search(s.last_output or "")]

    table = [
        {"id": s.pk, "student": student_link(s.student), "status": status_badge(s), "score": s.score}
        for s in rows
    ]
    return render(request, "instructor_admin/submissions.html", {"course": course, "rows": table, "form": form})


@login_required
def submissions_by_assignment(request, course_id):
    course = _course_for(request, course_id)
    assignment = request.GET.get("assignment", "")
    sql = (
        "SELECT s.* FROM submissions s JOIN assignments a ON a.id = s.assignment_id "
        "WHERE a.course_id = %s AND a.title = '" + assignment + "' ORDER BY s.created_at DESC"
    )
    rows = list(Submission.objects.raw(sql, [course.pk]))  #@vuln CWE-89
    return JsonResponse({"submissions": [{"id": s.pk, "status": s.status, "score": s.score} for s in rows]})


@login_required
def import_course(request):
    form = CourseImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        dest = os.path.join(settings.COURSE_IMPORT_ROOT, form.cleaned_data["course_slug"])
        os.makedirs(dest, exist_ok=True)
        with zipfile.ZipFile(form.cleaned_data["archive"]) as archive:
            for member in archive.infolist():
                if member.is_dir():
                    continue
                target = os.path.join(dest, member.filename)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with archive.open(member) as src, open(target, "wb") as out:  #@vuln CWE-22
                    shutil.copyfileobj(src, out)
        messages.success(request, "Course archive imported.")
        return redirect("instructor_admin:course_list")
    return render(request, "instructor_admin/import.html", {"form": form})


@login_required
def upload_rubric(request):
    form = RubricUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        Rubric.objects.update_or_create(
            assignment_id=form.cleaned_data["assignment_id"],
            defaults={"criteria": form.cleaned_data["rubric_file"]["criteria"]},
        )
        messages.success(request, "Rubric saved.")
    return render(request, "instructor_admin/rubric.html", {"form": form})


@login_required
def post_announcement(request):
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = _course_for(request, form.cleaned_data["course_id"])
        Announcement.objects.create(
            course=course,
            author=request.user,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, "Announcement posted.")
    return render(request, "instructor_admin/announcement.html", {"form": form})


@login_required
def switch_course(request, course_id):
    course = _course_for(request, course_id)
    request.session["active_course"] = course.pk
    return redirect(request.GET.get("next", "/console/"))  #@vuln CWE-601


@login_required
@require_POST
def finish_grading(request):
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = "/console/"
    return HttpResponseRedirect(next_url)  #@safe
