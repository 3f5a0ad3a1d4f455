from fastapi import Body, FastAPI, Query

from .mongo import AuditRepository
from .tasks.backups import dump_tenant_db
from .tasks.monitoring import check_endpoint

app = FastAPI(title="ops-internal")
repo = AuditRepository()


@app.post("/audit/search")
def audit_search(payload: dict = Body(...)):
    return repo.search(payload.get("filter", {}), limit=int(payload.get("limit", 100)))


@app.get("/audit/actor/{actor}")
def audit_by_actor(actor: str):
    return repo.by_actor(actor)


@app.get("/audit/tenant/{tenant_id}")
def audit_by_tenant(tenant_id: str, kind: list[str] = Query(default=["login"])):
    return repo.by_tenant(tenant_id, kind)


@app.post("/backups/{db_name}")
def request_backup(db_name: str, label: str = "manual"):
    result = dump_tenant_db.delay(db_name, label)
    return {"task_id": result.id}


@app.post("/probes")
def request_probe(url: str = Body(..., embed=True)):
    return {"task_id": check_endpoint.delay(url).id}
