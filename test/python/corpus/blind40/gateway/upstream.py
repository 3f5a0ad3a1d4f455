"""Forwarding to internal services."""
import logging
import os

import httpx
from fastapi import HTTPException, Request
from fastapi.responses import Response

log = logging.getLogger(__name__)

SERVICES = {
    "users": os.environ.get("USERS_SVC_URL", "https://users.svc.internal:8443"),
    "billing": os.environ.get("BILLING_SVC_URL", "https://billing.svc.internal:8443"),
    "audit": os.environ.get("AUDIT_SVC_URL", "https://audit.svc.internal:8443"),
}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length", "authorization", "cookie"}

# internal services use mesh certificates that the default bundle doesn't know about
_client = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0), verify=False)  #@vuln CWE-295
_callback_client = httpx.AsyncClient(timeout=5.0, follow_redirects=False)


async def forward(service: str, path: str, request: Request, principal) -> Response:
    base = SERVICES.get(service)
    if base is None:
        raise HTTPException(404, "unknown service")
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
    headers["x-acme-sub"] = principal.sub
    headers["x-acme-tenant"] = principal.tenant
    headers["x-acme-scopes"] = " ".join(sorted(principal.scopes))
    body = await request.body()
    upstream = await _client.request(request.method, f"{base}/{path.lstrip('/')}", params=request.query_params, content=body, headers=headers)  #@safe
    out_headers = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP_BY_HOP}
    return Response(content=upstream.content, status_code=upstream.status_code, headers=out_headers)


async def notify_callback(callback_url: str, event: dict) -> int:
    """Async job completion callback requested by the API client."""
    try:
        resp = await _callback_client.post(callback_url, json=event)  #@vuln CWE-918
    except httpx.HTTPError as exc:
        log.warning("callback %s failed: %s", callback_url, exc)
        return 0
    return resp.status_code
