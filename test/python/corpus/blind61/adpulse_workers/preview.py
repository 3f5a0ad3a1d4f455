"""Small Starlette app that serves rendered notebook reports to the dashboard iframe."""
from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from adpulse_common.files import read_bytes

REPORT_DIR = os.environ.get("ADPULSE_REPORT_DIR", "/srv/adpulse/reports")
THUMB_DIR = os.environ.get("ADPULSE_THUMB_DIR", "/srv/adpulse/thumbnails")
ALLOWED_ORIGINS = ["https://app.adpulse.io", "https://admin.adpulse.io"]

FRAME_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>%s</title>
<link rel="stylesheet" href="/static/preview.css"></head>
<body><header>%s</header><iframe class="report" src="%s" sandbox="allow-scripts"></iframe></body></html>"""


async def report_file(request: Request) -> Response:
    advertiser_id = request.path_params["advertiser_id"]
    name = request.path_params["name"]
    return FileResponse(os.path.join(REPORT_DIR, str(advertiser_id), name))  #@vuln CWE-22


async def report_frame(request: Request) -> Response:
    title = request.query_params.get("title", "Report")
    src = request.query_params.get("src", "about:blank")
    return HTMLResponse(FRAME_PAGE % (title, title, src))  #@vuln CWE-79


async def thumbnail(request: Request) -> Response:
    data = read_bytes(THUMB_DIR, request.path_params["name"])
    return Response(data, media_type="image/png", headers={"Cache-Control": "max-age=600"})


async def status(request: Request) -> Response:
    return JSONResponse({"ok": True, "reports": REPORT_DIR})


routes = [
    Route("/reports/{advertiser_id:int}/{name:path}", report_file),
    Route("/frame", report_frame),
    Route("/thumbs/{name}", thumbnail),
    Route("/status", status),
]

middleware = [Middleware(CORSMiddleware, allow_origins=ALLOWED_ORIGINS, allow_credentials=True, allow_methods=["GET"])]  #@safe

app = Starlette(debug=os.environ.get("PREVIEW_DEBUG") == "1", routes=routes, middleware=middleware)  #@safe
