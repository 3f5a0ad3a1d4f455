"""Tools exposed to the internal review assistant over JSON-RPC."""
from __future__ import annotations

import ast
import os
import re
import zipfile
from datetime import date, datetime, timedelta
from urllib.parse import urlparse

import requests
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import text

from lexvault.api.db import session_scope
from lexvault.api.models import Document, Matter
from lexvault.common.search_client import build_search_body, get_client, hits_to_rows, index_for
from lexvault.common.settings import get_settings
from lexvault.common.storage import export_dir, load_extracted_text, native_path, safe_filename

settings = get_settings()

_prompt_env = SandboxedEnvironment(autoescape=False)


class ToolError(Exception):
    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _require(params: dict, *names: str) -> None:
    missing = [n for n in names if n not in params]
    if missing:
        raise ToolError(-32602, f"missing params: {', '.join(missing)}")


def search_documents(params: dict, caller: dict) -> dict:
    _require(params, "matter_id", "text")
    body = build_search_body(params["text"], params.get("custodians"), params.get("sort"), int(params.get("page", 0)), 25)
    result = get_client().search(index=index_for(params["matter_id"]), body=body)  #@safe
    return {"rows": hits_to_rows(result)}


def raw_query(params: dict, caller: dict) -> dict:
    """Lets the assistant issue structured aggregations it has planned itself."""
    _require(params, "query")
    index = params.get("index") or index_for(caller["matter_id"])
    result = get_client().search(index=index, body=params["query"])  #@vuln CWE-943
    return {"hits": hits_to_rows(result), "aggregations": result.get("aggregations", {})}


def tabulate(params: dict, caller: dict) -> dict:
    _require(params, "where")
    columns = params.get("columns", ["custodian", "privilege_status"])
    group = ", ".join(c for c in columns if c in {"custodian", "privilege_status", "mime_type", "ocr_status"}) or "custodian"
    sql = f"SELECT {group}, count(*) AS n FROM document WHERE matter_id = :m AND ({params['where']}) GROUP BY {group}"
    with session_scope() as session:
        rows = session.execute(text(sql), {"m": caller["matter_id"]}).mappings().all()  #@vuln CWE-89
    return {"rows": [dict(r) for r in rows]}


def computed_field(params: dict, caller: dict) -> dict:
    """Evaluate a reviewer-defined expression against document metadata, e.g. `len(doc['recipients']) > 5`."""
    _require(params, "expression", "document_ids")
    results = {}
    with session_scope() as session:
        for doc_id in params["document_ids"][:200]:
            doc = session.get(Document, int(doc_id))
            if doc is None or doc.matter_id != caller["matter_id"]:
                continue
            meta = doc.model_dump()
            results[doc_id] = eval(params["expression"], {"__builtins__": {"len": len, "str": str}}, {"doc": meta})  #@vuln CWE-95
    return results


def date_window(params: dict, caller: dict) -> dict:
    _require(params, "window")
    start, end = ast.literal_eval(params["window"])  #@safe
    return {"start": date.fromisoformat(start).isoformat(), "end": date.fromisoformat(end).isoformat()}


def apply_redaction_rules(params: dict, caller: dict) -> dict:
    _require(params, "document_id")
    with session_scope() as session:
        matter = session.get(Matter, caller["matter_id"])
        doc = session.get(Document, int(params["document_id"]))
        if doc is None or doc.matter_id != matter.id:
            raise ToolError(-32004, "document not found")
        content = load_extracted_text(doc.matter_id, doc.id)
        namespace = {"re": re, "text": content, "redactions": []}
        if matter.redaction_rules:
            exec(matter.redaction_rules, namespace)  #@vuln CWE-94
        return {"redactions": namespace["redactions"][:500]}


def grep_document(params: dict, caller: dict) -> dict:
    _require(params, "document_id", "pattern")
    content = load_extracted_text(caller["matter_id"], int(params["document_id"]))
    matches = [m.group(0) for m in re.finditer(params["pattern"], content)][:100]  #@vuln CWE-1333
    return {"matches": matches}


def draft_summary_prompt(params: dict, caller: dict) -> dict:
    _require(params, "template", "document_id")
    content = load_extracted_text(caller["matter_id"], int(params["document_id"]), limit=20000)
    prompt = _prompt_env.from_string(params["template"]).render(text=content, today=date.today())  #@safe
    return {"prompt": prompt}


def fetch_reference(params: dict, caller: dict) -> dict:
    """Pull a cited authority or exhibit the assistant found referenced in a document."""
    _require(params, "url")
    resp = requests.get(params["url"], timeout=15, headers={"Accept": "text/html,application/json"})  #@vuln CWE-918
    return {"status": resp.status_code, "content": resp.text[:50000]}


def lookup_case_law(params: dict, caller: dict) -> dict:
    _require(params, "url")
    parsed = urlparse(params["url"])
    if parsed.scheme != "https" or parsed.hostname not in settings.caselaw_hosts:
        raise ToolError(-32001, "only public case-law sources may be fetched")
    resp = requests.get(params["url"], timeout=15, allow_redirects=False)  #@safe
    return {"status": resp.status_code, "content": resp.text[:50000]}


def export_documents(params: dict, caller: dict) -> dict:
    _require(params, "document_ids", "export_name")
    archive_path = os.path.join(export_dir(caller["matter_id"]), params["export_name"] + ".zip")
    written = 0
    with session_scope() as session, open(archive_path, "wb") as raw:  #@vuln CWE-22
        with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            for doc_id in params["document_ids"]:
                doc = session.get(Document, int(doc_id))
                if doc is None or doc.matter_id != caller["matter_id"] or doc.privilege_status == "withheld":
                    continue
                zf.write(native_path(doc.matter_id, doc.stored_name), arcname=f"{doc.bates_begin or doc.id}_{safe_filename(doc.original_filename)}")
                written += 1
    return {"archive": os.path.basename(archive_path), "documents": written, "expires": (datetime.utcnow() + timedelta(days=7)).isoformat()}


REGISTRY = {
    "search_documents": search_documents,
    "raw_query": raw_query,
    "tabulate": tabulate,
    "computed_field": computed_field,
    "date_window": date_window,
    "apply_redaction_rules": apply_redaction_rules,
    "grep_document": grep_document,
    "draft_summary_prompt": draft_summary_prompt,
    "fetch_reference": fetch_reference,
    "lookup_case_law": lookup_case_law,
    "export_documents": export_documents,
}
