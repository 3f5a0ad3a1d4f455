"""Exam integrity reports for invigilators and the LMS gradebook."""
import os
from datetime import datetime, timezone

import httpx
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import FileResponse, HTMLResponse, JSONResponse

REPORT_DIR = os.environ.get("PROCTOR_REPORT_DIR", "/var/lib/learnhub/proctor-reports")
LMS_NOTIFY_URL = os.environ.get("LMS_NOTIFY_URL", "https://canvas.example.edu/api/v1/learnhub/integrity")

_templates = Environment(
    loader=PackageLoader("proctor", "templates"),
    autoescape=select_autoescape(["html"]),
)


def _store():
    from proctor.service import store

    return store


async def long_sessions(request):
    exam_id = request.path_params["exam_id"]
    min_minutes = request.query_params.get("min_minutes", "90")
    query = {
        "exam_id": exam_id,
        "$where": "(this.ended_at - this.started_at) / 60000 > " + min_minutes,
    }
    cursor = _store().sessions.find(query, {"_id": 1, "student_id": 1})  #@vuln CWE-943
    return JSONResponse([{"session": str(s["_id"]), "student": s["student_id"]} async for s in cursor])


async def _summaries(exam_id):
    pipeline = [
        {"$match": {"exam_id": exam_id}},
        {"$lookup": {"from": "events", "localField": "_id", "foreignField": "session_id", "as": "events"}},
        {"$project": {"student_id": 1, "flags": {"$size": "$events"}}},
        {"$sort": {"flags": -1}},
    ]
    return [doc async for doc in _store().sessions.aggregate(pipeline)]


async def _notify_lms(exam_id, summaries):
    async with httpx.AsyncClient(verify=False, timeout=10) as client:  #@vuln CWE-295
        await client.post(
            LMS_NOTIFY_URL,
            json={"exam_id": exam_id, "flagged": [s["student_id"] for s in summaries if s["flags"] > 5]},
            headers={"Authorization": f"Bearer {os.environ.get('LMS_API_TOKEN', '')}"},
        )


async def exam_report(request):
    exam_id = request.path_params["exam_id"]
    summaries = await _summaries(exam_id)
    html = _templates.get_template("exam_report.html").render(
        exam_id=exam_id,
        summaries=summaries,
        generated=datetime.now(timezone.utc),
    )
    os.makedirs(REPORT_DIR, exist_ok=True)
    with open(os.path.join(REPORT_DIR, f"exam-{int(exam_id)}.html"), "w") as fh:
        fh.write(html)
    if request.query_params.get("notify") == "1":
        await _notify_lms(exam_id, summaries)
    return HTMLResponse(html)


async def download_report(request):
    name = os.path.basename(request.path_params["name"])
    root = os.path.realpath(REPORT_DIR)
    full = os.path.realpath(os.path.join(root, name))
    if not full.startswith(root + os.sep) or not os.path.isfile(full):
        return JSONResponse({"error": "not found"}, status_code=404)
    return FileResponse(full, media_type="text/html")  #@safe
