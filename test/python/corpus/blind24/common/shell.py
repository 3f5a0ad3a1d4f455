"""Thin wrappers around subprocess used by media + ops tooling."""
import logging
import os
import shlex
import subprocess

log = logging.getLogger(__name__)

IMAGEMAGICK = os.environ.get("IMAGEMAGICK_BIN", "/usr/bin/convert")


def run_shell(cmd, timeout=300):
    log.info("exec: %s", cmd)
    return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=timeout)  #@vuln CWE-78


def run_argv(argv, timeout=300):
    log.info("exec: %s", argv)
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)  #@safe


def make_thumbnail(src, dst, size):
    cmd = "%s %s -thumbnail %s -strip %s" % (IMAGEMAGICK, src, size, dst)
    rc = os.system(cmd)  #@vuln CWE-78
    if rc != 0:
        raise RuntimeError("thumbnail failed (%s)" % rc)
    return dst


def pdf_page_count(path):
    out = subprocess.check_output("pdfinfo " + shlex.quote(path) + " | grep Pages", shell=True, text=True)  #@safe
    return int(out.split(":")[1].strip())


def compress(path):
    return run_shell("gzip -9 -f %s" % path)
