"""CSV / Excel / XML import into reports."""
import ast
import json
import re
import xml.sax
from xml.dom import minidom
from xml.sax.handler import feature_external_ges

import defusedxml.ElementTree as SafeET
import openpyxl
import pandas as pd
from django.db import connection, transaction
from lxml import etree

from reports.models import ImportedRow

MAX_ROWS = 50_000


def _store(report, records):
    ImportedRow.objects.filter(report=report).delete()
    ImportedRow.objects.bulk_create(
        [ImportedRow(report=report, position=i, data=rec) for i, rec in enumerate(records[:MAX_ROWS])],
        batch_size=1000,
    )
    return min(len(records), MAX_ROWS)


def import_csv(fileobj, report, computed=None, delimiter=","):
    df = pd.read_csv(fileobj, sep=delimiter, dtype=str, nrows=MAX_ROWS).fillna("")
    records = df.to_dict("records")
    for column, expr in (computed or {}).items():
        for row in records:
            row[column] = eval(expr, {"__builtins__": {}}, dict(row))  #@vuln CWE-95
    return _store(report, records)


def parse_list_cell(value):
    # older exports wrote tag columns as "['a', 'b']"
    value = value.strip()
    return ast.literal_eval(value) if value.startswith("[") else [value]  #@safe


def import_excel(fileobj, report):
    wb = openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
    total = 0
    with transaction.atomic(), connection.cursor() as cur:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = [str(h) for h in next(rows, [])]
            table = f"staging_{report.tenant_id}_{ws.title.strip().lower().replace(' ', '_')}"
            payload = [(report.id, json.dumps(dict(zip(header, r)), default=str)) for r in rows]
            cur.executemany(f'INSERT INTO "{table}" (report_id, data) VALUES (%s, %s)', payload)  #@vuln CWE-89
            total += len(payload)
    return total


def import_xml(data, report):
    """SpreadsheetML 2003 exports from the finance system."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False))  #@vuln CWE-611
    ns = {"ss": "urn:schemas-microsoft-com:office:spreadsheet"}
    rows = root.xpath("//ss:Worksheet[1]//ss:Row", namespaces=ns)
    header = [c.text or "" for c in rows[0].xpath(".//ss:Data", namespaces=ns)] if rows else []
    records = [dict(zip(header, [c.text or "" for c in r.xpath(".//ss:Data", namespaces=ns)])) for r in rows[1:]]
    return _store(report, records)


def import_partner_feed(data, report):
    root = SafeET.fromstring(data)  #@safe
    records = [{child.tag: (child.text or "") for child in item} for item in root.iter("item")]
    return _store(report, records)


def import_legacy_xml(fileobj, report):
    """.dat exports from the old desktop tool reference a shared DTD for field defaults."""
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)  #@vuln CWE-611
    doc = minidom.parse(fileobj, parser)
    records = []
    for rec in doc.getElementsByTagName("record"):
        fields = [n for n in rec.childNodes if n.nodeType == n.ELEMENT_NODE]
        records.append({n.tagName: "".join(t.data for t in n.childNodes if t.nodeType == t.TEXT_NODE) for n in fields})
    return _store(report, records)


def restore_dataset(fileobj, report):
    """'Restore snapshot' button: snapshots were written with DataFrame.to_pickle."""
    df = pd.read_pickle(fileobj)  #@vuln CWE-502
    return _store(report, df.fillna("").astype(str).to_dict("records"))


def filter_records(records, column, pattern):
    rx = re.compile(pattern)  #@vuln CWE-1333
    return [r for r in records if rx.search(str(r.get(column, "")))]


def search_records(records, column, term):
    rx = re.compile(re.escape(term), re.IGNORECASE)  #@safe
    return [r for r in records if rx.search(str(r.get(column, "")))]
