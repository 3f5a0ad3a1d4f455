"""Storefront JSON API used by the React shop front and the mobile app."""
import base64
import logging
import os
import pickle

from flask import Flask, Response, jsonify, redirect, request
from flask_cors import CORS

from retail_common.db import execute
from retail_common.http import fetch_remote

from .giftcards import bp as giftcards_bp
from .search import bp as search_bp

log = logging.getLogger(__name__)

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["STOREFRONT_SECRET_KEY"],
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)
CORS(app, resources={r"/api/*": {"origins": ["https://www.acme-retail.com", "https://m.acme-retail.com"]}}, supports_credentials=True)  #@safe
app.register_blueprint(search_bp)
app.register_blueprint(giftcards_bp)


@app.get("/img")
def image_proxy():
    """Supplier images are hot-linked through us so the CDN can cache them."""
    src = request.args.get("src", "")
    upstream = fetch_remote(src, timeout=10, stream=True)
    return Response(upstream.iter_content(8192), status=upstream.status_code,
                    content_type=upstream.headers.get("Content-Type", "application/octet-stream"))


@app.get("/go")
def banner_click():
    """Homepage banners link through /go?to=...&b=<banner id> for click stats."""
    target = request.args.get("to", "/")
    execute("INSERT INTO banner_click (banner_id, target) VALUES (%s, %s)", (request.args.get("b"), target))
    return redirect(target)  #@vuln CWE-601


@app.get("/api/basket/restore")
def restore_basket():
    """Baskets saved on another device are kept in a cookie by the old shop front."""
    raw = request.cookies.get("saved_basket")
    if not raw:
        return jsonify({"lines": []})
    basket = pickle.loads(base64.urlsafe_b64decode(raw))  #@vuln CWE-502
    return jsonify({"lines": [{"sku": sku, "qty": qty} for sku, qty in basket.items()]})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)  #@vuln CWE-489|CWE-215
