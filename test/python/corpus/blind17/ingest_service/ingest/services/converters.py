import os
import shlex
import subprocess

from ..settings import config


def convert_to_pdf(src_path: str, out_dir: str) -> int:
    cmd = f"{config.soffice_bin} --headless --convert-to pdf --outdir {out_dir} {src_path}"
    return subprocess.call(cmd, shell=True)  #@vuln CWE-78


def convert_to_csv(src_path: str, out_dir: str) -> None:
    subprocess.run(  #@safe
        [config.soffice_bin, "--headless", "--convert-to", "csv", "--outdir", out_dir, src_path],
        check=True,
        timeout=120,
    )


def detect_mime(path: str) -> str:
    return os.popen(f"file --brief --mime-type {path}").read().strip()  #@vuln CWE-78


def count_pages(pdf_path: str) -> int:
    out = subprocess.check_output(f"pdfinfo {shlex.quote(pdf_path)} | grep '^Pages:'", shell=True, text=True)  #@safe
    return int(out.split(":", 1)[1])
