"""ffmpeg / ImageMagick wrappers used by the upload pipeline."""
import json
import logging
import os
import shlex
import subprocess
from typing import Optional

log = logging.getLogger(__name__)

AUDIO_PRESETS = {
    "podcast-64": ["-ac", "1", "-b:a", "64k"],
    "podcast-128": ["-ac", "2", "-b:a", "128k"],
    "music-256": ["-ac", "2", "-b:a", "256k"],
}
VIDEO_PRESETS = {
    "720p": ["-vf", "scale=-2:720", "-c:v", "libx264", "-crf", "23"],
    "1080p": ["-vf", "scale=-2:1080", "-c:v", "libx264", "-crf", "21"],
}


class TranscodeError(RuntimeError):
    pass


def probe(path: str) -> dict:
    output = subprocess.check_output(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
        timeout=60,
    )
    return json.loads(output)


def transcode_audio(src: str, dst: str, preset: str) -> None:
    if preset not in AUDIO_PRESETS:
        raise TranscodeError(f"unknown preset {preset}")
    cmd = ["ffmpeg", "-y", "-i", src, *AUDIO_PRESETS[preset], "-c:a", "libmp3lame", dst]
    result = subprocess.run(cmd, capture_output=True, timeout=3600)  #@safe
    if result.returncode != 0:
        raise TranscodeError(result.stderr.decode(errors="replace")[-2000:])


def transcode_video(src: str, dst: str, preset: str, audio_filter: Optional[str] = None) -> None:
    args = " ".join(VIDEO_PRESETS.get(preset, VIDEO_PRESETS["720p"]))
    cmd = f"ffmpeg -y -i {src} {args}"
    if audio_filter:
        cmd += f' -af "{audio_filter}"'
    cmd += f" {dst}"
    log.info("running %s", cmd)
    completed = subprocess.run(cmd, shell=True, capture_output=True, timeout=7200)  #@vuln CWE-78
    if completed.returncode != 0:
        raise TranscodeError(completed.stderr.decode(errors="replace")[-2000:])


def clip(src: str, dst: str, start: str, duration: str) -> None:
    cmd = "ffmpeg -y -ss %s -t %s -i %s -c copy %s" % (
        shlex.quote(start),
        shlex.quote(duration),
        shlex.quote(src),
        shlex.quote(dst),
    )
    subprocess.run(cmd, shell=True, check=True, timeout=600)  #@safe


def render_waveform(src: str, dst: str, colour: str, width: int = 1200) -> None:
    filter_graph = "showwavespic=s=%dx240:colors=%s" % (width, colour)
    proc = subprocess.Popen(  #@vuln CWE-78
        "ffmpeg -y -i '" + src + "' -filter_complex " + filter_graph + " -frames:v 1 " + dst,
        shell=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, err = proc.communicate(timeout=300)
    if proc.returncode != 0:
        raise TranscodeError(err.decode(errors="replace"))


def resize_artwork(src: str, dst: str, geometry: str) -> None:
    os.system("convert %s -resize %s -strip -quality 88 %s" % (src, geometry, dst))  #@vuln CWE-78


def artwork_variants(src: str, out_dir: str) -> list:
    produced = []
    for size in (3000, 1400, 600, 300):
        target = os.path.join(out_dir, f"cover_{size}.jpg")
        subprocess.run(
            ["convert", src, "-resize", f"{size}x{size}^", "-gravity", "center",
             "-extent", f"{size}x{size}", target],
            check=True,
            timeout=120,
        )
        produced.append(target)
    return produced
