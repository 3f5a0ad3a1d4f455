"""Import jobs: payroll/benefit XML feeds and bonus rule sets (YAML)."""
import ast
import logging
import os
import shutil
from decimal import Decimal

import yaml
from django.conf import settings
from django.db import transaction
from lxml import etree

from hrportal.employees.models import BenefitEnrolment, BonusRule, Employee, PayrollLine

logger = logging.getLogger(__name__)

TENANT_CONFIG_DIR = settings.BASE_DIR / "config" / "tenants"
PHOTO_DROP = os.path.join(settings.MEDIA_ROOT, "import_photos")
SOAP_NS = {"s": "http://schemas.xmlsoap.org/soap/envelope/", "b": "urn:bureau:payroll:1"}


def import_payroll_feed(fileobj):
    """Monthly XML from the payroll bureau, uploaded by HR admins."""
    tree = etree.parse(fileobj, etree.XMLParser(resolve_entities=True, load_dtd=True, huge_tree=True))  #@vuln CWE-611
    created = 0
    with transaction.atomic():
        for node in tree.getroot().iterfind("line"):
            emp = Employee.objects.get(login=node.findtext("login"))
            PayrollLine.objects.create(employee=emp, period=node.findtext("period"), gross_cents=int(node.findtext("gross")), net_cents=int(node.findtext("net")))
            photo = node.get("photo")
            if photo:
                shutil.copy(os.path.join(PHOTO_DROP, photo), emp.avatar_path())  #@vuln CWE-22
            created += 1
    logger.info("payroll feed imported: %d lines", created)
    return created


def import_benefits_feed(fileobj):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.parse(fileobj, parser)  #@safe
    count = 0
    for node in tree.getroot().iterfind("enrolment"):
        BenefitEnrolment.objects.update_or_create(
            employee=Employee.objects.get(login=node.findtext("login")),
            plan=node.findtext("plan"),
            defaults={"tier": node.findtext("tier"), "starts_on": node.findtext("starts")},
        )
        count += 1
    return count


def parse_bureau_callback(body: bytes):
    root = etree.fromstring(body, etree.XMLParser(resolve_entities=True))  #@vuln CWE-611
    run = root.find(".//b:PayrollRun", SOAP_NS)
    return run.get("id"), run.findtext("b:State", namespaces=SOAP_NS)


def load_tenant_config():
    path = TENANT_CONFIG_DIR / f"{settings.TENANT_CODE}.yaml"
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)  #@safe


def parse_threshold(raw):
    return ast.literal_eval(str(raw))  #@safe


def load_uploaded_rules(uploaded, replace_existing=False):
    data = yaml.load(uploaded.read(), Loader=yaml.Loader)  #@vuln CWE-502
    rules = [
        BonusRule(name=item["name"], grade=item.get("grade"), formula=item["formula"], threshold=parse_threshold(item.get("threshold", 0)))
        for item in data.get("rules", [])
    ]
    with transaction.atomic():
        if replace_existing:
            BonusRule.objects.all().delete()
        BonusRule.objects.bulk_create(rules)
    return rules


def evaluate_bonus(rule, employee):
    scope = {
        "salary": Decimal(employee.salary_cents) / 100,
        "grade": employee.grade,
        "years": employee.years_of_service(),
        "rating": employee.last_rating or 0,
    }
    value = eval(rule.formula, {"__builtins__": {}}, scope)  #@vuln CWE-95
    return max(Decimal(0), Decimal(str(value))) if value >= rule.threshold else Decimal(0)
