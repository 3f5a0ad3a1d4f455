import os
import shutil
import uuid

from fastapi import APIRouter, File, Form, UploadFile

from etl_common import files, serialization, xmlparse

from .repository import FeatureSetRepo, FeatureValueRepo
from .settings import settings

router = APIRouter(tags=["imports"])


def _stage_upload(upload: UploadFile) -> str:
    job_dir = os.path.join(settings.upload_dir, uuid.uuid4().hex)
    os.makedirs(job_dir)
    path = os.path.join(job_dir, "payload.bin")
    with open(path, "wb") as fh:
        shutil.copyfileobj(upload.file, fh)
    return path


@router.post("/zip")
async def import_zip(upload: UploadFile = File(...)):
    staged = _stage_upload(upload)
    written = files.unpack_zip(staged, os.path.dirname(staged))
    return {"files": [os.path.basename(w) for w in written]}


@router.post("/tar")
async def import_tar(upload: UploadFile = File(...)):
    staged = _stage_upload(upload)
    dest = os.path.join(os.path.dirname(staged), "extracted")
    files.unpack_tar(staged, dest)
    return {"dest": dest}


@router.post("/feed")
async def import_feed(upload: UploadFile = File(...), strict: bool = Form(True)):
    raw = await upload.read()
    rows = xmlparse.parse_feed_strict(raw) if strict else xmlparse.parse_partner_feed(raw)
    return {"inserted": FeatureValueRepo().bulk_insert(rows)}


@router.post("/feed/stream")
async def import_feed_stream(upload: UploadFile = File(...)):
    rows = xmlparse.stream_rows(upload.file)
    return {"inserted": FeatureValueRepo().bulk_insert(rows)}


@router.post("/feature-fn/{name}")
async def register_feature_fn(name: str, upload: UploadFile = File(...)):
    fn = serialization.load_feature_fn(await upload.read(), name)
    FeatureSetRepo().upsert(name, {"fn_name": fn.__name__, "argcount": fn.__code__.co_argcount})
    return {"ok": True}


@router.post("/rich/{name}")
async def import_rich(name: str, payload: str = Form(...)):
    obj = serialization.decode_rich(payload)
    FeatureSetRepo().upsert(name, {"definition": repr(obj)[:2000]})
    return {"ok": True}
