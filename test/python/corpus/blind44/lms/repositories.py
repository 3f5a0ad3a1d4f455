"""Hand-written SQL for the catalogue and roster pages (the ORM version was too slow)."""
from django.db import connection

from lms.models import Course, Enrollment

ROSTER_SORT_COLUMNS = {
    "name": "u.last_name",
    "email": "u.email",
    "joined": "e.created_at",
    "section": "e.section",
}

ROSTER_SELECT = (
    "SELECT u.id, u.username, u.email, u.first_name, u.last_name, e.role, e.section "
    "FROM lms_enrollment e JOIN auth_user u ON u.id = e.user_id "
)


def _dictfetchall(cursor):
    cols = [c[0] for c in cursor.description]
    return [dict(zip(cols, row)) for row in cursor.fetchall()]


def search_courses(term, org=None):
    sql = f"SELECT id, course_key, title, org FROM lms_course WHERE title ILIKE '%{term}%' AND is_private = false"
    if org:
        sql += f" AND org = '{org}'"
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY title LIMIT 50")  #@vuln CWE-89
        return _dictfetchall(cursor)


def get_course_by_key(course_key):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, course_key, title, org FROM lms_course WHERE course_key = %s", [course_key])  #@safe
        rows = _dictfetchall(cursor)
    return rows[0] if rows else None


def list_roster(course_id, sort="name", direction="asc"):
    column = ROSTER_SORT_COLUMNS.get(sort, "u.last_name")
    direction = "DESC" if direction == "desc" else "ASC"
    with connection.cursor() as cursor:
        cursor.execute(ROSTER_SELECT + f"WHERE e.course_id = %s ORDER BY {column} {direction}", [course_id])  #@safe
        return _dictfetchall(cursor)


def list_roster_by_section(course_id, section, sort):
    # sort is passed straight through from the roster table header links
    with connection.cursor() as cursor:
        cursor.execute(ROSTER_SELECT + f"WHERE e.course_id = %s AND e.section = %s ORDER BY {sort}", [course_id, section])  #@vuln CWE-89
        return _dictfetchall(cursor)


def courses_taught_by(username):
    return list(Course.objects.raw(f"SELECT c.* FROM lms_course c JOIN lms_enrollment e ON e.course_id = c.id JOIN auth_user u ON u.id = e.user_id WHERE e.role = 'instructor' AND u.username = '{username}'"))  #@vuln CWE-89


def enrollments_in_sections(course_id, prefix):
    qs = Enrollment.objects.filter(course_id=course_id).select_related("user")
    return qs.extra(where=[f"section LIKE '{prefix}%%'"])  #@vuln CWE-89


def enrollments_with_sis_prefix(course_id, prefix):
    qs = Enrollment.objects.filter(course_id=course_id).select_related("user")
    return qs.extra(where=["sis_id LIKE %s"], params=[prefix + "%"])  #@safe


def record_lesson_progress(user_id, lesson_id, percent):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO lms_progress (user_id, lesson_id, percent, updated_at) VALUES (%s, %s, %s, now()) ON CONFLICT (user_id, lesson_id) DO UPDATE SET percent = GREATEST(lms_progress.percent, EXCLUDED.percent), updated_at = now()", [user_id, lesson_id, percent])  #@safe
