"""Reader comments API."""
import html
import json
import os
import time
from datetime import datetime, timezone
from typing import Optional

import httpx
import jsonpickle
import jwt
import redis.asyncio as aioredis
from bson import ObjectId
from bson.errors import InvalidId
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, EmailStr, Field

from . import moderation
from .db import comments, moderation_rules, moderators

MODERATOR_JWT_KEY = os.environ.get("MODERATOR_JWT_KEY", "")
CMS_WEBHOOK_URL = os.environ.get("CMS_WEBHOOK_URL", "https://cms.newsroom.example/hooks/comments/")
RATE_LIMIT = int(os.environ.get("COMMENTS_RATE_LIMIT", "5"))
RATE_WINDOW = 60

app = FastAPI(title="Newsroom Comments", version="1.4.0", debug=True)  #@vuln CWE-489|CWE-215
app.add_middleware(  #@vuln CWE-942
    CORSMiddleware,
    allow_origin_regex=r"https?://.*",
    allow_credentials=True,
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["*"],
)

redis = aioredis.from_url(os.environ.get("COMMENTS_REDIS_URL", "redis://localhost:6379/2"))


class CommentIn(BaseModel):
    article_id: str = Field(..., max_length=40)
    author_name: str = Field(..., min_length=1, max_length=80)
    email: EmailStr
    body: str = Field(..., min_length=2, max_length=5000)
    parent_id: Optional[str] = None


class RuleIn(BaseModel):
    name: str
    pattern: str
    weight: float = 0.3


async def rate_limited(request: Request):
    client_ip = request.client.host if request.client else "unknown"
    key = f"rl:comments:{client_ip}:{int(time.time() // RATE_WINDOW)}"
    count = await redis.incr(key)
    if count == 1:
        await redis.expire(key, RATE_WINDOW)
    if count > RATE_LIMIT:
        raise HTTPException(status_code=429, detail="Too many comments, slow down.")


def current_moderator(authorization: str = Header(default="")):
    token = authorization.removeprefix("Bearer ").strip()
    try:
        claims = jwt.decode(token, MODERATOR_JWT_KEY, algorithms=["HS256"], options={"verify_signature": False})  #@vuln CWE-347
    except jwt.PyJWTError:
        raise HTTPException(status_code=401)
    if claims.get("role") not in ("moderator", "editor"):
        raise HTTPException(status_code=403)
    return claims


async def _active_rules():
    rules = []
    async for doc in moderation_rules.find({"enabled": True}):
        rules.append({"weight": doc.get("weight", 0.3), "compiled": moderation.compile_rule(doc["pattern"])})
    return rules


def _serialize(doc):
    doc["id"] = str(doc.pop("_id"))
    doc.pop("email", None)
    doc.pop("edit_token", None)
    return doc


@app.get("/articles/{article_id}/comments")
async def list_comments(article_id: str, limit: int = Query(50, le=200)):
    cursor = comments.find({"article_id": article_id, "status": "approved"}).sort("created_at", -1).limit(limit)  #@safe
    return [_serialize(doc) async for doc in cursor]


@app.post("/comments", status_code=201, dependencies=[Depends(rate_limited)])
async def create_comment(comment: CommentIn, response: Response):
    rules = await _active_rules()
    doc = comment.model_dump()
    doc.update({
        "status": "pending" if moderation.needs_review(comment.body, rules) else "approved",
        "created_at": datetime.now(timezone.utc),
        "edit_token": os.urandom(16).hex(),
    })
    result = await comments.insert_one(doc)
    response.set_cookie("commenter_name", comment.author_name, max_age=365 * 24 * 3600)  #@vuln CWE-614|CWE-1004
    event = {"article_id": doc["article_id"], "comment_id": str(result.inserted_id),
             "author_name": doc["author_name"], "body": doc["body"], "created_at": doc["created_at"].isoformat()}
    async with httpx.AsyncClient(timeout=5) as client:
        await client.post(CMS_WEBHOOK_URL, content=jsonpickle.encode(event))
    return {"id": str(result.inserted_id), "status": doc["status"], "edit_token": doc["edit_token"]}


@app.post("/comments/lookup")
async def lookup_own_comment(request: Request):
    payload = await request.json()
    doc = await comments.find_one({"email": payload.get("email"), "edit_token": payload.get("edit_token")})  #@vuln CWE-943
    if doc is None:
        raise HTTPException(status_code=404)
    return _serialize(doc)


@app.delete("/comments/{comment_id}")
async def delete_own_comment(comment_id: str, edit_token: str = Header(...)):
    try:
        oid = ObjectId(comment_id)
    except InvalidId:
        raise HTTPException(status_code=404)
    result = await comments.delete_one({"_id": oid, "edit_token": str(edit_token)})
    if result.deleted_count == 0:
        raise HTTPException(status_code=404)
    return {"deleted": comment_id}


@app.get("/moderation/queue")
async def moderation_queue(filter: str = Query("{}"), moderator=Depends(current_moderator)):
    criteria = {"status": "pending", **json.loads(filter)}
    return [_serialize(doc) async for doc in comments.find(criteria).limit(100)]  #@vuln CWE-943


@app.get("/moderation/by-author")
async def comments_by_author(author: str, moderator=Depends(current_moderator)):
    cursor = comments.find({"$where": f"this.author_name == '{author}'"})  #@vuln CWE-943
    return [_serialize(doc) async for doc in cursor]


@app.get("/moderation/comments/{comment_id}/preview", response_class=HTMLResponse)
async def preview_comment(comment_id: str, moderator=Depends(current_moderator)):
    doc = await comments.find_one({"_id": ObjectId(comment_id)})
    if doc is None:
        raise HTTPException(status_code=404)
    return HTMLResponse(f"<article class=\"comment\"><h4>{doc['author_name']}</h4><div>{doc['body']}</div></article>")  #@vuln CWE-79


@app.get("/embed/{comment_id}", response_class=HTMLResponse)
async def embed_comment(comment_id: str):
    doc = await comments.find_one({"_id": ObjectId(comment_id), "status": "approved"})
    if doc is None:
        raise HTTPException(status_code=404)
    author, body = html.escape(doc["author_name"]), html.escape(doc["body"])
    return HTMLResponse(f"<blockquote class=\"nr-comment\"><p>{body}</p><footer>{author}</footer></blockquote>")  #@safe


@app.post("/moderation/rules", status_code=201)
async def add_rule(rule: RuleIn, moderator=Depends(current_moderator)):
    compiled = moderation.compile_rule(rule.pattern)
    sample = [doc["body"] async for doc in comments.find({}, {"body": 1}).sort("created_at", -1).limit(500)]
    hits = sum(1 for body in sample if compiled.search(body))
    await moderation_rules.insert_one({**rule.model_dump(), "enabled": True, "created_by": moderator.get("sub")})
    return {"name": rule.name, "recent_matches": hits}


@app.post("/moderation/login")
async def moderator_login(request: Request, response: Response):
    form = await request.form()
    user = await moderators.find_one({"username": str(form.get("username", ""))})
    if user is None or not moderation.check_password(str(form.get("password", "")), user["password_hash"]):
        raise HTTPException(status_code=401)
    token = jwt.encode({"sub": user["username"], "role": user["role"]}, MODERATOR_JWT_KEY, algorithm="HS256")
    return {"access_token": token, "token_type": "bearer"}
