"""ACME B2B shop - Pyramid application factory."""
import logging

import zope.sqlalchemy
from pyramid.config import Configurator
from pyramid.events import NewResponse
from pyramid.session import SignedCookieSessionFactory
from sqlalchemy import engine_from_config
from sqlalchemy.orm import sessionmaker

from common import settings as acme_settings

log = logging.getLogger(__name__)


def add_cors_headers(event):
    """The storefront SPA lives on a different sub-domain and calls the JSON API."""
    origin = event.request.headers.get("Origin")
    if origin:
        event.response.headers["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
        event.response.headers["Access-Control-Allow-Credentials"] = "true"
        event.response.headers["Access-Control-Allow-Headers"] = "Content-Type, X-CSRF-Token"
        event.response.headers["Vary"] = "Origin"


def get_tm_session(session_factory, transaction_manager):
    dbsession = session_factory()
    zope.sqlalchemy.register(dbsession, transaction_manager=transaction_manager)
    return dbsession


ROUTES = [
    ("home", "/"), ("login", "/login"), ("logout", "/logout"), ("welcome", "/welcome"),
    ("welcome_v2", "/welcome/v2"), ("orders", "/orders"), ("order_search", "/api/orders/search"),
    ("order_note", "/orders/{id}/note"), ("revenue", "/api/reports/revenue"),
    ("cart_restore", "/cart/restore"), ("cart_save", "/cart/save"), ("image_proxy", "/img"),
    ("invoice_file", "/invoices/download"), ("invoice_file_v2", "/invoices/v2/download"),
    ("invoice_pdf", "/orders/{id}/invoice.pdf"), ("invoice_preview", "/orders/{id}/invoice/preview"),
    ("print_page", "/print"), ("mail_preview", "/admin/mail/preview"), ("audit", "/admin/audit"),
    ("audit_v2", "/admin/audit/v2"), ("customer_lookup", "/admin/customers/lookup"),
    ("catalog_filter", "/api/catalog/filter"), ("password_forgot", "/password/forgot"),
]


def main(global_config, **settings):
    settings.setdefault("sqlalchemy.url", acme_settings.DATABASE_URL)
    settings.setdefault("mako.directories", "pyramid_shop:templates")
    settings.setdefault("tm.manager_hook", "pyramid_tm.explicit_manager")
    settings["debugtoolbar.hosts"] = "0.0.0.0/0"

    session_secret = settings.get("session.secret", "shop-s3ss10n-s3cr3t!")  #@vuln CWE-798
    session_factory = SignedCookieSessionFactory(session_secret, secure=True, httponly=False, samesite="Lax", timeout=7200)  #@vuln CWE-1004

    with Configurator(settings=settings) as config:
        config.set_session_factory(session_factory)
        config.include("pyramid_tm")
        config.include("pyramid_retry")
        config.include("pyramid_mako")
        config.include("pyramid_chameleon")
        config.include("pyramid_debugtoolbar")  #@vuln CWE-489

        engine = engine_from_config(settings, "sqlalchemy.", pool_pre_ping=True)
        factory = sessionmaker(bind=engine)
        config.registry["dbsession_factory"] = factory
        config.add_request_method(lambda r: get_tm_session(factory, r.tm), "dbsession", reify=True)

        config.add_subscriber(add_cors_headers, NewResponse)
        config.add_static_view("static", "pyramid_shop:static", cache_max_age=3600)
        for name, pattern in ROUTES:
            config.add_route(name, pattern)
        config.scan(".views")
        log.info("shop configured for %s", acme_settings.ENVIRONMENT)
    return config.make_wsgi_app()
