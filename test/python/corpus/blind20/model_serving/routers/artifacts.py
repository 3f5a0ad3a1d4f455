import os
import tarfile
import tempfile

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from fastapi.responses import FileResponse

from ..auth import current_user
from ..config import settings

router = APIRouter(tags=["artifacts"])

REPORTS_DIR = os.path.join(settings.artifact_root, "reports")


@router.get("/download")
async def download_artifact(model: str, name: str, user: dict = Depends(current_user)):
    path = os.path.join(settings.artifact_root, model, name)
    if not os.path.isfile(path):
        raise HTTPException(status_code=404)
    return FileResponse(path, filename=os.path.basename(path))  #@vuln CWE-22


@router.get("/reports/{name}")
async def download_report(name: str, user: dict = Depends(current_user)):
    base = os.path.realpath(REPORTS_DIR)
    target = os.path.realpath(os.path.join(base, os.path.basename(name)))
    if os.path.commonpath([base, target]) != base or not os.path.isfile(target):
        raise HTTPException(status_code=404)
    return FileResponse(target, media_type="text/html")  #@safe


@router.post("/{model}/bundle")
async def upload_bundle(model: str, bundle: UploadFile = File(...), user: dict = Depends(current_user)):
    dest = os.path.join(settings.model_root, os.path.basename(model))
    os.makedirs(dest, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".tar.gz") as tmp:
        tmp.write(await bundle.read())
        tmp.flush()
        with tarfile.open(tmp.name, "r:gz") as tar:
            tar.extractall(dest)  #@vuln CWE-22
    return {"status": "uploaded", "model": model}
