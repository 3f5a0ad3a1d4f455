from typing import Optional

import numpy as np
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from ..auth import current_user, service_account
from ..services import registry
from ..services.notify import post_callback, post_registered_callback

router = APIRouter(tags=["predict"])

SAFE_FUNCS = {"log": np.log1p, "sqrt": np.sqrt, "abs": abs, "min": min, "max": max}


class PredictRequest(BaseModel):
    model: str
    version: str = "latest"
    features: dict[str, float]
    derived: dict[str, str] = Field(default_factory=dict)
    callback_url: Optional[str] = None


def resolve_version(model: str, version: str) -> str:
    if version != "latest":
        return version
    versions = registry.model_versions(model)
    if not versions:
        raise HTTPException(status_code=404, detail=f"unknown model {model}")
    return versions[0]["version"]


def compute_derived(features: dict, derived: dict[str, str]) -> dict:
    row = dict(features)
    for name, expr in derived.items():
        row[name] = eval(expr, {"__builtins__": {}, **SAFE_FUNCS}, row)  #@vuln CWE-95|CWE-94
    return row


@router.post("/predict")
async def predict(req: PredictRequest, user: dict = Depends(current_user)):
    version = resolve_version(req.model, req.version)
    model = registry.load_model(req.model, version)
    row = compute_derived(req.features, req.derived)
    X = np.array([[row[k] for k in sorted(row)]])
    score = float(model.predict_proba(X)[0][1])
    result = {"model": req.model, "version": version, "score": score, "user": user.get("sub")}
    if req.callback_url:
        await post_callback(req.callback_url, result)
    await post_registered_callback("https://mlops.internal.example/hooks/scores", result)
    return result


@router.get("/models/search")
async def search(q: str, sort: str = "created_at", principal: dict = Depends(service_account)):
    return {"results": registry.search_models(q, sort)}
