"""Entry point for the ops console (Tornado)."""
import asyncio
import logging
import os

import tornado.web

from ops_console import handlers as h

logging.basicConfig(level=logging.INFO)


def make_app() -> tornado.web.Application:
    routes = [
        (r"/login", h.LoginHandler),
        (r"/users", h.UserLookupHandler),
        (r"/logs", h.LogHandler),
        (r"/logs/([a-z]+)/tail", h.LogTailHandler),
        (r"/net/ping", h.PingHandler),
        (r"/net/trace", h.TraceHandler),
        (r"/backup", h.BackupHandler),
        (r"/status/([a-z-]+)", h.StatusHandler),
        (r"/calc", h.EvalHandler),
        (r"/notify/preview", h.NotifyTemplateHandler),
        (r"/upstream/health", h.UpstreamHealthHandler),
        (r"/", h.DashboardHandler),
    ]
    return tornado.web.Application(
        routes,
        template_path=os.path.join(os.path.dirname(__file__), "templates"),
        cookie_secret="3f9c1e7a-ops-console-cookie-secret",  #@vuln CWE-798
        login_url="/login",
        xsrf_cookies=True,
        debug=True,  #@vuln CWE-489|CWE-215
        autoescape="xhtml_escape",
    )


async def main() -> None:
    app = make_app()
    app.listen(int(os.environ.get("OPS_PORT", "8900")), address="0.0.0.0")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
