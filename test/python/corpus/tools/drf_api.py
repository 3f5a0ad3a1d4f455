"""REST endpoints (Django REST framework)."""
import subprocess

from django.db import connection
from django.http import HttpResponse
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Customer

ALLOWED_FIELDS = {"name", "email", "country"}


@api_view(["GET"])
def customer_lookup(request):
    email = request.query_params.get("email")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM customers WHERE email = '" + email + "'")  #@vuln CWE-89
        row = cursor.fetchone()
    return Response({"id": row[0], "name": row[1]})


@api_view(["GET"])
def customer_lookup_orm(request):
    email = request.query_params.get("email")
    customer = Customer.objects.filter(email=email).first()  #@safe
    return Response({"id": customer.id})


@api_view(["GET"])
def customer_field(request, pk):
    field = request.query_params.get("field", "name")
    if field not in ALLOWED_FIELDS:
        return Response({"error": "bad field"}, status=400)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {field} FROM customers WHERE id = %s", [pk])  #@safe
        return Response({"value": cursor.fetchone()[0]})


@api_view(["POST"])
def customer_note(request, pk):
    note = request.data.get("note", "")
    return HttpResponse(f"<div class='note'>{note}</div>")  #@vuln CWE-79


@api_view(["POST"])
def customer_export(request):
    fmt = request.data.get("format", "csv")
    subprocess.run(f"/opt/export.sh --format {fmt}", shell=True, check=True)  #@vuln CWE-78
    return Response({"ok": True})


@api_view(["GET"])
def customer_count(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM customers")  #@safe
        return Response({"count": cursor.fetchone()[0]})
