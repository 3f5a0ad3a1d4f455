from urllib.parse import urlparse

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import RedirectResponse

from etl_common import http as dp_http
from etl_common.serialization import decode_state

from . import exporter, imports
from .repository import FeatureSetRepo

app = FastAPI(title="feature-store")
app.include_router(imports.router, prefix="/imports")

ALLOWED_DOCS_HOSTS = {"wiki.internal.example", "docs.internal.example"}


def sets_repo() -> FeatureSetRepo:
    return FeatureSetRepo()


@app.post("/feature-sets/search")
async def search_sets(request: Request, repo: FeatureSetRepo = Depends(sets_repo)):
    body = await request.json()
    return {"items": repo.find(body.get("filter", {}), limit=int(body.get("limit", 100)))}


@app.get("/feature-sets/by-owner")
def by_owner(owner: str, repo: FeatureSetRepo = Depends(sets_repo)):
    return {"items": repo.by_owner(owner)}


@app.get("/feature-sets/large")
def large_sets(min_rows: str = Query("1000000"), repo: FeatureSetRepo = Depends(sets_repo)):
    return {"items": repo.larger_than(min_rows)}


@app.post("/feature-sets/summary")
def summary(pipeline: list[dict] = Body(...), repo: FeatureSetRepo = Depends(sets_repo)):
    return {"rows": repo.summarize(pipeline)}


@app.get("/preview")
def preview(url: str):
    head = dp_http.fetch_preview(url)
    return {"bytes": len(head), "head": head[:512].decode("utf-8", "replace")}


@app.get("/preview/trusted")
def preview_trusted(url: str):
    head = dp_http.fetch_preview_checked(url)
    return {"bytes": len(head)}


@app.post("/feature-sets/{name}/schema")
def register_schema(name: str, schema: dict = Body(...), repo: FeatureSetRepo = Depends(sets_repo)):
    resolved = dp_http.resolve_schema_ref(schema)
    repo.upsert(name, {"schema": resolved})
    dp_http.call_internal("/catalog/refresh", {"feature_set": name})
    return {"ok": True}


@app.post("/feature-sets/{name}/legacy-sync")
def legacy_sync(name: str, source: str = Body(..., embed=True)):
    payload = dp_http.get_legacy_json(source)
    FeatureSetRepo().upsert(name, {"legacy": payload})
    return {"ok": True}


@app.post("/session/restore")
def restore_session(state: str = Body(..., embed=True)):
    return {"state": decode_state(state)}


@app.get("/docs-link")
def docs_link(target: str):
    return RedirectResponse(target)  #@vuln CWE-601


@app.get("/docs-link/checked")
def docs_link_checked(target: str):
    if urlparse(target).hostname not in ALLOWED_DOCS_HOSTS:
        raise HTTPException(status_code=400, detail="unknown docs host")
    return RedirectResponse(target)  #@safe


@app.post("/feature-sets/{name}/export")
def export(name: str, fmt: str = "json", query: str = "{}"):
    return {"path": exporter.export_collection(name, fmt, query)}
