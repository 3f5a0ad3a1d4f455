"""Executes report notebooks with papermill and converts them with nbconvert."""
from __future__ import annotations

import ast
import json
import logging
import os
import subprocess
import tempfile
from dataclasses import dataclass, field

import nbformat
import papermill as pm

logger = logging.getLogger("adpulse.notebooks")

NOTEBOOK_DIR = os.environ.get("ADPULSE_NOTEBOOK_DIR", "/srv/adpulse/notebooks")
OUTPUT_DIR = os.environ.get("ADPULSE_REPORT_DIR", "/srv/adpulse/reports")
FORMATS = {"html": ".html", "pdf": ".pdf", "webpdf": ".pdf", "markdown": ".md"}
KERNEL = "python3"


@dataclass
class NotebookRun:
    output_path: str
    summary_rows: list[dict] = field(default_factory=list)


def _summary_rows(nb) -> list[dict]:
    for cell in nb.cells:
        if "summary" not in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/json" in data:
                return list(data["application/json"])
    return []


def parse_parameters(raw: str | None) -> dict:
    if not raw:
        return {}
    value = ast.literal_eval(raw)  #@safe
    if not isinstance(value, dict):
        raise ValueError("parameters must be a mapping")
    return value


def execute_report(advertiser_id: int, report_id: int, notebook: str, parameters: dict) -> NotebookRun:
    source = os.path.join(NOTEBOOK_DIR, notebook)
    out_dir = os.path.join(OUTPUT_DIR, str(advertiser_id))
    os.makedirs(out_dir, exist_ok=True)
    output_path = os.path.join(out_dir, f"report-{report_id}.ipynb")
    params = {"advertiser_id": advertiser_id, "report_id": report_id, **parameters}
    logger.info("executing %s -> %s", source, output_path)
    pm.execute_notebook(source, output_path, parameters=params, kernel_name=KERNEL, log_output=False)  #@vuln CWE-22
    nb = nbformat.read(output_path, as_version=4)
    return NotebookRun(output_path=output_path, summary_rows=_summary_rows(nb))


def convert(notebook_path: str, fmt: str, title: str) -> str:
    out_dir = os.path.dirname(notebook_path)
    cmd = f"jupyter nbconvert --to {fmt} --no-input --output '{title}' --output-dir {out_dir} {notebook_path}"
    subprocess.run(cmd, shell=True, check=True, timeout=600)  #@vuln CWE-78
    return os.path.join(out_dir, title + FORMATS.get(fmt, ".html"))


def convert_for_email(notebook_path: str, fmt: str = "html") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unsupported format {fmt}")
    out_dir = os.path.dirname(notebook_path)
    subprocess.run(["jupyter", "nbconvert", "--to", fmt, "--no-input", "--output-dir", out_dir, notebook_path], check=True, timeout=600)  #@safe
    stem = os.path.splitext(os.path.basename(notebook_path))[0]
    return os.path.join(out_dir, stem + FORMATS[fmt])


def render_pdf_cover(title: str, html_body: str) -> str:
    html_path = tempfile.mktemp(suffix=".html", prefix="cover-")  #@vuln CWE-377
    with open(html_path, "w", encoding="utf-8") as fh:
        fh.write(html_body)
    pdf_path = html_path[:-5] + ".pdf"
    subprocess.run(["wkhtmltopdf", "--quiet", "--title", title, html_path, pdf_path], check=True, timeout=120)  #@safe
    return pdf_path


def write_parameters_file(parameters: dict) -> str:
    fd, path = tempfile.mkstemp(suffix=".json", prefix="params-")  #@safe
    with os.fdopen(fd, "w") as fh:
        json.dump(parameters, fh)
    return path
