"""Pyramid and Starlette views of the catalogue."""
import html
import os
import subprocess

import httpx
from pyramid.response import Response
from pyramid.view import view_config
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse, FileResponse
from starlette.routing import Route
from sqlalchemy import text

MEDIA = "/srv/media"


@view_config(route_name="product", renderer="json")
def product(request):
    pid = request.matchdict["id"]
    rows = request.dbsession.execute(text("SELECT * FROM products WHERE id = " + pid))  #@vuln CWE-89
    return {"rows": [dict(r) for r in rows]}


@view_config(route_name="product_safe", renderer="json")
def product_safe(request):
    pid = request.matchdict["id"]
    rows = request.dbsession.execute(text("SELECT * FROM products WHERE id = :id"), {"id": pid})  #@safe
    return {"rows": [dict(r) for r in rows]}


@view_config(route_name="hello")
def hello(request):
    who = request.params.get("who", "world")
    return Response("<h1>Hello %s</h1>" % who)  #@vuln CWE-79


@view_config(route_name="hello_safe")
def hello_safe(request):
    who = request.params.get("who", "world")
    return Response("<h1>Hello %s</h1>" % html.escape(who))  #@safe


async def thumb(request):
    name = request.path_params["name"]
    return FileResponse(os.path.join(MEDIA, name))  #@vuln CWE-22


async def render_note(request):
    body = await request.json()
    return HTMLResponse(f"<div class='note'>{body['text']}</div>")  #@vuln CWE-79


async def convert(request):
    form = await request.form()
    fmt = form.get("format")
    out = subprocess.check_output(f"convert in.png out.{fmt}", shell=True)  #@vuln CWE-78
    return JSONResponse({"size": len(out)})


async def fetch_preview(request):
    target = request.query_params.get("url")
    async with httpx.AsyncClient() as client:
        r = await client.get(target)  #@vuln CWE-918
    return JSONResponse({"status": r.status_code})


async def fetch_fixed(request):
    page = request.query_params.get("page", "1")
    async with httpx.AsyncClient() as client:
        r = await client.get("https://api.example.com/items", params={"page": page})  #@safe
    return JSONResponse({"status": r.status_code})


app = Starlette(
    debug=True,  #@vuln CWE-489
    routes=[Route("/thumb/{name}", thumb), Route("/note", render_note, methods=["POST"]), Route("/convert", convert, methods=["POST"]), Route("/preview", fetch_preview), Route("/fixed", fetch_fixed)],
)
