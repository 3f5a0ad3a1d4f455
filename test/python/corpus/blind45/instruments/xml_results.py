"""Parsers for vendor XML result exports.

* Agilent MassHunter quant (.xml batch export)
* Bio-Rad CFX Maestro (.xml run export, uses a DTD with entity well names)
"""
import datetime as dt
import logging

from lxml import etree

log = logging.getLogger(__name__)

# CFX exports reference cfx_run.dtd and define &wellA1; style entities
_CFX_PARSER = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)  #@vuln CWE-611
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)  #@safe

UNIT_FACTORS = {"ng/mL": 1.0, "ug/L": 1.0, "mg/L": 1000.0, "ug/mL": 1000.0, "pg/mL": 0.001}


def _text(node, path, default=None):
    found = node.find(path)
    return found.text.strip() if found is not None and found.text else default


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def parse_masshunter(data: bytes):
    root = etree.fromstring(data, _PARSER)
    results = []
    for sample in root.iter("Sample"):
        sample_id = _text(sample, "Name")
        for cmpd in sample.iter("Compound"):
            unit = _text(cmpd, "Units", "ng/mL")
            value = _float(_text(cmpd, "CalculatedConcentration"))
            if value is not None:
                value *= UNIT_FACTORS.get(unit, 1.0)
            results.append({"sample_id": sample_id, "analyte": _text(cmpd, "Name"), "value": value, "unit": "ng/mL", "flag": _text(cmpd, "OutlierFlag", "")})
    log.info("masshunter: %d results", len(results))
    return results


def parse_cfx(data: bytes):
    root = etree.fromstring(data, _CFX_PARSER)
    run_date = _text(root, "RunInfo/StartTime")
    started = dt.datetime.fromisoformat(run_date) if run_date else None
    results = []
    for well in root.iter("Well"):
        cq = _float(_text(well, "Cq"))
        results.append({
            "sample_id": _text(well, "SampleName"),
            "well": well.get("id"),
            "analyte": _text(well, "Target"),
            "value": cq,
            "unit": "Cq",
            "flag": "" if cq is not None else "NoCq",
            "measured_at": started,
        })
    return results


PARSERS = {"masshunter": parse_masshunter, "cfx": parse_cfx}


def detect_format(data: bytes):
    head = data[:2048]
    if b"MassHunter" in head:
        return "masshunter"
    if b"cfx_run.dtd" in head or b"<CFXRun" in head:
        return "cfx"
    raise ValueError("unknown XML export format")


def parse_any(data: bytes):
    return PARSERS[detect_format(data)](data)
