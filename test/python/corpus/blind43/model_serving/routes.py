"""HTTP routes for prediction and model management."""
import html
import logging
import shutil
import tempfile
import zipfile

import pandas as pd
import requests
from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel, Field

from common.auth import require_user
from common.crypto import cache_key
from common.http_client import post_webhook
from model_serving import loaders

log = logging.getLogger(__name__)
router = APIRouter()
_prediction_cache: dict[str, list] = {}


class PredictRequest(BaseModel):
    model: str
    version: str = "latest"
    records: list[dict]
    post_filter: str | None = Field(default=None, description="pandas expression applied to the output frame")
    min_score: float | None = None


class DeriveRequest(BaseModel):
    records: list[dict]
    expressions: dict[str, str]


@router.post("/predict")
def predict(req: PredictRequest, user: dict = Depends(require_user)):
    key = cache_key(req.model, req.version, repr(req.records), req.post_filter or "")
    if key in _prediction_cache:
        return {"predictions": _prediction_cache[key], "cached": True}
    try:
        model = loaders.load_model(req.model, req.version)
    except loaders.ModelNotFound:
        raise HTTPException(404, "unknown model")
    df = pd.DataFrame.from_records(req.records)
    df["score"] = model.predict(df)
    if req.min_score is not None:
        threshold = float(req.min_score)
        df = df.query("score >= @threshold")  #@safe
    if req.post_filter:
        df = df.query(req.post_filter)  #@vuln CWE-95|CWE-94
    out = df.to_dict(orient="records")
    _prediction_cache[key] = out
    return {"predictions": out, "cached": False}


@router.post("/features/derive")
def derive(req: DeriveRequest, user: dict = Depends(require_user)):
    df = pd.DataFrame.from_records(req.records)
    for column, expression in req.expressions.items():
        df[column] = df.eval(expression)  #@vuln CWE-95|CWE-94
    return df.to_dict(orient="records")


@router.post("/models/{name}/{version}/upload")
async def upload_model(name: str, version: str, bundle: UploadFile = File(...), notify: str | None = Form(None), user: dict = Depends(require_user)):
    try:
        target = loaders.resolve_model_dir(name, version)
    except loaders.ModelNotFound:
        raise HTTPException(400, "bad model name")
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".zip") as tmp:
        shutil.copyfileobj(bundle.file, tmp)
        tmp.flush()
        with zipfile.ZipFile(tmp.name) as zf:
            for member in zf.namelist():
                if member.endswith("/"):
                    continue
                dest = target / member
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(dest, "wb") as out:  #@vuln CWE-22
                    shutil.copyfileobj(src, out)
    loaders.evict(name)
    if notify:
        post_webhook(notify, {"event": "model_uploaded", "model": name, "version": version, "by": user["sub"]})
    return {"stored": str(target)}


@router.post("/models/{name}/{version}/import")
def import_model(name: str, version: str, source_url: str = Form(...), user: dict = Depends(require_user)):
    """Pull a model artifact from a URL (S3 presigned link, HF, internal artifactory...)."""
    target = loaders.resolve_model_dir(name, version)
    target.mkdir(parents=True, exist_ok=True)
    resp = requests.get(source_url, timeout=60, stream=True)  #@vuln CWE-918
    resp.raise_for_status()
    with open(target / "model.joblib", "wb") as fh:
        for chunk in resp.iter_content(1 << 16):
            fh.write(chunk)
    return {"stored": str(target), "bytes": target.joinpath("model.joblib").stat().st_size}


@router.post("/models/preview")
async def preview_model(bundle: UploadFile = File(...), flavor: str = Form("pickle"), user: dict = Depends(require_user)):
    blob = await bundle.read()
    model = loaders.load_from_bytes(blob, flavor)
    return {"type": type(model).__name__, "params": getattr(model, "get_params", lambda: {})()}


@router.post("/pipelines/validate")
async def validate_pipeline(request: Request, user: dict = Depends(require_user)):
    spec = loaders.load_pipeline_spec((await request.body()).decode("utf-8"))
    steps = spec.get("steps", []) if isinstance(spec, dict) else []
    return {"valid": bool(steps), "steps": [str(s) for s in steps]}


@router.get("/models/{name}/card", response_class=HTMLResponse)
def model_card(name: str, version: str = "latest"):
    if version == "latest":
        version = loaders.latest_version(name)
    cfg = loaders.load_config(loaders.resolve_model_dir(name, version))
    description = cfg.get("description", "")
    owner = html.escape(str(cfg.get("owner", "unknown")))
    return HTMLResponse(f"<h1>{html.escape(name)} v{html.escape(version)}</h1><p>Owner: {owner}</p><div>{description}</div>")  #@vuln CWE-79


@router.get("/models/{name}/{version}/files")
def model_file(name: str, version: str, filename: str = Query(...)):
    model_dir = loaders.resolve_model_dir(name, version)
    return FileResponse(model_dir / filename)  #@vuln CWE-22


@router.get("/models/{name}/{version}/metrics")
def model_metrics(name: str, version: str):
    metrics_path = loaders.resolve_model_dir(name, version) / "metrics.json"
    if not metrics_path.exists():
        raise HTTPException(404, "no metrics")
    return FileResponse(metrics_path, media_type="application/json")  #@safe
