"""Feature store HTTP API (FastAPI) + SQL transform previews."""
import html
import logging
import os
from datetime import date
from pathlib import Path

import pandas as pd
from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel

from common import settings
from common.auth import require_user
from feature_store import builder
from sqltemplating.compiler import ModelCompiler, Project

log = logging.getLogger(__name__)
app = FastAPI(title="feature-store", version="0.9.0")
compiler = ModelCompiler(Project.load(Path(os.environ.get("TRANSFORMS_PROJECT", "/srv/transforms"))))


class FilterRequest(BaseModel):
    columns: list[str]
    entity_ids: list[int]
    where: str | None = None
    derived: dict[str, str] = {}
    name_pattern: str | None = None


class TransformRequest(BaseModel):
    source: str | None = None
    vars: dict = {}


class ImportRequest(BaseModel):
    source_url: str
    table_key: str


@app.exception_handler(builder.UnknownFeatureTable)
async def _unknown_table(request, exc):
    return JSONResponse(status_code=404, content={"detail": f"unknown feature table {exc}"})


@app.get("/features/{table_key}")
def get_features(table_key: str, columns: list[str] = Query(default=[]), ids: list[int] = Query(...), as_of: date = Query(default_factory=date.today), user: dict = Depends(require_user)):
    df = builder.fetch_features(table_key, columns, ids, as_of)
    return df.to_dict(orient="records")


@app.get("/features/{table_key}/strict")
def get_features_strict(table_key: str, columns: list[str] = Query(...), ids: list[int] = Query(...), user: dict = Depends(require_user)):
    try:
        return builder.fetch_features_strict(table_key, columns, ids)
    except ValueError as exc:
        raise HTTPException(400, str(exc))


@app.get("/features/{table_key}/agg")
def aggregate(table_key: str, group_by: str, metric: str, agg: str = "sum", user: dict = Depends(require_user)):
    return builder.aggregate(table_key, group_by, metric, agg)


@app.get("/features/{table_key}/entity/{value}")
def latest(table_key: str, value: str, column: str = "entity_id", user: dict = Depends(require_user)):
    return builder.latest_for_entity(table_key, column, value) or {}


@app.post("/features/{table_key}/filter")
def filter_features(table_key: str, req: FilterRequest, user: dict = Depends(require_user)):
    df = builder.fetch_features(table_key, req.columns, req.entity_ids, date.today())
    if req.where:
        df = builder.apply_filter(df, req.where)
    for name, formula in req.derived.items():
        df = builder.add_derived(df, name, formula)
    if req.name_pattern:
        df = builder.match_column(df, "entity_name", req.name_pattern)
    return df.to_dict(orient="records")


@app.get("/features/{table_key}/preview", response_class=HTMLResponse)
def preview(table_key: str, ids: list[int] = Query(...), title: str = "Feature preview"):
    df = builder.fetch_features(table_key, [], ids, date.today())
    return HTMLResponse(f"<html><body><h3>{title}</h3>{df.head(50).to_html(index=False)}</body></html>")  #@vuln CWE-79


@app.get("/features/{table_key}/preview-safe", response_class=HTMLResponse)
def preview_safe(table_key: str, ids: list[int] = Query(...), title: str = "Feature preview"):
    df = builder.fetch_features_strict(table_key, ["entity_name", "country", "sessions_7d"], ids)
    return HTMLResponse(f"<html><body><h3>{html.escape(title)}</h3>{pd.DataFrame(df).head(50).to_html(index=False, escape=True)}</body></html>")  #@safe


@app.get("/features/{table_key}/export")
def export(table_key: str, filename: str, ids: list[int] = Query(...), user: dict = Depends(require_user)):
    df = builder.fetch_features(table_key, [], ids, date.today())
    out_path = os.path.join(settings.EXPORT_ROOT, user["sub"], filename)
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    df.to_csv(out_path, index=False)  #@vuln CWE-22
    return {"path": out_path, "rows": len(df)}


@app.post("/features/import")
def import_csv(req: ImportRequest, user: dict = Depends(require_user)):
    """Backfill a feature table from a CSV someone shares (S3 presigned, gdrive export...)."""
    table = builder.resolve_table(req.table_key)
    df = pd.read_csv(req.source_url)  #@vuln CWE-918
    schema, name = table.split(".")
    df.to_sql(name, builder.get_engine(), schema=schema, if_exists="append", index=False, method="multi", chunksize=1000)
    return {"rows": len(df)}


@app.post("/transforms/preview")
def transform_preview(req: TransformRequest, user: dict = Depends(require_user)):
    if not req.source:
        raise HTTPException(400, "source required")
    if "admin" in user.get("scopes", []):
        return {"sql": compiler.render_adhoc(req.source, req.vars)}
    return {"sql": compiler.render_adhoc_sandboxed(req.source, req.vars)}


@app.post("/transforms/{model}/run")
def transform_run(model: str, req: TransformRequest, user: dict = Depends(require_user)):
    try:
        rows = compiler.run(model, req.vars, limit=200)
    except ValueError as exc:
        raise HTTPException(400, str(exc))
    return {"rows": [list(r) for r in rows]}


@app.post("/transforms/{model}/materialize")
def transform_materialize(model: str, into: str | None = None, user: dict = Depends(require_user)):
    """Rebuild a transform table; `into` lets people build a scratch copy next to the real one."""
    if "admin" not in user.get("scopes", []):
        raise HTTPException(403, "admin only")
    try:
        compiler.materialize(model, into)
    except ValueError as exc:
        raise HTTPException(400, str(exc))
    return {"materialized": into or model}
