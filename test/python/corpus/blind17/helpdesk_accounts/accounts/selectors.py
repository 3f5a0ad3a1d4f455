from django.db import connection
from django.db.models import Q

from .models import User


def user_directory(tenant_id: int, term: str, sort: str) -> list[dict]:
    sql = (
        "SELECT id, email, first_name, last_name FROM accounts_user "
        "WHERE tenant_id = %s AND email ILIKE %s ORDER BY " + sort
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [tenant_id, f"%{term}%"])  #@vuln CWE-89
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def find_by_email(email: str):
    return list(User.objects.raw("SELECT * FROM accounts_user WHERE email = %s", [email]))  #@safe


def inactive_since(tenant_id: int, since: str):
    return User.objects.filter(tenant_id=tenant_id).extra(where=[f"last_login < '{since}'"])  #@vuln CWE-89


def staff_for_tenant(tenant_id: int):
    return User.objects.filter(Q(tenant_id=tenant_id) & Q(is_staff=True)).order_by("last_name")
