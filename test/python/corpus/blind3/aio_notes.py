"""aiohttp notes service: storage on disk, sharing and webhooks."""
import os
import tempfile

import aiohttp
from aiohttp import web
import aiosqlite
import urllib3

NOTES_DIR = "/var/lib/notes"
routes = web.RouteTableDef()
pool = urllib3.PoolManager()


class NoteStore:
    def __init__(self, root):
        self.root = root

    def path_for(self, note_id):
        return os.path.join(self.root, note_id + ".md")

    def read(self, note_id):
        with open(self.path_for(note_id)) as fh:  #@vuln CWE-22
            return fh.read()

    def read_safe(self, note_id):
        name = os.path.basename(note_id)
        with open(os.path.join(self.root, name + ".md")) as fh:  #@safe
            return fh.read()


store = NoteStore(NOTES_DIR)


@routes.get("/notes/{note_id}")
async def get_note(request):
    note_id = request.match_info["note_id"]
    return web.Response(text=store.read(note_id))


@routes.get("/notes-safe/{note_id}")
async def get_note_safe(request):
    return web.Response(text=store.read_safe(request.match_info["note_id"]))


@routes.get("/notes/{note_id}/html")
async def note_html(request):
    title = request.query.get("title", "")
    return web.Response(text=f"<h1>{title}</h1>", content_type="text/html")  #@vuln CWE-79


@routes.get("/search")
async def search(request):
    term = request.query["q"]
    async with aiosqlite.connect("notes.db") as db:
        cur = await db.execute("SELECT id FROM notes WHERE body LIKE '%" + term + "%'")  #@vuln CWE-89
        return web.json_response(await cur.fetchall())


@routes.get("/search-safe")
async def search_safe(request):
    term = request.query["q"]
    async with aiosqlite.connect("notes.db") as db:
        cur = await db.execute("SELECT id FROM notes WHERE body LIKE ?", (f"%{term}%",))  #@safe
        return web.json_response(await cur.fetchall())


@routes.post("/share")
async def share(request):
    form = await request.post()
    target = form["webhook"]
    async with aiohttp.ClientSession() as session:
        await session.post(target, json={"shared": True})  #@vuln CWE-918
    return web.json_response({"ok": True})


@routes.post("/import")
async def import_url(request):
    data = await request.json()
    r = pool.request("GET", data["source"])  #@vuln CWE-918
    return web.Response(body=r.data)


def export_all():
    out = tempfile.mktemp(suffix=".zip", dir="/var/tmp")  #@vuln CWE-377
    return out


def export_all_safe():
    d = tempfile.mkdtemp()  #@safe
    return os.path.join(d, "notes.zip")


app = web.Application(debug=True)  #@vuln CWE-489|CWE-215
app.add_routes(routes)
