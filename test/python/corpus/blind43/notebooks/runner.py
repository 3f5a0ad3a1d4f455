"""Parameterised notebook runs (papermill) + HTML rendering (nbconvert).

Mounted into the model-serving app under /v1/notebooks.
"""
import contextlib
import io
import logging
import os
import subprocess
import uuid

import papermill as pm
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel

from common import settings
from common.auth import require_user

log = logging.getLogger(__name__)
router = APIRouter(prefix="/notebooks", tags=["notebooks"])

# reports that the scheduler runs every morning
REGISTERED_REPORTS = {
    "drift": settings.NOTEBOOK_ROOT / "reports" / "feature_drift.ipynb",
    "calibration": settings.NOTEBOOK_ROOT / "reports" / "calibration.ipynb",
    "weekly_kpis": settings.NOTEBOOK_ROOT / "reports" / "weekly_kpis.ipynb",
}
EXPORT_FORMATS = {"html", "pdf", "markdown"}


class RunRequest(BaseModel):
    notebook: str
    parameters: dict = {}
    kernel: str = "python3"
    output_format: str = "html"


class ScratchRequest(BaseModel):
    code: str


def _output_paths(run_id: str) -> tuple[str, str]:
    out_dir = os.path.join(settings.NOTEBOOK_OUTPUT_ROOT, run_id)
    os.makedirs(out_dir, exist_ok=True)
    return out_dir, os.path.join(out_dir, "output.ipynb")


@router.post("/run")
def run_notebook(req: RunRequest, user: dict = Depends(require_user)):
    run_id = uuid.uuid4().hex
    out_dir, output_path = _output_paths(run_id)
    input_path = os.path.join(settings.NOTEBOOK_ROOT, req.notebook)
    log.info("user %s running %s as %s", user["sub"], input_path, run_id)
    pm.execute_notebook(input_path, output_path, parameters=req.parameters, kernel_name=req.kernel, log_output=True)  #@vuln CWE-22
    cmd = f"jupyter nbconvert --to {req.output_format} {output_path} --output-dir {out_dir}"
    subprocess.run(cmd, shell=True, check=True, timeout=600)  #@vuln CWE-78
    return {"run_id": run_id}


@router.post("/reports/{report}")
def run_report(report: str, output_format: str = "html", user: dict = Depends(require_user)):
    if report not in REGISTERED_REPORTS or output_format not in EXPORT_FORMATS:
        raise HTTPException(404, "unknown report or format")
    run_id = uuid.uuid4().hex
    out_dir, output_path = _output_paths(run_id)
    pm.execute_notebook(str(REGISTERED_REPORTS[report]), output_path, parameters={"requested_by": user["sub"]})  #@safe
    subprocess.run(["jupyter", "nbconvert", "--to", output_format, output_path, "--output-dir", out_dir], check=True, timeout=600)  #@safe
    return {"run_id": run_id}


@router.get("/runs/{run_id}/output")
def run_output(run_id: str, fmt: str = "html"):
    try:
        run_uuid = uuid.UUID(run_id)
    except ValueError:
        raise HTTPException(400, "bad run id")
    if fmt not in EXPORT_FORMATS:
        raise HTTPException(400, "bad format")
    ext = {"html": "html", "pdf": "pdf", "markdown": "md"}[fmt]
    return FileResponse(os.path.join(settings.NOTEBOOK_OUTPUT_ROOT, run_uuid.hex, f"output.{ext}"))  #@safe


@router.get("/runs/attachment")
def run_attachment(path: str = Query(..., description="path relative to the runs folder")):
    return FileResponse(os.path.join(settings.NOTEBOOK_OUTPUT_ROOT, path))  #@vuln CWE-22


@router.post("/scratch")
def scratch(req: ScratchRequest, user: dict = Depends(require_user)):
    """Quick cell execution for the 'try it' box on the report pages."""
    buf = io.StringIO()
    namespace: dict = {"__name__": "__scratch__"}
    with contextlib.redirect_stdout(buf):
        exec(compile(req.code, "<scratch>", "exec"), namespace)  #@vuln CWE-95|CWE-94
    return {"stdout": buf.getvalue()[-10_000:]}
