"""aiohttp application for the pixel, click-redirect and postback edge."""
from __future__ import annotations

import logging
import os
import traceback

import asyncpg
from aiohttp import ClientSession, ClientTimeout, web
from motor.motor_asyncio import AsyncIOMotorClient

from adpulse_tracker import handlers, segments


class TrackerConfig:
    HOST = os.environ.get("TRACKER_HOST", "0.0.0.0")
    PORT = int(os.environ.get("TRACKER_PORT", "8081"))
    DATABASE_DSN = os.environ.get("TRACKER_DSN", "postgresql://tracker@localhost:5432/adpulse")
    MONGO_URL = os.environ.get("MONGO_URL", "mongodb://localhost:27017")
    MONGO_DB = "adpulse"
    DEBUG = True  #@vuln CWE-489
    COOKIE_DOMAIN = ".adpulse.io"
    REDIRECT_HOSTS = frozenset({"adpulse.io", "www.adpulse.io", "app.adpulse.io", "go.adpulse.io"})


@web.middleware
async def error_middleware(request: web.Request, handler):
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        logging.getLogger("adpulse.tracker").exception("unhandled error on %s", request.path)
        if request.app["config"].DEBUG:
            return web.Response(status=500, text=traceback.format_exc())  #@vuln CWE-215
        return web.Response(status=500, text="internal error")


async def on_startup(app: web.Application) -> None:
    cfg = app["config"]
    app["db"] = await asyncpg.create_pool(cfg.DATABASE_DSN, min_size=2, max_size=20)
    app["http"] = ClientSession(timeout=ClientTimeout(total=5))
    app["mongo_client"] = AsyncIOMotorClient(cfg.MONGO_URL)
    app["mongo"] = app["mongo_client"][cfg.MONGO_DB]


async def on_cleanup(app: web.Application) -> None:
    await app["http"].close()
    await app["db"].close()
    app["mongo_client"].close()


def create_app(config: type[TrackerConfig] = TrackerConfig) -> web.Application:
    app = web.Application(middlewares=[error_middleware], client_max_size=256 * 1024)
    app["config"] = config
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)

    app.router.add_get("/p.gif", handlers.pixel)
    app.router.add_get("/c/{click_id}", handlers.click)
    app.router.add_get("/go", handlers.go)
    app.router.add_get("/optout", handlers.opt_out)
    app.router.add_get("/unavailable", handlers.campaign_unavailable)
    app.router.add_post("/postback/{partner}", handlers.postback)
    app.router.add_get("/probe", handlers.creative_probe)
    app.router.add_post("/attribute", handlers.attribute)

    app.router.add_get("/segments/{advertiser_id}/{segment_id}", segments.segment_by_id)
    app.router.add_get("/segments/by-name", segments.segment_by_name)
    app.router.add_post("/segments/members", segments.segment_members)
    app.router.add_get("/me/segments", segments.membership)
    return app


if __name__ == "__main__":
    logging.basicConfig(level=logging.DEBUG if TrackerConfig.DEBUG else logging.INFO)
    web.run_app(create_app(), host=TrackerConfig.HOST, port=TrackerConfig.PORT, access_log_format='%a "%r" %s %b %Tf')
