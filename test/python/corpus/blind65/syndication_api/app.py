"""Syndication API consumed by partner sites."""
import json
import os
from datetime import datetime, timedelta, timezone
from urllib.parse import urlparse

import requests
from flask import (Flask, abort, g, jsonify, make_response, redirect, render_template_string,
                   request, send_file, send_from_directory)
from markupsafe import Markup

from . import auth
from .config import ProductionConfig
from .repository import ArticleRepository, PartnerRepository, UsageRepository

ALLOWED_REDIRECT_HOSTS = {"www.newsroom.example", "partners.newsroom.example"}

WIDGET_TEMPLATE = """
<div class="nr-widget">
  <h3>{{ title }}</h3>
  <ul>{% for a in items %}<li><a href="https://www.newsroom.example/news/{{ a.slug }}/">{{ a.headline }}</a></li>{% endfor %}</ul>
</div>
"""


def create_app(config_object=ProductionConfig):
    app = Flask(__name__)
    app.config.from_object(config_object)
    register_routes(app)
    return app


def _since_param():
    raw = request.args.get("since")
    if raw:
        return datetime.fromisoformat(raw)
    return datetime.now(timezone.utc) - timedelta(days=2)


def register_routes(app):
    articles = ArticleRepository()
    partners = PartnerRepository()
    usage = UsageRepository()

    @app.after_request
    def add_cors_headers(response):
        origin = request.headers.get("Origin")
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin  #@vuln CWE-942
            response.headers["Access-Control-Allow-Credentials"] = "true"
            response.headers["Vary"] = "Origin"
        return response

    @app.get("/v1/articles")
    @auth.require_api_key
    def list_articles():
        section = request.args.get("section", "news")
        if g.partner["allowed_sections"] and section not in g.partner["allowed_sections"].split(","):
            abort(403)
        limit = min(int(request.args.get("limit", 20)), app.config["MAX_PAGE_SIZE"])
        usage.record(g.partner["id"], "articles", section)
        return jsonify(articles.list_for_partner(section, _since_param(), limit))

    @app.get("/v1/articles/<slug>")
    @auth.require_api_key
    def get_article(slug):
        article = articles.get_by_slug(slug)
        if article is None:
            abort(404)
        return jsonify(article)

    @app.get("/v1/search")
    @auth.require_api_key
    def search():
        limit = min(int(request.args.get("limit", 20)), app.config["MAX_PAGE_SIZE"])
        return jsonify(articles.search(request.args.get("q", ""), limit))

    @app.get("/v1/tags")
    @auth.require_api_key
    def by_tags():
        return jsonify(articles.by_tags(request.args.getlist("tag")))

    @app.get("/v1/usage")
    @auth.require_api_key
    def usage_report():
        return jsonify(usage.report(g.partner["id"], request.args.get("group_by", "endpoint")))

    @app.get("/v1/feed.js")
    def jsonp_feed():
        callback = request.args.get("callback", "nrFeed")
        items = articles.list_for_partner("news", _since_param(), 10)
        body = f"{callback}({json.dumps(items, default=str)});"
        resp = make_response(body)  #@vuln CWE-79
        resp.headers["Content-Type"] = "application/javascript"
        return resp

    @app.get("/v1/widget")
    def widget():
        title = request.args.get("title", "Latest from the Newsroom")
        items = articles.list_for_partner("news", _since_param(), 5)
        template = WIDGET_TEMPLATE.replace("{{ title }}", title)
        return render_template_string(template, items=items)  #@vuln CWE-1336

    @app.get("/v1/widget/compact")
    def compact_widget():
        items = articles.list_for_partner("news", _since_param(), 3)
        return render_template_string(WIDGET_TEMPLATE, title=request.args.get("title", "Latest"), items=items)  #@safe

    @app.get("/v1/quote-card")
    def quote_card():
        quote = request.args.get("quote", "")
        source = request.args.get("source", "")
        card = Markup(f"<blockquote class=\"nr-card\">{quote}</blockquote>")  #@vuln CWE-79
        attribution = Markup("<cite>{}</cite>").format(source)
        return card + attribution

    @app.get("/v1/exports/<path:filename>")
    @auth.require_api_key
    def download_export(filename):
        return send_file(os.path.join(app.config["EXPORT_DIR"], filename), as_attachment=True)  #@vuln CWE-22

    @app.get("/v1/cached-feeds/<path:filename>")
    @auth.require_api_key
    def cached_feed(filename):
        return send_from_directory(app.config["FEED_CACHE_DIR"], filename, mimetype="application/rss+xml")  #@safe

    @app.get("/out")
    def outbound():
        return redirect(request.args.get("to", "https://www.newsroom.example/"))  #@vuln CWE-601

    @app.get("/portal/return")
    def portal_return():
        target = request.args.get("to", "/")
        parsed = urlparse(target)
        if ("\\" in target or parsed.scheme not in ("", "https")
                or (parsed.netloc and parsed.netloc not in ALLOWED_REDIRECT_HOSTS)):
            target = "/"
        return redirect(target)  #@safe

    @app.post("/portal/login")
    def portal_login():
        username = request.form.get("username", "")
        password = request.form.get("password", "")
        entry = auth.ldap_find_partner_user(username)
        if entry is None or not password or not auth.ldap_check_password(entry.entry_dn, password):
            abort(401)
        token = auth.issue_partner_token({"id": username, "name": str(entry.o)})
        resp = make_response(jsonify({"ok": True, "groups": auth.ldap_partner_groups(username)}))
        resp.set_cookie("partner_session", token, max_age=8 * 3600)  #@vuln CWE-614|CWE-1004
        resp.set_cookie("portal_csrf", auth.generate_webhook_secret()[:32], secure=True, httponly=True,  #@safe
                        samesite="Strict")
        return resp

    @app.post("/portal/forgot-username")
    def forgot_username():
        usernames = auth.ldap_find_by_email(request.form.get("email", ""))
        if usernames:
            app.logger.info("username reminder requested for %d account(s)", len(usernames))
        return jsonify({"ok": True})

    @app.get("/portal/me")
    def portal_me():
        return jsonify(auth.partner_claims())

    @app.post("/portal/keys/rotate")
    def rotate_key():
        claims = auth.verified_partner_claims()
        new_key = auth.generate_api_key()
        partners.store_key_hash(int(claims["sub"]), auth.hash_api_key(new_key))
        return jsonify({"api_key": new_key})

    @app.post("/portal/webhook")
    def register_webhook():
        claims = auth.verified_partner_claims()
        url = request.json["url"]
        secret = auth.generate_webhook_secret()
        ping = json.dumps({"event": "ping", "partner": claims["sub"]}).encode()
        result = requests.post(url, data=ping, timeout=5,  #@vuln CWE-918
                               headers={"X-Newsroom-Signature": auth.sign_webhook_body(secret, ping)})
        partners.set_webhook(int(claims["sub"]), url, auth.encrypt_webhook_secret(secret))
        return jsonify({"ping_status": result.status_code, "secret": secret})
