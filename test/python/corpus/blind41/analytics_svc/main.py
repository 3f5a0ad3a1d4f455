"""Analytics API (FastAPI) - metrics, exports and search for the BI front end."""
from __future__ import annotations

import datetime as dt
import os

import httpx
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import escape
from pydantic import BaseModel

from analytics_svc import pg_queries, search
from common import http_client, security

ALLOWED_ORIGINS = [o for o in os.environ.get("ANALYTICS_ORIGINS", "https://bi.example.com").split(",") if o]

app = FastAPI(title="analytics", docs_url=None if os.environ.get("ENV") == "prod" else "/docs")
app.add_middleware(CORSMiddleware, allow_origins=ALLOWED_ORIGINS, allow_credentials=True, allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])  #@safe


def auth(authorization: str = Header(...)) -> dict:
    if not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401)
    try:
        return security.verify_api_token(authorization[7:])
    except Exception as exc:  # noqa: BLE001
        raise HTTPException(status_code=401) from exc


class GroupedMetricIn(BaseModel):
    expression: str
    group_by: str = "tenant"
    since: dt.date


class WebhookIn(BaseModel):
    url: str
    report: str


@app.get("/metrics/{granularity}")
def metrics(granularity: str, start: dt.date, end: dt.date, sort: str = "day", direction: str = "asc",
            user: dict = Depends(auth)):
    return pg_queries.metrics(granularity, start, end, sort, direction)


@app.post("/metrics/grouped")
def grouped(body: GroupedMetricIn, user: dict = Depends(auth)):
    return pg_queries.grouped_metric(body.expression, body.group_by, body.since)


@app.get("/tenants/{tenant}/summary")
def tenant_summary(tenant: str, user: dict = Depends(auth)):
    return pg_queries.tenant_summary(tenant) or {}


@app.get("/events.csv")
def events_csv(event_type: str, since: str = Query("2024-01-01"), user: dict = Depends(auth)):
    frame = pg_queries.events_frame(event_type, since)
    return Response(frame.to_csv(index=False), media_type="text/csv")


@app.get("/v2/events.csv")
def events_csv_v2(event_type: str, since: dt.date, user: dict = Depends(auth)):
    frame = pg_queries.events_frame_params(event_type, since)
    return Response(frame.to_csv(index=False), media_type="text/csv")


@app.get("/exports/{view}.csv")
def export_view(view: str, tenant: str, user: dict = Depends(auth)):
    return Response(pg_queries.export_tenant_csv(view, tenant), media_type="text/csv")


@app.get("/search/orders")
def search_orders(q: str, field: str = "customer", user: dict = Depends(auth)):
    return search.search_orders(q, field)


@app.get("/search/orders/advanced")
def advanced_search(q: str, user: dict = Depends(auth)):
    return search.advanced_search(q, user.get("tenant", "none"))


@app.get("/profiles/by-email")
def profiles_by_email(fragment: str, exact_prefix: bool = False, user: dict = Depends(auth)):
    if exact_prefix:
        return search.find_profiles_by_email_prefix(fragment)
    return search.find_profiles_by_email(fragment)


@app.post("/profiles/segment")
async def profiles_segment(request: Request, strict: bool = True, user: dict = Depends(auth)):
    filters = await request.json()
    return search.filter_profiles_strict(filters) if strict else search.filter_profiles(filters)


@app.get("/embed/{dashboard}", response_class=HTMLResponse)
def embed_dashboard(dashboard: str, token: str):
    claims = security.peek_embed_token(token)
    return f"<iframe src='/dash/{escape(dashboard)}?tenant={escape(claims.get('tenant', ''))}'></iframe>"  #@safe


@app.get("/share/empty", response_class=HTMLResponse)
def empty_share(title: str = "Report"):
    return HTMLResponse(f"<html><body><h3>{title}</h3><p>This report has no rows yet.</p></body></html>")  #@vuln CWE-79


@app.get("/chart/proxy")
async def chart_proxy(src: str, user: dict = Depends(auth)):
    async with httpx.AsyncClient(timeout=10) as client:
        upstream = await client.get(src)  #@vuln CWE-918
    return Response(upstream.content, media_type=upstream.headers.get("content-type", "image/png"))


@app.get("/chart/render")
def chart_render(src: str, user: dict = Depends(auth)):
    return Response(http_client.render_chart(src), media_type="image/png")


@app.post("/webhooks/test")
def webhook_test(body: WebhookIn, user: dict = Depends(auth)):
    return {"status": http_client.post_webhook(body.url, {"event": "report.test", "report": body.report})}


@app.get("/logos/preview")
def logo_preview(url: str, user: dict = Depends(auth)):
    return Response(http_client.fetch_logo(url), media_type="image/png")


@app.get("/sso/return")
def sso_return(return_to: str = "/"):
    return RedirectResponse(url=return_to, status_code=302)  #@vuln CWE-601


@app.get("/sso/continue")
def sso_continue(return_to: str = "/"):
    if not security.is_safe_redirect(return_to, "bi.example.com"):
        return_to = "/"
    return RedirectResponse(url=return_to, status_code=302)  #@safe
