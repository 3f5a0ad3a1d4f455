from fastapi import APIRouter, Depends, Request, Response

from ingest.auth import attach_preferences_cookie, attach_session_cookie, current_claims
from ingest.services import state

router = APIRouter()
_OPTIONS: dict[str, state.JobOptions] = {}
_RULES: dict[str, dict] = {}


@router.post("/session")
async def open_session(request: Request, response: Response, claims: dict = Depends(current_claims)):
    token = request.headers["authorization"].split(" ", 1)[1]
    attach_session_cookie(response, token)
    attach_preferences_cookie(response, request.query_params.get("view", "table"))
    return {"tenant": claims.get("tenant")}


@router.put("/{job_id}/options")
async def set_options(job_id: str, request: Request, claims: dict = Depends(current_claims)):
    options = state.restore_job_options((await request.body()).decode("utf-8"))
    _OPTIONS[job_id] = options
    return {"delimiter": options.delimiter, "encoding": options.encoding}


@router.put("/{job_id}/rules")
async def set_rules(job_id: str, request: Request, claims: dict = Depends(current_claims)):
    rules = state.load_transform_rules(await request.body())
    _RULES[job_id] = rules
    return {"rules": sorted(rules)}
