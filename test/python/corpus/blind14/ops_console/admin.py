import os

import cherrypy
import yaml
from cherrypy.lib import auth_basic

from .conf import ADMIN_PASSWORD, ADMIN_USER


def _metrics() -> dict:
    load1, load5, load15 = os.getloadavg()
    return {"load1": load1, "load5": load5, "load15": load15}


class AdminRoot:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def run_rule(self, rule: str = "", **kwargs):
        ctx = dict(_metrics(), alert=False)
        exec(compile(rule, "<rule>", "exec"), {"__builtins__": {}}, ctx)  #@vuln CWE-95|CWE-94
        return {"alert": bool(ctx.get("alert")), "metrics": _metrics()}

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def import_config(self, upload):
        data = yaml.load(upload.file.read(), Loader=yaml.Loader)  #@vuln CWE-502
        return {"keys": sorted(data)}

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def validate_config(self, upload):
        data = yaml.safe_load(upload.file.read())  #@safe
        return {"valid": isinstance(data, dict), "keys": sorted(data or {})}


def run() -> None:
    conf = {
        "/": {
            "tools.auth_basic.on": True,
            "tools.auth_basic.realm": "ops-console",
            "tools.auth_basic.checkpassword": auth_basic.checkpassword_dict({ADMIN_USER: ADMIN_PASSWORD}),
        }
    }
    cherrypy.config.update({"server.socket_host": "0.0.0.0", "server.socket_port": 8443})
    cherrypy.quickstart(AdminRoot(), "/admin", conf)


if __name__ == "__main__":
    run()
