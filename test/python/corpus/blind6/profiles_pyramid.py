"""Staff profile service (Pyramid + SQLAlchemy ORM)."""
import os

import ldap3
import requests
from ldap3.utils.conv import escape_filter_chars
from lxml import etree
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPBadRequest, HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import Boolean, Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

Base = declarative_base()
engine = create_engine(os.environ.get("PROFILES_DB", "sqlite:///profiles.db"))
Session = sessionmaker(bind=engine)

LDAP_SERVER = ldap3.Server("ldaps://ldap.corp.example.com", use_ssl=True)
HR_API = "https://hr.example.com/api/v1"
EDITABLE_FIELDS = {"display_name", "phone", "title"}


class Profile(Base):
    __tablename__ = "profiles"
    id = Column(Integer, primary_key=True)
    username = Column(String, unique=True)
    display_name = Column(String)
    phone = Column(String)
    title = Column(String)
    is_admin = Column(Boolean, default=False)


def ldap_search(filter_str):
    conn = ldap3.Connection(LDAP_SERVER, "cn=reader,dc=corp,dc=example,dc=com", os.environ["LDAP_READER_PW"], auto_bind=True)
    conn.search("dc=corp,dc=example,dc=com", filter_str, attributes=["cn", "mail"])  #@vuln CWE-90
    return [e.entry_to_json() for e in conn.entries]


def ldap_search_by_mail(mail):
    conn = ldap3.Connection(LDAP_SERVER, "cn=reader,dc=corp,dc=example,dc=com", os.environ["LDAP_READER_PW"], auto_bind=True)
    conn.search("dc=corp,dc=example,dc=com", f"(mail={escape_filter_chars(mail)})", attributes=["cn"])  #@safe
    return [e.entry_to_json() for e in conn.entries]


@view_config(route_name="profile_create", request_method="POST", renderer="json")
def profile_create(request):
    session = Session()
    profile = Profile(**request.json_body)  #@vuln CWE-915
    session.add(profile)
    session.commit()
    return {"id": profile.id}


@view_config(route_name="profile_update", request_method="PATCH", renderer="json")
def profile_update(request):
    session = Session()
    profile = session.get(Profile, int(request.matchdict["id"]))
    if profile is None:
        raise HTTPNotFound()
    for key, value in request.json_body.items():
        if key in EDITABLE_FIELDS:
            setattr(profile, key, value)  #@safe
    session.commit()
    return {"ok": True}


@view_config(route_name="profile_admin_update", request_method="PATCH", renderer="json")
def profile_admin_update(request):
    session = Session()
    profile = session.get(Profile, int(request.matchdict["id"]))
    for key, value in request.json_body.items():
        setattr(profile, key, value)  #@vuln CWE-915
    session.commit()
    return {"ok": True}


@view_config(route_name="directory", renderer="json")
def directory(request):
    uid = request.params.get("uid", "*")
    return ldap_search("(&(objectClass=person)(uid=" + uid + "))")


@view_config(route_name="directory_mail", renderer="json")
def directory_mail(request):
    return ldap_search_by_mail(request.params.get("mail", ""))


@view_config(route_name="hr_sync", request_method="POST", renderer="json")
def hr_sync(request):
    employee_id = request.json_body["employee_id"]
    r = requests.get(f"{HR_API}/employees/{employee_id}", verify=False, timeout=10)  #@vuln CWE-295
    return r.json()


@view_config(route_name="hr_sync_v2", request_method="POST", renderer="json")
def hr_sync_v2(request):
    employee_id = int(request.json_body["employee_id"])
    r = requests.get(f"{HR_API}/employees/{employee_id}", timeout=10)  #@safe
    return r.json()


@view_config(route_name="hr_photo", renderer="json")
def hr_photo(request):
    photo_url = request.params["src"]
    r = requests.get(photo_url, timeout=10)  #@vuln CWE-918
    return {"bytes": len(r.content)}


@view_config(route_name="org_import", request_method="POST", renderer="json")
def org_import(request):
    parser = etree.XMLParser(resolve_entities=True)  #@vuln CWE-611
    tree = etree.fromstring(request.body, parser=parser)
    return {"units": [u.get("name") for u in tree.iter("unit")]}


@view_config(route_name="org_import_v2", request_method="POST", renderer="json")
def org_import_v2(request):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)  #@safe
    tree = etree.fromstring(request.body, parser=parser)
    return {"units": [u.get("name") for u in tree.iter("unit")]}


@view_config(route_name="card")
def card(request):
    name = request.params.get("name", "")
    return Response(f"<div class='card'>{name}</div>", content_type="text/html")  #@vuln CWE-79


@view_config(route_name="back")
def back(request):
    came_from = request.params.get("came_from")
    if not came_from:
        raise HTTPBadRequest()
    return HTTPFound(location=came_from)  #@vuln CWE-601


def main():
    with Configurator() as config:
        for name, pattern in [
            ("profile_create", "/profiles"), ("profile_update", "/profiles/{id}"),
            ("profile_admin_update", "/admin/profiles/{id}"), ("directory", "/directory"),
            ("directory_mail", "/directory/mail"), ("hr_sync", "/hr/sync"), ("hr_sync_v2", "/hr/sync/v2"),
            ("hr_photo", "/hr/photo"), ("org_import", "/org/import"), ("org_import_v2", "/org/import/v2"),
            ("card", "/card"), ("back", "/back"),
        ]:
            config.add_route(name, pattern)
        config.scan()
        return config.make_wsgi_app()
