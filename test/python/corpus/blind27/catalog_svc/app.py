"""Catalogue service (Litestar + Motor)."""
from __future__ import annotations

import hashlib
from typing import Any

from defusedxml import ElementTree as SafeET
from jinja2 import Environment
from litestar import Litestar, Request, get, post
from litestar.config.cors import CORSConfig
from litestar.contrib.jinja import JinjaTemplateEngine
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Response, Template
from litestar.template.config import TemplateConfig
from lxml import etree

from catalog_svc import store
from common.fetch import fetch_public_image
from common import settings

_jinja = Environment(autoescape=True)
ALLOWED_RETURN_PATHS = ("/catalog", "/cart", "/checkout")


@get("/products/{sku:str}")
async def get_product(sku: str) -> dict:
    product = await store.product_by_sku(sku)
    if product is None:
        raise NotFoundException()
    return product


@get("/products")
async def list_products(category: str = "all", q: str | None = None, pattern: str | None = None) -> list[dict]:
    if pattern:
        return await store.search_by_pattern(pattern)
    if q:
        return await store.search_by_name(q)
    return await store.products_in_category(category)


@get("/products/search")
async def search_products(q: str) -> list[dict]:
    return await store.search_by_name_v2(q)


@post("/products/query")
async def query_products(data: dict[str, Any]) -> list[dict]:
    # front-end sends {"filter": {...}, "sort": "price"}
    return await store.query_products(data.get("filter", {}), data.get("sort", "name"))


@post("/suppliers/login")
async def supplier_login(data: dict[str, Any], request: Request) -> Response:
    pw = data.get("password")
    pw_hash = hashlib.sha256(pw.encode()).hexdigest() if isinstance(pw, str) else pw  #@vuln CWE-916
    supplier = await store.supplier_login(data.get("email"), pw_hash)
    if not supplier:
        raise PermissionDeniedException("bad credentials")
    request.set_session({"supplier": str(supplier["_id"])})
    return Response({"ok": True})


@get("/products/{sku:str}/page")
async def product_page(sku: str) -> Template:
    product = await store.product_by_sku(sku)
    if product is None:
        raise NotFoundException()
    return Template(template_name="product.html.j2", context={"product": product})


@post("/products/{sku:str}/description-preview")
async def description_preview(sku: str, data: dict[str, Any]) -> Response:
    product = await store.product_by_sku(sku) or {}
    rendered = Environment().from_string(data["template"]).render(product=product)  #@vuln CWE-1336|CWE-94
    return Response(rendered, media_type="text/html")


@post("/products/{sku:str}/blurb")
async def blurb(sku: str, data: dict[str, Any]) -> Response:
    product = await store.product_by_sku(sku) or {}
    html = _jinja.from_string("<p>{{ text }}</p><small>{{ p.name }}</small>").render(text=data.get("text", ""), p=product)  #@safe
    return Response(html, media_type="text/html")


@post("/products/{sku:str}/reviews/preview")
async def review_preview(sku: str, data: dict[str, Any]) -> Response:
    body = data.get("body", "")
    author = data.get("author", "anonymous")
    return Response(f"<article><h4>{author}</h4><div>{body}</div></article>", media_type="text/html")  #@vuln CWE-79


@post("/products/import/xml")
async def import_xml(request: Request) -> dict:
    raw = await request.body()
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(raw, parser=parser)  #@vuln CWE-611
    created = []
    for node in root.iterfind("product"):
        created.append(await store.insert_product({"sku": node.findtext("sku"), "name": node.findtext("name"), "category": node.findtext("category"), "archived": False}))
    return {"created": created}


@post("/products/import/xml-v2")
async def import_xml_v2(request: Request) -> dict:
    root = SafeET.fromstring(await request.body())  #@safe
    return {"count": len(root.findall("product"))}


@post("/products/{sku:str}/image-from-url")
async def image_from_url(sku: str, data: dict[str, Any]) -> dict:
    content = await fetch_public_image(data["url"])
    return {"sku": sku, "bytes": len(content)}


@get("/continue")
async def continue_shopping(next: str = "/catalog") -> Redirect:
    return Redirect(path=next)  #@vuln CWE-601


@get("/back")
async def back(to: str = "/catalog") -> Redirect:
    return Redirect(path=to if to.startswith(ALLOWED_RETURN_PATHS) and "//" not in to else "/catalog")  #@safe


cors = CORSConfig(allow_origins=["https://shop.example.com", "https://admin.example.com"], allow_credentials=True)

app = Litestar(
    route_handlers=[get_product, list_products, search_products, query_products, supplier_login, product_page, description_preview, blurb, review_preview, import_xml, import_xml_v2, image_from_url, continue_shopping, back],
    cors_config=cors,
    template_config=TemplateConfig(directory="catalog_svc/templates", engine=JinjaTemplateEngine),
    debug=settings.DEBUG,
)
