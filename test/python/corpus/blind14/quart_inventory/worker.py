import csv
import io
import os
import pickle
import subprocess

from arq.connections import RedisSettings

from .db import ItemRepository, get_pool
from .settings import settings


async def import_feed_csv(ctx, raw_csv: str) -> int:
    reader = csv.DictReader(io.StringIO(raw_csv))
    rows = [row for row in reader if row.get("sku")]
    repo = ItemRepository(await get_pool())
    return await repo.bulk_upsert(rows)


async def restore_snapshot(ctx, blob: bytes) -> int:
    state = pickle.loads(blob)  #@vuln CWE-502
    repo = ItemRepository(await get_pool())
    return await repo.bulk_upsert(state["items"])


async def render_barcode(ctx, sku: str, fmt: str = "png") -> str:
    out = os.path.join(settings.label_dir, f"{sku}.{fmt}")
    subprocess.run(f"zint -b 20 -d '{sku}' -o {out}", shell=True, check=True)  #@vuln CWE-78
    return out


async def render_qr(ctx, sku: str) -> str:
    out = os.path.join(settings.label_dir, f"qr-{abs(hash(sku))}.png")
    subprocess.run(["zint", "-b", "58", "-d", sku, "-o", out], check=True)  #@safe
    return out


class WorkerSettings:
    functions = [import_feed_csv, restore_snapshot, render_barcode, render_qr]
    redis_settings = RedisSettings(host=settings.redis_host)
    max_jobs = 8
