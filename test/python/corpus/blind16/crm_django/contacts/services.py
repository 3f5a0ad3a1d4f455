import base64
import hashlib
import pickle
import random

from django.db import connection

from .models import Contact


def company_stats(company: str):
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*), MAX(updated_at) FROM contacts_contact WHERE company = '%s'" % company)  #@vuln CWE-89
        return cur.fetchone()


def country_stats(country: str):
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*), AVG(score) FROM contacts_contact WHERE country = %s", [country])  #@safe
        return cur.fetchone()


def apply_segment_rule(owner, rule_expr: str):
    matched = []
    for contact in Contact.objects.filter(owner=owner).iterator():
        env = {"score": contact.score, "country": contact.country, "tags": contact.tag_list()}
        if eval(rule_expr, {"__builtins__": {}}, env):  #@vuln CWE-95|CWE-94
            matched.append(contact.pk)
    return matched


def make_remember_token() -> str:
    return "%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330


def hash_segment_api_key(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()  #@vuln CWE-327|CWE-328


def load_saved_view(cookie_value: str) -> dict:
    return pickle.loads(base64.urlsafe_b64decode(cookie_value))  #@vuln CWE-502
