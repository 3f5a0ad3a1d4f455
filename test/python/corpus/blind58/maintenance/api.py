"""FastAPI application for maintenance work orders."""
import ast
import html
import logging
import os

import yaml
from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from pydantic import BaseModel, EmailStr

from hangar_common import security, settings
from maintenance import workorder_repo as repo
from maintenance.vendor_webhooks import router as vendor_router

log = logging.getLogger("maintenance.api")

app = FastAPI(title=settings.API.title, version=settings.API.version, debug=settings.API.debug)
app.add_middleware(  #@vuln CWE-942
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
app.include_router(vendor_router)


class NoteIn(BaseModel):
    body: str


class DeferredQuery(BaseModel):
    filters: dict[str, str] = {}


class SavedFilterIn(BaseModel):
    name: str
    where: str


class EstimateIn(BaseModel):
    labour_formula: str = "hours * rate"
    hours: float
    rate: float


class CloseIn(BaseModel):
    licence_no: str


class LoginIn(BaseModel):
    email: EmailStr
    password: str


def current_user(authorization: str = Header(...)) -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing bearer token")
    try:
        return security.decode_user_token(token)
    except Exception as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc


def service_caller(x_service_token: str = Header(...)) -> dict:
    return security.read_service_claims(x_service_token)


@app.post("/auth/login")
def login(form: LoginIn, return_to: str = "/dashboard"):
    user = repo.get_user_by_email(form.email)
    if not user or not security.verify_password(form.password, user["password_hash"]):
        raise HTTPException(status_code=401, detail="invalid credentials")
    token = security.issue_user_token(user["id"], user["role"])
    resp = RedirectResponse(return_to, status_code=303)  #@vuln CWE-601
    resp.set_cookie("wo_session", token, secure=True, httponly=True, samesite="lax", max_age=3600)
    return resp


@app.get("/workorders")
def list_orders(tail: str, status: str | None = None, user: dict = Depends(current_user)):
    return repo.list_work_orders(tail.upper(), status)


@app.get("/workorders/search")
def search_orders(ata: str, sort: str = "due_at", user: dict = Depends(current_user)):
    return repo.search_by_ata(ata, sort)


@app.get("/workorders/{wo_id}")
def get_order(wo_id: int, user: dict = Depends(current_user)):
    wo = repo.get_work_order(wo_id)
    if wo is None:
        raise HTTPException(status_code=404)
    return wo


@app.post("/workorders/{wo_id}/notes", status_code=201)
def add_note(wo_id: int, note: NoteIn, user: dict = Depends(current_user)):
    repo.add_task_note(wo_id, user["sub"], note.body)
    return {"work_order": wo_id}


@app.post("/workorders/{wo_id}/close")
def close_order(wo_id: int, body: CloseIn, user: dict = Depends(current_user)):
    if user.get("role") not in {"certifying_engineer", "b1", "b2"}:
        raise HTTPException(status_code=403)
    if not repo.close_work_order(wo_id, user["sub"], body.licence_no):
        raise HTTPException(status_code=409, detail="already closed")
    return {"closed": wo_id}


@app.post("/workorders/deferred")
def deferred(query: DeferredQuery, user: dict = Depends(current_user)):
    return repo.find_deferred_items(query.filters)


@app.post("/filters", status_code=201)
def create_filter(body: SavedFilterIn, user: dict = Depends(current_user)):
    return {"id": repo.save_filter(user["sub"], body.name, body.where)}


@app.get("/filters/{filter_id}/run")
def run_filter(filter_id: int, user: dict = Depends(current_user)):
    return repo.run_saved_filter(filter_id, user["sub"])


@app.get("/export")
def export(columns: str = "id,tail_number,status", caller: dict = Depends(service_caller)):
    return repo.export_rows(columns.split(","))


@app.get("/workorders/{wo_id}/attachments/{name:path}")
def get_attachment(wo_id: int, name: str, user: dict = Depends(current_user)):
    path = os.path.join(settings.ATTACHMENT_DIR, str(wo_id), name)
    if not os.path.isfile(path):
        raise HTTPException(status_code=404)
    return FileResponse(path)  #@vuln CWE-22


@app.get("/manuals/{doc_name}")
def get_manual(doc_name: str):
    base = os.path.realpath(settings.MANUALS_DIR)
    path = os.path.realpath(os.path.join(base, os.path.basename(doc_name)))
    if not path.startswith(base + os.sep) or not os.path.isfile(path):
        raise HTTPException(status_code=404)
    return FileResponse(path, media_type="application/pdf")  #@safe


@app.post("/workorders/import")
async def import_orders(request: Request, user: dict = Depends(current_user)):
    body = await request.body()
    batch = yaml.load(body, Loader=yaml.Loader)  #@vuln CWE-502
    created = 0
    for item in batch.get("work_orders", []):
        repo.add_task_note(int(item["id"]), user["sub"], str(item.get("note", "imported")))
        created += 1
    return {"imported": created}


@app.post("/task-cards/templates")
async def upload_task_card(request: Request, user: dict = Depends(current_user)):
    card = yaml.safe_load(await request.body())  #@safe
    steps = card.get("steps", [])
    return {"title": card.get("title"), "steps": len(steps)}


@app.get("/workorders/{wo_id}/print", response_class=HTMLResponse)
def print_order(wo_id: int, remark: str = "", user: dict = Depends(current_user)):
    wo = repo.get_work_order(wo_id)
    if wo is None:
        raise HTTPException(status_code=404)
    page = f"""<html><head><title>WO {wo['id']}</title></head><body>
<h1>Work order {wo['id']} &mdash; {html.escape(wo['tail_number'])}</h1>
<p>{html.escape(wo['description'] or '')}</p>
<p class="remark">Shift remark: {remark}</p>
</body></html>"""
    return HTMLResponse(page)  #@vuln CWE-79


@app.get("/workorders/{wo_id}/tag", response_class=HTMLResponse)
def parts_tag(wo_id: int, station: str = ""):
    return HTMLResponse(f"<div class='tag'>WO {wo_id} / {html.escape(station)}</div>")  #@safe


@app.post("/workorders/{wo_id}/estimate")
def estimate(wo_id: int, est: EstimateIn, user: dict = Depends(current_user)):
    cost = eval(est.labour_formula, {"__builtins__": {}}, {"hours": est.hours, "rate": est.rate})  #@vuln CWE-95
    return {"work_order": wo_id, "estimate": round(float(cost), 2)}


@app.post("/workorders/{wo_id}/torque-table")
def torque_table(wo_id: int, payload: dict, user: dict = Depends(current_user)):
    table = ast.literal_eval(payload.get("table", "[]"))  #@safe
    return {"work_order": wo_id, "rows": [list(map(float, row)) for row in table]}


@app.get("/stations/{station}/open-count")
def open_count(station: str, user: dict = Depends(current_user)):
    return {"station": station, "open": repo.count_open_by_station(station.upper())}
