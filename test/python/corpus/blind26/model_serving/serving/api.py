"""FastAPI inference endpoint."""
import html
import json
import logging
import os
from typing import Any, Dict, List, Optional
from urllib.parse import urlparse

from fastapi import Depends, FastAPI, File, HTTPException, Request, UploadFile
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel

from serving import model_store, security, transforms

log = logging.getLogger("inference")

app = FastAPI(title="model-inference", version="2.3.1", debug=True)  #@vuln CWE-489|CWE-215
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942


class PredictRequest(BaseModel):
    records: List[Dict[str, Any]]
    derived: Optional[Dict[str, str]] = None
    filter: Optional[Dict[str, str]] = None


class ImportRequest(BaseModel):
    url: str
    name: str
    expected_md5: Optional[str] = None


@app.post("/v1/models/{name}/{version}/predict")
def predict(name: str, version: str, req: PredictRequest):
    try:
        model = model_store.load_registered(name, version)
    except model_store.ModelNotFound:
        raise HTTPException(status_code=404, detail="model not found")
    df = transforms.prepare(req.records, req.derived, req.filter)
    preds = model.predict(df[model.feature_names_in_])
    return {"model": f"{name}:{version}", "predictions": preds.tolist()}


@app.post("/v1/experiments/predict")
def predict_experiment(artifact: str, req: PredictRequest, principal=Depends(security.current_principal)):
    model = model_store.load_experiment_artifact(artifact)
    df = transforms.prepare(req.records, req.derived, req.filter)
    return {"artifact": artifact, "predictions": model.predict(df).tolist()}


@app.post("/v1/models/upload")
async def upload_model(file: UploadFile = File(...), principal=Depends(security.require_role("ml-engineer"))):
    blob = await file.read()
    dest = model_store.save_upload(blob, file.filename)
    info = model_store.load_uploaded(blob, file.filename)
    return {"stored": dest, "kind": info["kind"]}


@app.post("/v1/models/import")
def import_model(req: ImportRequest, principal=Depends(security.require_role("ml-engineer"))):
    blob = model_store.fetch_remote_model(req.url)
    if req.expected_md5 and model_store.artifact_checksum(blob) != req.expected_md5:
        raise HTTPException(status_code=400, detail="checksum mismatch")
    dest = model_store.save_upload(blob, f"{req.name}.joblib")
    return {"stored": dest, "bytes": len(blob)}


@app.get("/v1/reports/{model_name}", response_class=HTMLResponse)
def model_report(model_name: str, note: str = ""):
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>" for k, v in _metrics(model_name).items())
    return HTMLResponse(f"<html><body><h1>Report: {model_name}</h1><p>{note}</p><table>{rows}</table></body></html>")  #@vuln CWE-79


@app.get("/v1/reports/{model_name}/summary", response_class=HTMLResponse)
def model_summary(model_name: str):
    return HTMLResponse(f"<h2>{html.escape(model_name)}</h2><p>see full report for details</p>")  #@safe


@app.get("/v1/report-files")
def report_file(filename: str):
    return FileResponse(os.path.join(security.REPORT_DIR, filename))  #@vuln CWE-22


@app.get("/auth/callback")
def auth_callback(request: Request, token: str, next: str = "/"):
    claims = security.decode_user_token(token)
    resp = RedirectResponse(url=next, status_code=302)  #@vuln CWE-601
    resp.set_cookie("inference_session", security.new_session_id(), httponly=True, samesite="lax")  #@vuln CWE-614
    resp.set_cookie("inference_user", claims["sub"], secure=True, samesite="lax")  #@vuln CWE-1004
    return resp


@app.get("/auth/logout")
def logout(next: str = "/"):
    target = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    resp = RedirectResponse(url=target, status_code=302)  #@safe
    resp.delete_cookie("inference_session")
    return resp


@app.post("/v1/api-keys")
def create_api_key(principal=Depends(security.require_role("admin"))):
    key = security.new_api_key()
    resp = JSONResponse({"api_key": key})
    resp.set_cookie("last_key_issued", "1", secure=True, httponly=True, samesite="strict")  #@safe
    return resp


def _metrics(model_name):
    with open(os.path.join(security.REPORT_DIR, "metrics.json")) as fh:
        return json.load(fh).get(model_name, {})


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8080")))
