"""PDF and NCPDP SCRIPT helpers for inbound prescription faxes."""
import os
import re
import subprocess

import pdfplumber
from lxml import etree

NPI_RE = re.compile(r"\bNPI[:#\s]*([0-9]{10})\b")
DEA_RE = re.compile(r"\bDEA[:#\s]*([A-Z]{2}[0-9]{7})\b")
PRESCRIBER_RE = re.compile(r"Prescriber[:\s]+([A-Z][A-Za-z .,'-]{2,80})")
DRUG_RE = re.compile(r"(?:Rx|Medication)[:\s]+([^\n]{3,200})")
QTY_RE = re.compile(r"(?:Qty|Quantity)[:\s]+([0-9]{1,4})")
SCRIPT_NS = {"s": "http://www.ncpdp.org/schema/SCRIPT"}


def extract_text(path):
    with pdfplumber.open(path) as pdf:
        return "\n".join((page.extract_text() or "") for page in pdf.pages)


def page_count(path):
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def ocr_pdf(path, dpi=300):
    """Rasterise each page and OCR it; used for scanned faxes without a text layer."""
    out_base = os.path.splitext(path)[0] + "-page"
    subprocess.run(f"pdftoppm -r {dpi} -png '{path}' '{out_base}'", shell=True, check=True, timeout=180)  #@vuln CWE-78
    folder = os.path.dirname(path)
    prefix = os.path.basename(out_base)
    texts = []
    for name in sorted(os.listdir(folder)):
        if name.startswith(prefix) and name.endswith(".png"):
            image = os.path.join(folder, name)
            result = subprocess.run(["tesseract", image, "stdout"], capture_output=True, text=True, timeout=120)  #@safe
            texts.append(result.stdout)
    return "\n".join(texts)


def compress_for_archive(path):
    target = path + ".min.pdf"
    os.system("gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -dPDFSETTINGS=/ebook -sOutputFile=%s %s" % (target, path))  #@vuln CWE-78
    return target


def parse_prescription_fields(text):
    def first(regex):
        match = regex.search(text)
        return match.group(1).strip() if match else None

    return {
        "prescriber_name": first(PRESCRIBER_RE),
        "prescriber_npi": first(NPI_RE),
        "dea": first(DEA_RE),
        "drug_text": first(DRUG_RE),
        "quantity": first(QTY_RE),
    }


def parse_ncpdp_script(xml_bytes):
    """Parse an NCPDP SCRIPT NewRx message that some clinics send instead of a PDF."""
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
    root = etree.fromstring(xml_bytes, parser)  #@vuln CWE-611

    def text_at(xpath):
        nodes = root.xpath(xpath, namespaces=SCRIPT_NS)
        return nodes[0].text.strip() if nodes and nodes[0].text else None

    return {
        "prescriber_npi": text_at("//s:Prescriber//s:NPI"),
        "prescriber_name": text_at("//s:Prescriber//s:LastName"),
        "drug_text": text_at("//s:MedicationPrescribed/s:DrugDescription"),
        "quantity": text_at("//s:MedicationPrescribed/s:Quantity/s:Value"),
        "patient_last_name": text_at("//s:Patient//s:LastName"),
    }


def parse_cover_sheet(xml_bytes):
    """Fax provider cover-sheet metadata (sender number, page count)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(xml_bytes, parser)  #@safe
    return {child.tag: (child.text or "").strip() for child in root}
