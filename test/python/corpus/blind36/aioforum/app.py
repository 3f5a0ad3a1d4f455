from aiohttp import web

import settings
from handlers import routes
from storage import Storage


async def on_startup(app):
    app["storage"] = Storage()
    await app["storage"].connect()


async def on_cleanup(app):
    await app["storage"].close()


def make_app():
    app = web.Application(client_max_size=4 * 1024 * 1024)
    app.add_routes(routes)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), host=settings.HOST, port=settings.PORT)
