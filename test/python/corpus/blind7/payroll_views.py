"""Payroll admin views (Django)."""
import hashlib
import hmac
import json

from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from .models import Employee, PayRun, Payslip

PAY_GRADES = {"A1", "A2", "B1", "B2", "C1"}


def _fingerprint_bank_account(account_no: str) -> str:
    return hashlib.sha256(account_no.encode()).hexdigest()


@require_GET
def payslips_for_period(request):
    period = request.GET.get("period", "")
    with connection.cursor() as cur:
        sql = "SELECT employee_id, gross, net FROM payroll_payslip WHERE period = '%s'" % period
        cur.execute(sql)  #@vuln CWE-89
        rows = cur.fetchall()
    return JsonResponse({"rows": rows})


@require_GET
def payslips_for_department(request):
    dept = request.GET.get("dept", "")
    with connection.cursor() as cur:
        sql = "SELECT employee_id, gross, net FROM payroll_payslip WHERE department = %s"
        cur.execute(sql, [dept])  #@safe
        rows = cur.fetchall()
    return JsonResponse({"rows": rows})


@require_GET
def employees_by_grade(request):
    grade = request.GET.get("grade", "A1")
    people = Employee.objects.raw(f"SELECT * FROM payroll_employee WHERE grade = '{grade}'")  #@vuln CWE-89
    return JsonResponse({"ids": [p.id for p in people]})


@require_GET
def employees_by_grade_checked(request):
    grade = request.GET.get("grade", "A1")
    if grade not in PAY_GRADES:
        return JsonResponse({"error": "bad grade"}, status=400)
    people = Employee.objects.raw("SELECT * FROM payroll_employee WHERE grade = %s", [grade])  #@safe
    return JsonResponse({"ids": [p.id for p in people]})


@require_GET
def overtime_report(request):
    threshold = request.GET.get("min_hours", "10")
    qs = Employee.objects.extra(where=["overtime_hours > " + threshold])  #@vuln CWE-89
    return JsonResponse({"count": qs.count()})


@require_GET
def bonus_ranking(request):
    factor = request.GET.get("factor", "1")
    qs = Employee.objects.annotate(score=RawSQL("base_salary * " + factor, []))  #@vuln CWE-89
    return JsonResponse({"top": list(qs.order_by("-score").values_list("id", flat=True)[:10])})


@require_GET
def bonus_ranking_safe(request):
    factor = float(request.GET.get("factor", "1"))
    qs = Employee.objects.annotate(score=RawSQL("base_salary * %s", [factor]))  #@safe
    return JsonResponse({"top": list(qs.order_by("-score").values_list("id", flat=True)[:10])})


@require_GET
def payslip_banner(request):
    name = request.GET.get("name", "")
    return HttpResponse(f"<h2>Payslips for {name}</h2>")  #@vuln CWE-79


@require_GET
def payslip_banner_escaped(request):
    name = request.GET.get("name", "")
    return HttpResponse(f"<h2>Payslips for {escape(name)}</h2>")  #@safe


@require_GET
def payrun_note(request, run_id):
    note = request.GET.get("note", "")
    run = PayRun.objects.get(pk=run_id)
    run.display_note = mark_safe("<em>" + note + "</em>")  #@vuln CWE-79
    heading = format_html("<strong>{}</strong>", note)  #@safe
    return HttpResponse(str(heading) + run.display_note)


class EmployeeCreateView(View):
    def post(self, request):
        payload = json.loads(request.body)
        employee = Employee.objects.create(**payload)  #@vuln CWE-915
        return JsonResponse({"id": employee.id}, status=201)


class EmployeeUpdateView(View):
    EDITABLE = ("first_name", "last_name", "phone", "address")

    def post(self, request, pk):
        payload = json.loads(request.body)
        clean = {k: payload[k] for k in self.EDITABLE if k in payload}
        Employee.objects.filter(pk=pk).update(**clean)  #@safe
        return JsonResponse({"ok": True})


@require_POST
def verify_payslip_signature(request, slip_id):
    slip = Payslip.objects.get(pk=slip_id)
    supplied = request.POST.get("sig", "")
    expected = hmac.new(slip.secret.encode(), str(slip.net).encode(), hashlib.sha256).hexdigest()  #@safe
    if not hmac.compare_digest(supplied, expected):
        return JsonResponse({"valid": False}, status=403)
    return JsonResponse({"valid": True})


@require_POST
def set_portal_pin(request, emp_id):
    pin = request.POST.get("pin", "")
    emp = Employee.objects.get(pk=emp_id)
    emp.portal_pin_hash = hashlib.md5(pin.encode()).hexdigest()  #@vuln CWE-327|CWE-328|CWE-916
    emp.save(update_fields=["portal_pin_hash"])
    Employee.objects.filter(pk=emp_id).update(pin_changes=F("pin_changes") + 1)
    return JsonResponse({"ok": True})
