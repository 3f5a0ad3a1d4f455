"""Wavecast media API entry point."""
import logging
import time
import uuid

import uvicorn
from fastapi import Depends, FastAPI, Form, HTTPException, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy import select
from sqlalchemy.orm import Session

from wavecast.api import routes_episodes, routes_uploads
from wavecast.common.db import User, get_db
from wavecast.common.security import issue_access_token, verify_password
from wavecast.common.settings import get_settings

settings = get_settings()
logging.basicConfig(level=logging.DEBUG if settings.debug else logging.INFO)
log = logging.getLogger("wavecast.api")

app = FastAPI(title="Wavecast Media API", version="3.2.0", debug=settings.debug)
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])  #@vuln CWE-942
app.include_router(routes_uploads.router)
app.include_router(routes_episodes.router)


@app.middleware("http")
async def request_timing(request: Request, call_next):
    request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
    started = time.perf_counter()
    response = await call_next(request)
    response.headers["X-Request-ID"] = request_id
    log.info("%s %s %s %.1fms", request.method, request.url.path, response.status_code,
             (time.perf_counter() - started) * 1000)
    return response


@app.get("/healthz")
def healthz():
    return {"ok": True, "env": settings.environment}


@app.post("/auth/login")
def login(response: Response, email: str = Form(...), password: str = Form(...), db: Session = Depends(get_db)):
    user = db.execute(select(User).where(User.email == email.lower())).scalar_one_or_none()
    if user is None or not verify_password(password, user.password_hash):
        raise HTTPException(401, "invalid email or password")
    token = issue_access_token(user.id, ["studio"])
    response.set_cookie("wc_session", token, max_age=3600, httponly=True, secure=True, samesite="lax")
    return {"access_token": token, "token_type": "bearer"}


if __name__ == "__main__":
    uvicorn.run("wavecast.api.main:app", host="0.0.0.0", port=8080, proxy_headers=True)
