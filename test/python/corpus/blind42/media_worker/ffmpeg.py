"""ffmpeg/ffprobe wrappers used by the API and the queue worker."""
import json
import logging
import os
import shlex
import subprocess
import uuid

from common import settings

log = logging.getLogger(__name__)

FFMPEG = os.environ.get("FFMPEG_BIN", "/usr/bin/ffmpeg")
FFPROBE = os.environ.get("FFPROBE_BIN", "/usr/bin/ffprobe")
OUT_DIR = settings.MEDIA_WORK_DIR / "out"

PRESETS = {
    "480p": ["-vf", "scale=-2:480", "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-c:a", "aac", "-b:a", "96k"],
    "720p": ["-vf", "scale=-2:720", "-c:v", "libx264", "-preset", "fast", "-crf", "23", "-c:a", "aac", "-b:a", "128k"],
    "1080p": ["-vf", "scale=-2:1080", "-c:v", "libx264", "-preset", "medium", "-crf", "21", "-c:a", "aac", "-b:a", "160k"],
    "audio": ["-vn", "-c:a", "libmp3lame", "-q:a", "2"],
}


def _out(ext):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    return str(OUT_DIR / f"{uuid.uuid4().hex}.{ext}")


def transcode(src, job_id, preset, title=""):
    dst = str(OUT_DIR / f"{job_id}.mp4")
    meta = ["-metadata", f"title={title[:100]}"] if title else []
    subprocess.run([FFMPEG, "-hide_banner", "-y", "-i", src, *PRESETS[preset], *meta, dst], check=True, timeout=3600)  #@safe
    return dst


def probe(src):
    out = subprocess.check_output(f"{FFPROBE} -v error -print_format json -show_format -show_streams {shlex.quote(src)}", shell=True, timeout=60)  #@safe
    return json.loads(out)


def extract_frame(src, at):
    dst = _out("jpg")
    subprocess.run(f"{FFMPEG} -hide_banner -y -ss {at} -i {src} -frames:v 1 {dst}", shell=True, check=True, timeout=120)  #@vuln CWE-78
    return dst


def scale_video(src, width, height):
    dst = _out("mp4")
    rc = os.system(f"{FFMPEG} -hide_banner -y -i '{src}' -vf scale={width}:{height} -c:a copy '{dst}'")  #@vuln CWE-78
    if rc != 0:
        raise RuntimeError(f"ffmpeg exited with {rc}")
    return dst


def custom_encode(src, opts):
    """Power-user encode: opts is a dict of raw ffmpeg flags."""
    dst = _out(opts.pop("container", "mp4"))
    flags = " ".join(f"-{k} {v}" for k, v in opts.items())
    proc = subprocess.Popen(f"{FFMPEG} -hide_banner -y -i {src} {flags} {dst}", shell=True, stderr=subprocess.PIPE)  #@vuln CWE-78
    _, err = proc.communicate(timeout=3600)
    if proc.returncode != 0:
        log.error("custom encode failed: %s", err[-2000:])
        raise RuntimeError("encode failed")
    return dst


def frames_to_video(frames_dir, fps):
    dst = _out("mp4")
    pattern = os.path.join(frames_dir, "frame_%05d.png")
    subprocess.run([FFMPEG, "-hide_banner", "-y", "-framerate", str(int(fps)), "-i", pattern, "-c:v", "libx264", "-pix_fmt", "yuv420p", dst], check=True, timeout=1800)
    return dst
