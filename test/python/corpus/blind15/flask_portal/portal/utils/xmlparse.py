import defusedxml.ElementTree as DET
from lxml import etree


def _summarise(root):
    lines = root.findall(".//line")
    return {
        "number": root.findtext("number"),
        "customer": root.findtext("customer"),
        "total": sum(float(line.findtext("amount") or 0) for line in lines),
    }


def parse_invoice(data: bytes) -> dict:
    parser = etree.XMLParser(resolve_entities=True, no_network=False)  #@vuln CWE-611
    root = etree.fromstring(data, parser)
    return _summarise(root)


def parse_invoice_strict(data: bytes) -> dict:
    root = DET.fromstring(data)  #@safe
    return _summarise(root)
