"""Notification service: tenant templates, subscriptions and webhook fan-out."""
import logging
import os

import aiohttp
from aiohttp import web
from motor.motor_asyncio import AsyncIOMotorClient

from common.config import MONGO_DB, MONGO_URL
from notify_svc import handlers

log = logging.getLogger("notify")


async def on_startup(app):
    app["mongo"] = AsyncIOMotorClient(MONGO_URL)
    app["db"] = app["mongo"][MONGO_DB]
    app["http"] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))
    app["partner_http"] = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False))  #@vuln CWE-295


async def on_cleanup(app):
    await app["http"].close()
    await app["partner_http"].close()
    app["mongo"].close()


def make_app():
    app = web.Application(client_max_size=5 * 1024 * 1024)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    app.add_routes(
        [
            web.post("/login", handlers.login),
            web.get("/logout", handlers.logout),
            web.get("/subscriptions", handlers.list_subscriptions),
            web.get("/subscriptions/search", handlers.search_subscriptions),
            web.get("/subscriptions/{sub_id}", handlers.get_subscription),
            web.post("/subscriptions", handlers.create_subscription),
            web.get("/unsubscribe", handlers.unsubscribe),
            web.post("/templates/preview", handlers.preview_template),
            web.post("/templates/preview-safe", handlers.preview_template_safe),
            web.get("/messages/{msg_id}", handlers.show_message),
            web.post("/webhooks/test", handlers.test_webhook),
            web.post("/webhooks/partner", handlers.push_partner),
            web.post("/internal/jobs", handlers.enqueue_job),
            web.post("/hooks/run", handlers.run_hook),
            web.get("/logs", handlers.download_log),
            web.get("/archive/{name}", handlers.download_archive),
        ]
    )
    return app


if __name__ == "__main__":
    web.run_app(make_app(), host="0.0.0.0", port=int(os.environ.get("PORT", "8090")))
