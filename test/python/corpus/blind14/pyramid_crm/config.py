import os

from pyramid.config import Configurator
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

LDAP_URI = os.environ.get("CRM_LDAP_URI", "ldaps://ldap.corp.example")
LDAP_BASE_DN = "ou=people,dc=corp,dc=example"
LDAP_GROUP_DN = "ou=groups,dc=corp,dc=example"
LDAP_BIND_DN = "cn=crm-service,ou=services,dc=corp,dc=example"
LDAP_BIND_PASSWORD = "changeme-ldap-bind"  #@vuln CWE-798|CWE-259

ROUTES = [
    ("contacts_search", "/contacts/search"),
    ("contact_list", "/owners/{owner_id}/contacts"),
    ("contact_badge", "/badge/{name}"),
    ("contact_greeting", "/greeting"),
    ("contacts_tag_delete", "/tags/delete"),
    ("directory_lookup", "/directory"),
    ("login", "/login"),
    ("logout", "/logout"),
    ("preferences", "/preferences"),
]


def main(global_config, **settings):
    engine = create_engine(settings.get("sqlalchemy.url", os.environ["CRM_DATABASE_URL"]), pool_pre_ping=True)
    session_factory = sessionmaker(bind=engine)

    with Configurator(settings=settings) as config:
        config.add_request_method(lambda r: session_factory(), "dbsession", reify=True)
        for name, pattern in ROUTES:
            config.add_route(name, pattern)
        config.scan(".views")
        return config.make_wsgi_app()
