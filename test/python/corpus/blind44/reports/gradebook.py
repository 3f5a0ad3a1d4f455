"""Gradebook CSV exports and previews for course staff."""
import csv
import io
import os
import re

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils.html import escape

from common.config import settings
from common.paths import UnsafePathError, ensure_dir, safe_join
from lms.models import Course, is_course_staff

_EXPORT_NAME = re.compile(r"^[\w.-]{1,100}\.csv$")
HEADER = ["username", "email", "section", "assignment", "score"]

GRADE_SQL = (
    "SELECT u.username, u.email, e.section, g.assignment, g.score "
    "FROM gradebook_entry g "
    "JOIN auth_user u ON u.id = g.user_id "
    "JOIN lms_enrollment e ON e.user_id = u.id AND e.course_id = g.course_id "
    "WHERE g.course_id = %s"
)


def _grade_rows(course_id, section=None, assignment_prefix=None):
    sql, params = GRADE_SQL, [course_id]
    if section:
        sql += " AND e.section = %s"
        params.append(section)
    if assignment_prefix:
        sql += f" AND g.assignment LIKE '{assignment_prefix}%%'"
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY u.username, g.assignment", params)  #@vuln CWE-89
        return cursor.fetchall()


def _staff_course(request, course_key):
    course = get_object_or_404(Course, course_key=course_key)
    if not is_course_staff(request.user, course):
        return None
    return course


@login_required
def export_csv(request, course_key):
    course = _staff_course(request, course_key)
    if course is None:
        return HttpResponseForbidden()
    rows = _grade_rows(course.id, request.GET.get("section"), request.GET.get("assignment"))
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    writer.writerows(rows)
    save_as = request.GET.get("save_as")
    if save_as:
        # keep a copy so TAs can grab it later from the Exports tab
        ensure_dir(os.path.join(settings.export_root, course_key))
        with open(os.path.join(settings.export_root, course_key, save_as), "w", newline="", encoding="utf-8") as fh:  #@vuln CWE-22
            fh.write(buf.getvalue())
    response = HttpResponse(buf.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{course.course_key}-grades.csv"'
    return response


@login_required
def download_export(request, course_key, name):
    course = _staff_course(request, course_key)
    if course is None:
        return HttpResponseForbidden()
    if not _EXPORT_NAME.match(name):
        raise Http404("no such export")
    try:
        path = safe_join(settings.export_root, course.course_key, name)
    except UnsafePathError:
        raise Http404("no such export")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name)  #@safe


@login_required
def export_preview(request, course_key):
    course = _staff_course(request, course_key)
    if course is None:
        return HttpResponseForbidden()
    section = request.GET.get("section", "")
    rows = _grade_rows(course.id, section or None)
    parts = [f"<h3>Preview &mdash; section {section or 'all'}</h3><table class='grades'>"]
    for row in rows[:25]:
        parts.append("<tr>" + "".join(f"<td>{escape(str(col))}</td>" for col in row) + "</tr>")
    parts.append("</table>")
    return HttpResponse("".join(parts))  #@vuln CWE-79


@login_required
def grade_distribution(request, course_key):
    course = _staff_course(request, course_key)
    if course is None:
        return HttpResponseForbidden()
    buckets = max(2, min(int(request.GET.get("buckets", "10")), 50))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT width_bucket(score, 0, 100, {buckets}) AS b, count(*) FROM gradebook_entry WHERE course_id = %s GROUP BY b ORDER BY b", [course.id])  #@safe
        data = cursor.fetchall()
    return HttpResponse("\n".join(f"{b},{n}" for b, n in data), content_type="text/csv")


@login_required
def queue_progress_report(request, course_key):
    from reports.tasks import generate_progress_report

    course = _staff_course(request, course_key)
    if course is None:
        return HttpResponseForbidden()
    name = request.POST.get("report_name") or f"{course.course_key}-progress"
    result = generate_progress_report.delay(course.course_key, name, request.user.username)
    return HttpResponse(result.id, content_type="text/plain", status=202)
