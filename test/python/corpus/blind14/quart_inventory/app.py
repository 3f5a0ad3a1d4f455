import os

from arq import create_pool
from arq.connections import RedisSettings
from markupsafe import escape
from quart import Quart, Response, abort, jsonify, redirect, request, send_file

from .db import ItemRepository, get_pool
from .settings import settings
from .webhooks import deliver_webhook, fetch_supplier_feed, new_webhook_secret

app = Quart(__name__)


@app.before_serving
async def startup() -> None:
    app.repo = ItemRepository(await get_pool())
    app.arq = await create_pool(RedisSettings(host=settings.redis_host))


@app.get("/items/search")
async def search_items():
    term = request.args.get("q", "")
    sort = request.args.get("sort", "name")
    rows = await app.repo.search(term, sort)
    return jsonify([dict(r) for r in rows])


@app.get("/items")
async def list_items():
    sort = request.args.get("sort", "name")
    offset = request.args.get("offset", 0, type=int)
    rows = await app.repo.page(sort, offset)
    return jsonify([dict(r) for r in rows])


@app.get("/items/label")
async def item_label():
    sku = request.args.get("sku", "")
    name = request.args.get("name", "")
    html = f"<div class='label'><h2>{name}</h2><code>{sku}</code></div>"
    return Response(html, mimetype="text/html")  #@vuln CWE-79


@app.get("/items/preview")
async def item_preview():
    name = request.args.get("name", "")
    return Response(f"<h2>{escape(name)}</h2>", mimetype="text/html")  #@safe


@app.post("/items/<sku>/adjust")
async def adjust(sku: str):
    data = await request.get_json()
    await app.repo.adjust_stock(sku, int(data["delta"]), data.get("reason", "manual"))
    return jsonify(ok=True)


@app.post("/suppliers/import")
async def import_feed():
    body = await request.get_json()
    content = await fetch_supplier_feed(body["feed_url"])
    await app.arq.enqueue_job("import_feed_csv", content.decode("utf-8", errors="replace"))
    return jsonify(queued=True, size=len(content)), 202


@app.post("/snapshots/restore")
async def restore():
    blob = await request.get_data()
    job = await app.arq.enqueue_job("restore_snapshot", blob)
    return jsonify(job_id=job.job_id), 202


@app.post("/webhooks/test")
async def test_webhook():
    body = await request.get_json()
    secret = new_webhook_secret()
    status = await deliver_webhook(body["target"], secret, {"event": "test"})
    return jsonify(status=status, secret=secret)


@app.get("/exports/<path:name>")
async def download_export(name: str):
    return await send_file(os.path.join(settings.export_dir, name))  #@vuln CWE-22


@app.get("/reports/<name>")
async def download_report(name: str):
    root = os.path.realpath(settings.report_dir)
    full = os.path.realpath(os.path.join(root, os.path.basename(name)))
    if os.path.commonpath([full, root]) != root or not os.path.isfile(full):
        abort(404)
    return await send_file(full, as_attachment=True)  #@safe


@app.get("/continue")
async def continue_to():
    return redirect(request.args.get("next", "/"))  #@vuln CWE-601


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8080, debug=False)  #@safe
