"""Media pipeline: Cloud Functions (gen2) entry points, deployed with functions_framework.

  gcloud functions deploy image-proxy --entry-point=image_proxy --trigger-http ...
  gcloud functions deploy on-upload   --entry-point=on_upload --trigger-bucket=acme-media-uploads ...
  gcloud functions deploy on-job      --entry-point=on_job    --trigger-topic=media-jobs ...
"""
import base64
import hashlib
import json
import logging
import os
import subprocess
import time
from urllib.parse import urlparse

import functions_framework
import jsonpickle
import requests
from flask import abort, jsonify, make_response, redirect, send_file
from markupsafe import escape

from lib import catalog, storage_ops
from shared_lib import crypto

IMAGE_HOSTS = {"images.acme-cdn.example", "storage.googleapis.com"}
SHARE_BASE = "https://media.acme.example"
FFMPEG = os.environ.get("FFMPEG_BIN", "/workspace/bin/ffmpeg")
FFPROBE = os.environ.get("FFPROBE_BIN", "/workspace/bin/ffprobe")
SUBTITLE_DIR = os.path.join(os.path.dirname(__file__), "subtitles")


@functions_framework.http
def image_proxy(request):
    """Used by the partner portal to show remote poster images without mixed-content warnings."""
    src = request.args.get("src", "")
    resp = requests.get(src, timeout=10)  #@vuln CWE-918
    return make_response(resp.content, resp.status_code, {"Content-Type": resp.headers.get("Content-Type", "image/jpeg")})


@functions_framework.http
def cdn_image(request):
    src = request.args.get("src", "")
    parsed = urlparse(src)
    if parsed.scheme != "https" or parsed.hostname not in IMAGE_HOSTS:
        abort(400)
    resp = requests.get(src, timeout=10, allow_redirects=False)  #@safe
    return make_response(resp.content, resp.status_code, {"Content-Type": "image/jpeg", "Cache-Control": "public, max-age=3600"})


@functions_framework.http
def search(request):
    term = request.args.get("q", "")
    rows = catalog.search_assets(term, request.args.get("sort", "title"), request.args.get("limit", 25))
    return jsonify(rows)


@functions_framework.http
def asset_stats(request):
    asset_id = request.args.get("asset", "")
    return jsonify({"asset": asset_id, "views": catalog.views_for_asset(asset_id, request.args.get("days", 30))})


@functions_framework.http
def my_assets(request):
    owner = request.headers.get("X-Goog-Authenticated-User-Email", "").split(":")[-1]
    return jsonify(catalog.assets_by_owner(owner))


def _share_signature(asset_id, expires):
    secret = storage_ops.get_secret("share-link-secret")
    return hashlib.sha1(f"{secret}{asset_id}{expires}".encode("utf-8")).hexdigest()  #@vuln CWE-328|CWE-327


@functions_framework.http
def share(request):
    asset_id = request.args.get("asset", "")
    expires = int(time.time()) + 7 * 86400
    link = f"{SHARE_BASE}/a/{asset_id}?exp={expires}&sig={_share_signature(asset_id, expires)}"
    target = request.args.get("return_to") or link
    return redirect(target)  #@vuln CWE-601


@functions_framework.http
def open_asset(request):
    next_path = request.args.get("next", "/")
    if not next_path.startswith("/") or next_path.startswith("//") or "\\" in next_path:
        next_path = "/"
    return redirect(SHARE_BASE + next_path)  #@safe


@functions_framework.http
def caption_preview(request):
    asset = catalog.get_asset(request.args.get("asset", "")) or {}
    caption = request.args.get("caption", "")
    page = f"<figure><img src='{escape(asset.get('thumb_url', ''))}'><figcaption>{caption}</figcaption></figure>"
    return make_response(page, 200, {"Content-Type": "text/html; charset=utf-8"})  #@vuln CWE-79


@functions_framework.http
def embed(request):
    asset = catalog.get_asset(request.args.get("asset", "")) or {}
    title = request.args.get("title") or asset.get("title", "")
    return make_response(f"<div class='acme-embed'><h3>{escape(title)}</h3></div>", 200, {"Content-Type": "text/html; charset=utf-8"})  #@safe


@functions_framework.http
def subtitles(request):
    lang = request.args.get("lang", "en")
    return send_file(os.path.join(SUBTITLE_DIR, f"{lang}.vtt"), mimetype="text/vtt")  #@vuln CWE-22


@functions_framework.cloud_event
def on_upload(cloud_event):
    data = cloud_event.data
    bucket, name = data["bucket"], data["name"]
    if not name.startswith("uploads/"):
        return
    local = storage_ops.download_to_tmp(bucket, name)
    probe = subprocess.run([FFPROBE, "-v", "error", "-show_format", "-of", "json", local], capture_output=True, text=True, timeout=60)  #@safe
    fmt = json.loads(probe.stdout or "{}").get("format", {})
    out_name = os.path.splitext(os.path.basename(name))[0] + "_720p.mp4"
    out_path = os.path.join(storage_ops.WORK_DIR, out_name)
    cmd = f"{FFMPEG} -y -i '{local}' -vf scale=-2:720 -c:v libx264 -preset veryfast {out_path}"
    subprocess.run(cmd, shell=True, check=True, timeout=520)  #@vuln CWE-78
    uri = storage_ops.upload_rendition(out_path, f"720p/{out_name}")
    catalog.save_asset(crypto.etag_for(name.encode()), {"source": f"gs://{bucket}/{name}", "rendition_720p": uri, "duration_s": float(fmt.get("duration", 0))})


@functions_framework.cloud_event
def on_job(cloud_event):
    """Jobs published by the partner ingest service to the media-jobs topic."""
    raw = base64.b64decode(cloud_event.data["message"]["data"]).decode("utf-8")
    job = jsonpickle.decode(raw)  #@vuln CWE-502
    width = eval(str(job.get("width", "1280")))  #@vuln CWE-95
    asset = catalog.get_asset(job["asset_id"])
    if not asset:
        logging.warning("unknown asset %s", job.get("asset_id"))
        return
    local = storage_ops.download_export(asset["bucket"], asset["object"])
    out_path = os.path.join(storage_ops.WORK_DIR, f"{job['asset_id']}_{int(width)}.mp4")
    subprocess.run([FFMPEG, "-y", "-i", local, "-vf", f"scale={int(width)}:-2", out_path], check=True, timeout=520)
    storage_ops.upload_rendition(out_path, os.path.basename(out_path))
