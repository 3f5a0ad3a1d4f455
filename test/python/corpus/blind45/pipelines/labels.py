"""Sample label printing on Zebra printers (CUPS raw queues or port 9100)."""
import logging
import os
import socket
import subprocess
import tempfile

from common import config

log = logging.getLogger(__name__)

ZPL_TEMPLATE = """^XA
^CI28
^CF0,30
^FO30,30^FD{sample_id}^FS
^FO30,70^BCN,80,Y,N,N^FD{sample_id}^FS
^FO30,190^A0N,24,24^FD{extra}^FS
^PQ{copies}
^XZ
"""


def _zpl_text(value, limit=40):
    # ^ and ~ start ZPL commands; strip them from free text
    return str(value).replace("^", " ").replace("~", " ")[:limit]


def render_zpl(sample_id, copies=1, extra=""):
    return ZPL_TEMPLATE.format(sample_id=_zpl_text(sample_id, 24), copies=max(1, min(int(copies), 50)), extra=_zpl_text(extra))


def _spool(zpl):
    fd, path = tempfile.mkstemp(suffix=".zpl", prefix="label_")
    with os.fdopen(fd, "w") as fh:
        fh.write(zpl)
    return path


def print_sample_label(sample_id, printer_key, copies=1, extra_text=""):
    queue = config.LABEL_PRINTERS.get(printer_key)
    if queue is None:
        raise ValueError(f"unknown printer {printer_key}")
    path = _spool(render_zpl(sample_id, copies, extra_text))
    subprocess.run(["lpr", "-P", queue, "-o", "raw", path], check=True, timeout=30)  #@safe
    return os.path.basename(path)


def print_batch_labels(batch_name, printer, sample_ids):
    # reception desk page: printer is the CUPS queue name typed into the form
    path = _spool("".join(render_zpl(sid, 1, batch_name) for sid in sample_ids))
    rc = subprocess.call(f"lpr -P {printer} -o raw -T '{batch_name}' {path}", shell=True)  #@vuln CWE-78
    if rc != 0:
        log.error("lpr failed for batch %s (rc=%s)", batch_name, rc)
    return rc


def printer_status(printer_key):
    queue = config.LABEL_PRINTERS[printer_key]
    return subprocess.check_output(f"lpstat -p {queue}", shell=True, text=True, timeout=10)  #@safe


def barcode_png(sample_id, out_dir):
    out = os.path.join(out_dir, "barcode.png")
    subprocess.run(f"zint -b 20 --height=40 -o {out} -d '{sample_id}'", shell=True, check=True)  #@vuln CWE-78
    return out


def send_raw_zpl(host, zpl, port=9100):
    with socket.create_connection((host, port), timeout=5) as sock:  #@vuln CWE-918
        sock.sendall(zpl.encode("utf-8"))
    log.info("sent %d bytes of ZPL to %s:%s", len(zpl), host, port)
