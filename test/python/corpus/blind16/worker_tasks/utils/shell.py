import logging
import os
import shlex
import subprocess

log = logging.getLogger(__name__)


def convert_image(src: str, dst: str, size: str) -> None:
    log.debug("resizing %s -> %s (%s)", src, dst, size)
    os.system(f"convert {src} -resize {size} {dst}")  #@vuln CWE-78


def make_thumbnail(src: str, dst: str) -> None:
    subprocess.run(["convert", src, "-thumbnail", "200x200^", "-gravity", "center", dst], check=True)  #@safe


def archive_directory(path: str, out_file: str) -> None:
    cmd = f"tar czf {shlex.quote(out_file)} -C {shlex.quote(path)} ."
    subprocess.run(cmd, shell=True, check=True)  #@safe


def disk_usage(path: str) -> str:
    return os.popen("du -sh " + path).read().split()[0]  #@vuln CWE-78
