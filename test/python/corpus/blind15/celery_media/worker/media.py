import os
import re
import shlex
import subprocess
import tempfile
from pathlib import Path

OUTPUT_ROOT = Path("/var/media/out")
SIZE_RE = re.compile(r"^\d{1,4}x\d{1,4}$")


def transcode(src: Path, preset: str, extra_args: str) -> Path:
    out = OUTPUT_ROOT / f"{src.stem}-{preset}.mp4"
    cmd = f"ffmpeg -y -i {src} -vf scale=-2:{preset.rstrip('p')} {extra_args} {out}"
    if os.system(cmd) != 0:  #@vuln CWE-78
        raise RuntimeError(f"ffmpeg failed for {src}")
    return out


def probe(src: Path, fields: str) -> str:
    return subprocess.check_output(f"ffprobe -v error -show_entries format={fields} {src}", shell=True, text=True)  #@vuln CWE-78


def thumbnail(src: Path, size: str) -> Path:
    if not SIZE_RE.match(size):
        raise ValueError(f"bad size {size!r}")
    out = OUTPUT_ROOT / f"{src.stem}-{size}.jpg"
    subprocess.run(["convert", str(src), "-thumbnail", size, str(out)], check=True)  #@safe
    return out


def waveform(src: Path, color: str) -> bytes:
    cmd = f"audiowaveform -i {shlex.quote(str(src))} --waveform-color {shlex.quote(color)} -o -"
    return subprocess.check_output(cmd, shell=True)  #@safe


def scratch_file(suffix: str) -> Path:
    return Path(tempfile.mktemp(suffix=suffix, prefix="media-"))  #@vuln CWE-377


def scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="media-"))  #@safe


def acquire_lock(job_id: str) -> None:
    with open(f"/tmp/media-job-{job_id}.lock", "w") as fh:  #@vuln CWE-377
        fh.write(str(os.getpid()))
