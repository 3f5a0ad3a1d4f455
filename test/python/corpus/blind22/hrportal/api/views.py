import re
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment
from pymongo import MongoClient
from rest_framework import permissions, status, viewsets
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from hrportal import tasks
from hrportal.accounts import ldap_backend
from hrportal.accounts.services import decode_sso_assertion
from hrportal.employees.models import Employee, OfferLetter
from hrportal.imports import services as import_services

from .serializers import (
    AvatarFromUrlSerializer,
    EmployeeSerializer,
    OfferLetterPreviewSerializer,
    OfferLetterSerializer,
    RuleUploadSerializer,
)

_audit = MongoClient(settings.AUDIT_MONGO_URI)["hrportal"]["audit_events"]
_letters = SandboxedEnvironment(autoescape=True)


def _clean(doc):
    doc["id"] = str(doc.pop("_id"))
    return doc


class IsHRStaff(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.groups.filter(name__in=["hr_staff", "hr_admin"]).exists()


class IsHRAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.groups.filter(name="hr_admin").exists()


class SSOHeaderAuthentication(BaseAuthentication):
    """Requests proxied by the IdP gateway carry an X-SSO-Assertion JWT."""

    def authenticate(self, request):
        token = request.headers.get("X-SSO-Assertion")
        if not token:
            return None
        login, _groups = decode_sso_assertion(token)
        try:
            return (Employee.objects.select_related("user").get(login=login).user, None)
        except Employee.DoesNotExist:
            raise AuthenticationFailed("unknown employee")


class EmployeeViewSet(viewsets.ModelViewSet):
    serializer_class = EmployeeSerializer
    permission_classes = [IsHRStaff]
    authentication_classes = [SSOHeaderAuthentication, SessionAuthentication]

    def get_queryset(self):
        qs = Employee.objects.select_related("department")
        dept = self.request.query_params.get("department")
        if dept:
            qs = qs.filter(department__code=dept)
        return qs.order_by("last_name", "first_name")

    @action(detail=False, methods=["get"])
    def by_grade(self, request):
        grade = request.query_params.get("grade", "")
        rows = Employee.objects.raw("SELECT * FROM employees_employee WHERE grade = '" + grade + "' ORDER BY last_name")  #@vuln CWE-89
        return Response(EmployeeSerializer(rows, many=True).data)

    @action(detail=False, methods=["get"])
    def headcount(self, request):
        since = request.query_params.get("since", "2000-01-01")
        with connection.cursor() as cur:
            cur.execute("SELECT d.code, COUNT(*) FROM employees_employee e JOIN employees_department d ON d.id = e.department_id WHERE e.hired_on >= %s GROUP BY d.code", [since])  #@safe
            return Response(dict(cur.fetchall()))

    @action(detail=False, methods=["get"], permission_classes=[IsHRAdmin])
    def salary_stats(self, request):
        group_col = request.query_params.get("group_by", "grade")
        with connection.cursor() as cur:
            cur.execute(f"SELECT {group_col}, AVG(salary_cents), MAX(salary_cents) FROM employees_employee GROUP BY {group_col}")  #@vuln CWE-89
            rows = cur.fetchall()
        return Response([{"key": k, "avg": a, "max": m} for k, a, m in rows])

    @action(detail=False, methods=["get"])
    def match_titles(self, request):
        pattern = re.compile(request.query_params.get("pattern", ".*"), re.IGNORECASE)  #@vuln CWE-1333
        titles = Employee.objects.values_list("title", flat=True).distinct()
        return Response(sorted(t for t in titles if t and pattern.search(t)))

    @action(detail=True, methods=["post"])
    def avatar(self, request, pk=None):
        employee = self.get_object()
        ser = AvatarFromUrlSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        ser.save_to(employee)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=False, methods=["post"], permission_classes=[IsHRAdmin])
    def archive_department(self, request):
        tasks.archive_department_docs.delay(request.data["department"])
        return Response({"queued": True}, status=status.HTTP_202_ACCEPTED)


class DirectoryViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]
    authentication_classes = [SSOHeaderAuthentication, SessionAuthentication]

    def list(self, request):
        q = request.query_params.get("q", "")
        return Response(ldap_backend.search_directory(q, request.query_params.get("department")))

    @action(detail=False, methods=["get"])
    def managers(self, request):
        return Response(ldap_backend.manager_chain(request.query_params["login"]))


class OfferLetterViewSet(viewsets.ModelViewSet):
    queryset = OfferLetter.objects.select_related("employee", "template")
    serializer_class = OfferLetterSerializer
    permission_classes = [IsHRStaff]

    @action(detail=False, methods=["post"])
    def preview(self, request):
        ser = OfferLetterPreviewSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        employee = Employee.objects.get(pk=ser.validated_data["employee_id"])
        html = Environment().from_string(ser.validated_data["body"]).render(employee=employee)  #@vuln CWE-1336
        return HttpResponse(html)

    @action(detail=True, methods=["get"])
    def rendered(self, request, pk=None):
        letter = self.get_object()
        html = _letters.from_string(letter.template.body).render(employee=letter.employee, salary=letter.salary_cents / 100)  #@safe
        return HttpResponse(html)


class AuditViewSet(viewsets.ViewSet):
    permission_classes = [IsHRAdmin]

    def list(self, request):
        actor = str(request.query_params.get("actor", ""))
        since = timezone.now() - timedelta(days=int(request.query_params.get("days", 30)))
        events = _audit.find({"actor": actor, "ts": {"$gte": since}}).sort("ts", -1).limit(200)  #@safe
        return Response([_clean(e) for e in events])

    @action(detail=False, methods=["get"])
    def search(self, request):
        needle = request.query_params.get("target", "")
        events = _audit.find({"$where": f"this.target && this.target.indexOf('{needle}') >= 0"}).limit(200)  #@vuln CWE-943
        return Response([_clean(e) for e in events])


class RuleSetUploadView(APIView):
    permission_classes = [IsHRAdmin]
    parser_classes = [MultiPartParser]

    def post(self, request):
        ser = RuleUploadSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rules = import_services.load_uploaded_rules(ser.validated_data["file"], ser.validated_data["replace_existing"])
        return Response({"imported": len(rules)}, status=status.HTTP_201_CREATED)


class PayrollFeedUploadView(APIView):
    permission_classes = [IsHRAdmin]
    parser_classes = [MultiPartParser]

    def post(self, request):
        created = import_services.import_payroll_feed(request.FILES["feed"])
        return Response({"lines": created}, status=status.HTTP_201_CREATED)


class BureauCallbackView(APIView):
    """SOAP-ish status callback from the payroll bureau."""

    authentication_classes = []
    permission_classes = []

    def post(self, request):
        run_id, state = import_services.parse_bureau_callback(request.body)
        tasks.record_payroll_run.delay(run_id, state)
        return HttpResponse("<ack/>", content_type="application/xml")
