"""Shipping label / manifest PDFs (ReportLab) and the dock printers (CUPS + raw ZPL)."""
import logging
import os
import socket
import subprocess
import tempfile
from datetime import date

from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from common import config

log = logging.getLogger(__name__)

LABEL_SIZE = (100 * mm, 150 * mm)


def render_label(booking: dict) -> str:
    out = tempfile.mktemp(prefix=f"label-{booking['reference']}-", suffix=".pdf", dir=config.LABEL_SPOOL_DIR)  #@vuln CWE-377
    c = canvas.Canvas(out, pagesize=LABEL_SIZE)
    width, height = LABEL_SIZE
    c.setFont("Helvetica-Bold", 14)
    c.drawString(6 * mm, height - 12 * mm, f"{booking['mode'].upper()}  {booking['reference']}")
    c.setFont("Helvetica", 10)
    text = c.beginText(6 * mm, height - 22 * mm)
    for line in (booking.get("consignee_name", ""), *booking["destination"].split(",")):
        text.textLine(line.strip())
    c.drawText(text)
    code128.Code128(booking["tracking_code"], barHeight=22 * mm, barWidth=0.45 * mm).drawOn(c, 6 * mm, 30 * mm)
    c.drawString(6 * mm, 24 * mm, booking["tracking_code"])
    c.drawString(6 * mm, 10 * mm, f"{booking['weight_kg']} kg   {date.today():%d.%m.%Y}")
    c.save()
    return out


def render_manifest(manifest: dict, shipments: list[dict]) -> str:
    fd, out = tempfile.mkstemp(prefix=f"manifest-{manifest['id']}-", suffix=".pdf")  #@safe
    os.close(fd)
    c = canvas.Canvas(out, pagesize=landscape(A4))
    width, height = landscape(A4)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(15 * mm, height - 20 * mm, f"Manifest {manifest['id']} - {manifest['carrier_code']} - {manifest['date']}")
    y = height - 35 * mm
    for s in shipments:
        if y < 20 * mm:
            c.showPage()
            y = height - 20 * mm
        c.setFont("Helvetica", 9)
        c.drawString(15 * mm, y, f"{s['reference']:<18} {s['carrier_code']:<8} {s['weight_kg']:>8.1f} kg")
        y -= 6 * mm
    c.drawString(15 * mm, 12 * mm, f"Total pieces: {len(shipments)}  Total weight: {sum(s['weight_kg'] for s in shipments):.1f} kg")
    c.save()
    return out


def print_label(pdf_path: str, printer: str, copies: int = 1) -> subprocess.CompletedProcess:
    cmd = f"lp -d {printer} -n {copies} -o media=Custom.100x150mm {pdf_path}"
    log.info("printing: %s", cmd)
    return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)  #@vuln CWE-78


def print_manifest(pdf_path: str, printer: str) -> None:
    if printer not in config.PRINTERS:
        raise ValueError(f"unknown printer {printer}")
    subprocess.run(["lp", "-d", printer, "-o", "landscape", "--", pdf_path], check=True, capture_output=True, timeout=30)  #@safe


def printer_status(printer: str) -> str:
    return os.popen("lpstat -l -p " + printer).read()  #@vuln CWE-78


def zpl_for(booking: dict) -> str:
    dest = booking["destination"].replace("^", " ").replace("~", " ")
    return (
        "^XA^CI28"
        f"^FO40,40^A0N,40,40^FD{booking['reference']}^FS"
        f"^FO40,100^A0N,28,28^FD{dest[:60]}^FS"
        f"^FO40,180^BY3^BCN,160,Y,N,N^FD{booking['tracking_code']}^FS"
        "^XZ"
    )


def send_zpl(host: str, zpl: str, port: int = 9100) -> None:
    with socket.create_connection((host, port), timeout=5) as conn:  #@vuln CWE-918
        conn.sendall(zpl.encode("utf-8"))


def send_zpl_to_dock(dock: str, zpl: str) -> None:
    host = config.PRINTERS[dock]
    with socket.create_connection((host, 9100), timeout=5) as conn:  #@safe
        conn.sendall(zpl.encode("utf-8"))
