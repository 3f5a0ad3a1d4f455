"""Live proctoring service: webcam/browser telemetry over websockets, reviewed by invigilators."""
import html
import json
import logging
from datetime import datetime, timezone

import jsonpickle
import jwt
from motor.motor_asyncio import AsyncIOMotorClient
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from core.config import BaseConfig
from proctor import reports

log = logging.getLogger("learnhub.proctor")

mongo = AsyncIOMotorClient(BaseConfig.MONGO_URL)
store = mongo["proctoring"]

EVENT_TYPES = {"focus_lost", "focus_gained", "face_missing", "multiple_faces", "tab_switch", "paste", "snapshot"}


def _claims_from_token(token):
    return jwt.decode(token, options={"verify_signature": False}, algorithms=["HS256"])  #@vuln CWE-347


async def proctor_socket(websocket: WebSocket):
    session_id = websocket.path_params["session_id"]
    claims = _claims_from_token(websocket.query_params.get("token", ""))
    await websocket.accept()
    await store.sessions.update_one(
        {"_id": session_id},
        {"$setOnInsert": {"student_id": claims["sub"], "exam_id": claims.get("exam"), "started_at": datetime.now(timezone.utc)}},
        upsert=True,
    )
    try:
        while True:
            # the lockdown-browser client is written in Python and ships events via jsonpickle
            message = await websocket.receive_text()
            event = jsonpickle.decode(message)  #@vuln CWE-502
            if not isinstance(event, dict):
                event = vars(event)
            if event.get("type") not in EVENT_TYPES:
                await websocket.send_json({"error": "unknown event type"})
                continue
            event.update(session_id=session_id, student_id=claims["sub"], ts=datetime.now(timezone.utc))
            await store.events.insert_one(event)
            await websocket.send_json({"ack": event.get("seq")})
    except WebSocketDisconnect:
        await store.sessions.update_one({"_id": session_id}, {"$set": {"ended_at": datetime.now(timezone.utc)}})


async def session_events(request):
    session_id = request.path_params["session_id"]
    requested = set(request.query_params.get("types", "").split(",")) & EVENT_TYPES
    query = {"session_id": str(session_id)}
    if requested:
        query["type"] = {"$in": sorted(requested)}
    cursor = store.events.find(query, {"_id": 0}).sort("ts", 1).limit(500)  #@safe
    events = [e async for e in cursor]
    return JSONResponse(json.loads(json.dumps(events, default=str)))


async def student_session(request):
    exam_id = request.path_params["exam_id"]
    student = json.loads(request.query_params.get("student", '""'))
    session = await store.sessions.find_one({"exam_id": exam_id, "student_id": student})  #@vuln CWE-943
    if session is None:
        return JSONResponse({"error": "not found"}, status_code=404)
    return JSONResponse(json.loads(json.dumps(session, default=str)))


async def review_page(request):
    session_id = request.path_params["session_id"]
    note = request.query_params.get("note", "")
    flagged = await store.events.count_documents({"session_id": session_id, "type": {"$ne": "focus_gained"}})
    page = (
        f"<html><body><h2>Session {html.escape(session_id)}</h2>"
        f"<p>{flagged} flagged events</p>"
        f"<div class='reviewer-note'>{note}</div></body></html>"
    )
    return HTMLResponse(page)  #@vuln CWE-79


routes = [
    WebSocketRoute("/ws/sessions/{session_id}", proctor_socket),
    Route("/api/sessions/{session_id}/events", session_events),
    Route("/api/exams/{exam_id}/session", student_session),
    Route("/review/{session_id}", review_page),
    Route("/api/exams/{exam_id}/long-sessions", reports.long_sessions),
    Route("/api/exams/{exam_id}/report", reports.exam_report),
    Route("/reports/{name}", reports.download_report),
]

middleware = [
    Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"]),  #@vuln CWE-942
]

app = Starlette(debug=True, routes=routes, middleware=middleware)  #@vuln CWE-489
