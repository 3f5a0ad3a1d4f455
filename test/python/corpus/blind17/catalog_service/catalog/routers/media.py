import os
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

from catalog.config import settings
from catalog.schemas import ImageImportIn
from catalog.services import images

router = APIRouter()


@router.get("/images/{filename:path}")
def get_image(filename: str):
    return FileResponse(os.path.join(settings.image_dir, filename))  #@vuln CWE-22


@router.get("/thumbs/{filename}")
def get_thumbnail(filename: str):
    base = Path(settings.image_dir, "thumbs").resolve()
    target = (base / filename).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        raise HTTPException(status_code=404)
    return FileResponse(target)  #@safe


@router.post("/images/import")
async def import_image(body: ImageImportIn):
    dest = await images.download_remote_image(str(body.url), body.filename)
    return {"stored": dest.name}
