"""Roster and grade sync with the campus SIS (Ellucian Ethos + the old Banner gateway)."""
import logging
from urllib.parse import quote

import ldap
import requests
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import connection
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST
from ldap.filter import escape_filter_chars

from common.config import settings
from common.http import build_session, legacy_sis_session
from common.security import encrypt_legacy_field
from lms.models import Course, is_course_staff

log = logging.getLogger(__name__)

LDAP_ATTRS = ["uid", "mail", "givenName", "sn", "eduPersonAffiliation", "employeeNumber"]


def _sis_headers():
    return {"Authorization": f"Bearer {settings.sis.api_key}", "Accept": "application/json"}


def fetch_section_roster(section_id):
    url = f"{settings.sis.base_url}/sections/{quote(section_id, safe='')}/roster"
    resp = build_session().get(url, headers=_sis_headers(), timeout=settings.sis.timeout)  #@safe
    resp.raise_for_status()
    return resp.json()["students"]


def fetch_onprem_roster(section_id):
    return legacy_sis_session().get(f"{settings.sis.onprem_url}/roster", params={"section": section_id}, timeout=30).json()["students"]


def push_final_grades(term, grades):
    payload = [{"sisId": g["sis_id"], "grade": g["letter"], "nid": encrypt_legacy_field(g["national_id"])} for g in grades]
    resp = requests.post(f"{settings.sis.onprem_url}/terms/{quote(term, safe='')}/grades", json=payload, headers=_sis_headers(), timeout=60, verify=False)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()


def _ldap():
    conn = ldap.initialize(settings.ldap.uri)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(settings.ldap.bind_dn, settings.ldap.bind_password)
    return conn


def lookup_campus_user(username):
    conn = _ldap()
    try:
        results = conn.search_s(settings.ldap.base_dn, ldap.SCOPE_SUBTREE, f"(&(objectClass=eduPerson)(uid={username}))", LDAP_ATTRS)  #@vuln CWE-90
    finally:
        conn.unbind_s()
    return [attrs for _, attrs in results]


def lookup_by_student_number(number):
    conn = _ldap()
    try:
        flt = "(&(objectClass=eduPerson)(employeeNumber=%s))" % escape_filter_chars(number)
        results = conn.search_s(settings.ldap.base_dn, ldap.SCOPE_SUBTREE, flt, LDAP_ATTRS)  #@safe
    finally:
        conn.unbind_s()
    return [attrs for _, attrs in results]


def upsert_enrollments(course_id, students):
    rows = [(course_id, s.get("section", ""), s["sisId"], s["username"]) for s in students]
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO lms_enrollment (course_id, user_id, role, section, sis_id, created_at) SELECT %s, u.id, 'student', %s, %s, now() FROM auth_user u WHERE u.username = %s ON CONFLICT (user_id, course_id) DO NOTHING", rows)  #@safe
    return len(rows)


@login_required
@require_POST
def sync_section(request, course_key):
    course = get_object_or_404(Course, course_key=course_key)
    if not is_course_staff(request.user, course):
        return HttpResponseForbidden()
    section_id = request.POST.get("section_id", "")
    # "roster_url" lets the registrar's office point us at a staging SIS during term setup
    roster_url = request.POST.get("roster_url") or f"{settings.sis.base_url}/sections/{quote(section_id, safe='')}/roster"
    students = requests.get(roster_url, headers=_sis_headers(), timeout=settings.sis.timeout).json()["students"]  #@vuln CWE-918
    added = upsert_enrollments(course.id, students)
    return JsonResponse({"added": added})


@login_required
def find_person(request):
    if not request.user.is_staff:
        return HttpResponseForbidden()
    if request.GET.get("student_number"):
        people = lookup_by_student_number(request.GET["student_number"])
    else:
        people = lookup_campus_user(request.GET.get("username", ""))
    return JsonResponse({"people": [{k: [v.decode() for v in vals] for k, vals in p.items()} for p in people]})


@login_required
@require_POST
def move_section(request, course_key):
    course = get_object_or_404(Course, course_key=course_key)
    if not is_course_staff(request.user, course):
        return HttpResponseForbidden()
    user = get_object_or_404(User, username=request.POST.get("username", ""))
    new_section = request.POST.get("section", "")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE lms_enrollment SET section = '{new_section}' WHERE course_id = %s AND user_id = %s", [course.id, user.id])  #@vuln CWE-89
    return JsonResponse({"ok": True, "section": new_section})
