import os
import shlex
import subprocess

from redis import Redis
from rq import Queue

redis_conn = Redis.from_url(os.environ.get("DOCVAULT_REDIS", "redis://localhost:6379/0"))
queue = Queue("docvault", connection=redis_conn, default_timeout=300)


def make_thumbnail(src_path, size):
    out = src_path + ".thumb.png"
    subprocess.run(f"convert '{src_path}[0]' -thumbnail {size} '{out}'", shell=True, check=True)  #@vuln CWE-78
    return out


def make_preview(src_path, pages):
    prefix = src_path + ".preview"
    subprocess.run(["pdftoppm", "-png", "-f", "1", "-l", str(int(pages)), src_path, prefix], check=True)  #@safe
    return prefix


def ocr_text(src_path, lang):
    cmd = f"tesseract {shlex.quote(src_path)} stdout -l {shlex.quote(lang)}"
    return subprocess.run(cmd, shell=True, capture_output=True, text=True, check=True).stdout  #@safe


def enqueue_thumbnail(src_path, size):
    return queue.enqueue(make_thumbnail, src_path, size, job_timeout=120)
