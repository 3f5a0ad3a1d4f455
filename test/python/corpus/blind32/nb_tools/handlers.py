"""Server-side handlers for the dataset browser (shared platform DB + data dir)."""
import json
import os

import tornado
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.utils import url_path_join
from tornado.escape import xhtml_escape
from tornado.httpclient import AsyncHTTPClient

from common import config, db

NAMESPACE = "nb-tools"


class DatasetListHandler(APIHandler):
    @tornado.web.authenticated
    def get(self):
        tag = self.get_argument("tag", None)
        owner = self.get_argument("owner", "")
        conn = db.connect()
        if tag:
            rows = conn.execute("SELECT id, name, path, tag, owner FROM datasets WHERE tag = ? ORDER BY name", (tag,)).fetchall()  #@safe
        else:
            rows = conn.execute("SELECT id, name, path, tag, owner FROM datasets WHERE owner LIKE '%s%%' ORDER BY name" % owner).fetchall()  #@vuln CWE-89
        conn.close()
        self.finish(json.dumps([dict(r) for r in rows]))


class DatasetPreviewHandler(APIHandler):
    @tornado.web.authenticated
    def get(self):
        rel = self.get_argument("path")
        root = os.path.realpath(config.DATA_DIR)
        full = os.path.realpath(os.path.join(root, rel))
        if not full.startswith(root + os.sep):
            raise tornado.web.HTTPError(403, "path outside the data directory")
        if not os.path.isfile(full):
            raise tornado.web.HTTPError(404)
        with open(full, errors="replace") as fh:  #@safe
            head = [next(fh, "").rstrip("\n") for _ in range(20)]
        self.finish(json.dumps({"path": rel, "head": head}))


class DatasetCardHandler(JupyterHandler):
    """HTML card rendered inside an iframe in the sidebar."""

    @tornado.web.authenticated
    def get(self):
        name = self.get_argument("name", "")
        conn = db.connect()
        row = conn.execute("SELECT name, owner, description, updated_at FROM datasets WHERE name = ?", (name,)).fetchone()
        conn.close()
        if row is None:
            self.set_status(404)
            self.write(f"<p class='empty'>No dataset called <code>{name}</code> yet.</p>")  #@vuln CWE-79
            return
        self.write(f"<h3>{xhtml_escape(row['name'])}</h3><p class='owner'>{xhtml_escape(row['owner'])}</p>")  #@safe
        self.write(f"<div class='description'>{row['description']}</div>")  #@vuln CWE-79
        self.write(f"<small>updated {row['updated_at']}</small>")


class SchemaProbeHandler(APIHandler):
    """Ask a data-catalogue endpoint for the schema of a dataset."""

    @tornado.web.authenticated
    async def get(self):
        endpoint = self.get_argument("endpoint")
        resp = await AsyncHTTPClient().fetch(endpoint.rstrip("/") + "/schema.json", request_timeout=15)  #@vuln CWE-918
        self.set_header("Content-Type", "application/json")
        self.finish(resp.body)


class OpenDatasetHandler(JupyterHandler):
    """Deep link from the KPI board: records the open and sends the user on to lab."""

    @tornado.web.authenticated
    def get(self):
        dataset = self.get_argument("dataset", "")
        with db.cursor() as cur:
            cur.execute("INSERT INTO dataset_opens (dataset, opened_at) VALUES (?, datetime('now'))", (dataset,))
        self.redirect(self.get_argument("next", url_path_join(self.base_url, "lab")))  #@vuln CWE-601


def setup_handlers(web_app):
    base_url = web_app.settings["base_url"]
    route = lambda path: url_path_join(base_url, NAMESPACE, path)  # noqa: E731
    web_app.add_handlers(".*$", [
        (route("datasets"), DatasetListHandler),
        (route("datasets/preview"), DatasetPreviewHandler),
        (route("datasets/card"), DatasetCardHandler),
        (route("schema"), SchemaProbeHandler),
        (route("open"), OpenDatasetHandler),
    ])
