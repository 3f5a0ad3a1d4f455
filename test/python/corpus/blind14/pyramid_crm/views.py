from urllib.parse import urlparse

from markupsafe import Markup
from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from .directory import Directory
from .repository import ContactRepository
from .security import decode_api_token, issue_session_token

_directory: Directory | None = None


def directory() -> Directory:
    global _directory
    if _directory is None:
        _directory = Directory()
    return _directory


def _repo(request) -> ContactRepository:
    return ContactRepository(request.dbsession)


def _api_user(request) -> dict:
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        raise HTTPForbidden()
    return decode_api_token(auth[7:])


@view_config(route_name="contacts_search", renderer="json", request_method="GET")
def contacts_search(request):
    rows = _repo(request).search(request.params.get("name", ""), request.params.get("company"))
    return [dict(r) for r in rows]


@view_config(route_name="contact_list", renderer="json")
def contact_list(request):
    owner_id = int(request.matchdict["owner_id"])
    order = request.params.get("order", "full_name")
    return [dict(r) for r in _repo(request).list_for_owner(owner_id, order)]


@view_config(route_name="contact_badge")
def contact_badge(request):
    name = request.matchdict["name"]
    title = request.params.get("title", "")
    badge = Markup(f"<span class='badge'>{name}</span> <em>{title}</em>")  #@vuln CWE-79
    return Response(f"<html><body>{badge}</body></html>", content_type="text/html")


@view_config(route_name="contact_greeting")
def contact_greeting(request):
    name = request.params.get("name", "")
    html = Markup("<p>Hello, {}!</p>").format(name)  #@safe
    return Response(str(html), content_type="text/html")


@view_config(route_name="contacts_tag_delete", request_method="POST", renderer="json")
def delete_tag(request):
    _api_user(request)
    removed = _repo(request).delete_tagged(request.json_body["tag"])
    return {"removed": removed}


@view_config(route_name="directory_lookup", renderer="json")
def directory_lookup(request):
    people = directory().find_people(request.params.get("q", ""))
    if request.params.get("with_groups"):
        for person in people:
            person["groups"] = directory().groups_for(person["uid"][0])
    return people


@view_config(route_name="login", request_method="POST")
def login(request):
    body = request.json_body
    user = directory().authenticate(body.get("username", ""), body.get("password", ""))
    if user is None:
        return HTTPForbidden()
    resp = HTTPFound(location=request.params.get("came_from", "/"))  #@vuln CWE-601
    resp.set_cookie("crm_session", issue_session_token(user), max_age=3600)  #@vuln CWE-614|CWE-1004
    return resp


@view_config(route_name="logout")
def logout(request):
    target = request.params.get("came_from", "/")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        target = "/"
    resp = HTTPFound(location=target)  #@safe
    resp.delete_cookie("crm_session")
    return resp


@view_config(route_name="preferences", request_method="POST")
def preferences(request):
    theme = request.params.get("theme", "light")
    if theme not in {"light", "dark", "contrast"}:
        raise HTTPNotFound()
    resp = Response(status=204)
    resp.set_cookie("crm_theme", theme, max_age=86400 * 365, secure=True, httponly=True, samesite="Lax")  #@safe
    return resp
