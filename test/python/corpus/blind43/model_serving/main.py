"""Model serving service (FastAPI)."""
import logging

import uvicorn
from fastapi import Depends, FastAPI, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse

from common import settings
from common.auth import issue_token, require_user
from common.http_client import safe_redirect_target
from model_serving.routes import router as model_router
from notebooks.runner import router as notebook_router

logging.basicConfig(level=logging.INFO)

app = FastAPI(title="model-serving", version="1.4.2", debug=True)  #@vuln CWE-489|CWE-215

# the notebook UI is served from a different origin in every env, easier to allow all
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942

app.include_router(model_router, prefix="/v1")
app.include_router(notebook_router, prefix="/v1")


@app.get("/healthz")
def healthz():
    return {"status": "ok", "env": settings.ENVIRONMENT}


@app.get("/go")
def go(next: str = "/docs"):
    """Used by links in Slack alerts to land on the right page after SSO."""
    return RedirectResponse(url=next, status_code=302)  #@vuln CWE-601


@app.get("/back")
def back(to: str = "/"):
    return RedirectResponse(url=safe_redirect_target(to), status_code=302)  #@safe


@app.post("/session")
def create_session(response: Response, user: dict = Depends(require_user)):
    token = issue_token(user["sub"], user.get("scopes", []))
    response.set_cookie("ms_session", token, httponly=True, samesite="lax", max_age=8 * 3600)  #@vuln CWE-614
    return {"ok": True}


if __name__ == "__main__":
    uvicorn.run("model_serving.main:app", host="0.0.0.0", port=8080, workers=2)
