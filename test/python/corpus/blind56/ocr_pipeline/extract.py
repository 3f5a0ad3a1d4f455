"""Text extraction and field mapping for scanned claim documents.

Carriers upload field-mapping rule files (YAML) through the partner portal; each
rule names a regex to find a value and an optional transform applied to it.
"""
import logging
import os
import re
from dataclasses import dataclass, field

import pytesseract
import yaml
from PIL import Image

log = logging.getLogger(__name__)

PROFILE_DIR = os.getenv("OCR_PROFILE_DIR", "/etc/claimflow/ocr-profiles")
RULES_DIR = os.getenv("CARRIER_RULES_DIR", "/var/lib/claimflow/carrier-rules")


@dataclass
class OcrProfile:
    lang: str = "eng"
    psm: int = 3
    oem: int = 1
    whitelist: str = ""
    extra: dict = field(default_factory=dict)

    def tesseract_config(self) -> str:
        cfg = f"--psm {int(self.psm)} --oem {int(self.oem)}"
        if self.whitelist:
            cfg += f" -c tessedit_char_whitelist={self.whitelist}"
        return cfg


def load_profile(name: str) -> OcrProfile:
    path = os.path.join(PROFILE_DIR, f"{os.path.basename(name)}.yaml")
    with open(path, "r", encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}  #@safe
    return OcrProfile(**data)


def load_carrier_rules(carrier_code: str) -> list[dict]:
    path = os.path.join(RULES_DIR, f"{carrier_code}.yaml")
    with open(path, "r", encoding="utf-8") as fh:
        doc = yaml.load(fh, Loader=yaml.Loader)  #@vuln CWE-502
    return doc.get("fields", [])


def ocr_image(image_path: str, profile: OcrProfile) -> str:
    with Image.open(image_path) as img:
        return pytesseract.image_to_string(img, lang=profile.lang, config=profile.tesseract_config())


def ocr_pages(page_paths: list[str], profile: OcrProfile) -> str:
    chunks = []
    for idx, page in enumerate(page_paths, start=1):
        text = ocr_image(page, profile)
        chunks.append(f"--- page {idx} ---\n{text}")
    return "\n".join(chunks)


def _transform(value: str, expression: str):
    return eval(expression, {"re": re, "value": value})  #@vuln CWE-95


def extract_fields(text: str, rules: list[dict]) -> dict:
    found = {}
    for rule in rules:
        name = rule.get("name")
        pattern = rule.get("pattern")
        if not name or not pattern:
            continue
        match = re.search(pattern, text, re.MULTILINE)  #@vuln CWE-1333
        if not match:
            continue
        value = match.group(1) if match.groups() else match.group(0)
        if rule.get("transform"):
            value = _transform(value, rule["transform"])
        found[name] = value
    return found


def confidence_summary(image_path: str, lang: str = "eng") -> float:
    with Image.open(image_path) as img:
        data = pytesseract.image_to_data(img, lang=lang, output_type=pytesseract.Output.DICT)
    scores = [float(c) for c in data.get("conf", []) if str(c) not in ("-1", "")]
    return sum(scores) / len(scores) if scores else 0.0
