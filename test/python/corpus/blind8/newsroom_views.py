"""Newsroom CMS: article preview, asset delivery and syndication (Pyramid)."""
import html
import os
from urllib.parse import urlparse

import httpx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from pyramid.httpexceptions import HTTPBadRequest, HTTPFound, HTTPNotFound
from pyramid.response import FileResponse, Response
from pyramid.view import view_config
from sqlalchemy import text

ASSET_ROOT = "/srv/newsroom/assets"
SYNDICATION_PARTNERS = {"feeds.apnews.example", "wire.reuters.example"}

templates = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
sandbox = SandboxedEnvironment(autoescape=True)


def _is_internal_path(target: str) -> bool:
    parsed = urlparse(target)
    return not parsed.scheme and not parsed.netloc and target.startswith("/")


@view_config(route_name="article_preview")
def article_preview(request):
    headline = request.params.get("headline", "")
    body = request.params.get("body", "")
    markup = "<article><h1>%s</h1><section>%s</section></article>" % (headline, body)
    return Response(markup, content_type="text/html")  #@vuln CWE-79


@view_config(route_name="article_preview_safe")
def article_preview_safe(request):
    headline = html.escape(request.params.get("headline", ""))
    body = html.escape(request.params.get("body", ""))
    markup = "<article><h1>%s</h1><section>%s</section></article>" % (headline, body)
    return Response(markup, content_type="text/html")  #@safe


@view_config(route_name="byline_template")
def byline_template(request):
    tmpl_src = request.POST.get("byline_template", "By {{ author }}")
    out = Environment().from_string(tmpl_src).render(author=request.user.name)  #@vuln CWE-1336|CWE-94
    return Response(out)


@view_config(route_name="byline_template_sandboxed")
def byline_template_sandboxed(request):
    tmpl_src = request.POST.get("byline_template", "By {{ author }}")
    out = sandbox.from_string(tmpl_src).render(author=request.user.name)  #@safe
    return Response(out)


@view_config(route_name="section_page", renderer="string")
def section_page(request):
    section = request.matchdict["section"]
    tmpl = templates.get_template("section.html")
    return tmpl.render(section=section, stories=request.dbsession.execute(text("SELECT id, headline FROM stories WHERE section = :s"), {"s": section}).all())  #@safe


@view_config(route_name="story_search", renderer="json")
def story_search(request):
    needle = request.params.get("q", "")
    sql = text(f"SELECT id, headline FROM stories WHERE headline ILIKE '%{needle}%' ORDER BY published_at DESC")  #@vuln CWE-89
    return [dict(r._mapping) for r in request.dbsession.execute(sql)]


@view_config(route_name="asset")
def asset(request):
    rel = request.matchdict["path"]
    return FileResponse(os.path.join(ASSET_ROOT, rel), request=request)  #@vuln CWE-22


@view_config(route_name="asset_checked")
def asset_checked(request):
    rel = request.matchdict["path"]
    root = os.path.realpath(ASSET_ROOT)
    full = os.path.realpath(os.path.join(root, rel))
    if os.path.commonpath([root, full]) != root or not os.path.isfile(full):
        raise HTTPNotFound()
    return FileResponse(full, request=request)  #@safe


@view_config(route_name="login_done")
def login_done(request):
    came_from = request.params.get("came_from", "/")
    return HTTPFound(location=came_from)  #@vuln CWE-601


@view_config(route_name="logout_done")
def logout_done(request):
    came_from = request.params.get("came_from", "/")
    if not _is_internal_path(came_from):
        came_from = "/"
    return HTTPFound(location=came_from)  #@safe


@view_config(route_name="syndicate", renderer="json")
def syndicate(request):
    feed_url = request.json_body["feed_url"]
    r = httpx.get(feed_url, timeout=10.0)  #@vuln CWE-918
    return {"status": r.status_code, "length": len(r.content)}


@view_config(route_name="syndicate_partner", renderer="json")
def syndicate_partner(request):
    feed_url = request.json_body["feed_url"]
    if urlparse(feed_url).hostname not in SYNDICATION_PARTNERS:
        raise HTTPBadRequest()
    r = httpx.get(feed_url, timeout=10.0)  #@safe
    return {"status": r.status_code, "length": len(r.content)}


@view_config(route_name="wire_pull", renderer="json")
def wire_pull(request):
    with httpx.Client(verify=False) as client:  #@vuln CWE-295
        r = client.get("https://wire.reuters.example/v1/latest", timeout=10.0)
    return r.json()
