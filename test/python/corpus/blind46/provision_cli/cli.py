"""hearth-provision: factory / installer CLI for flashing, enrolling and checking devices."""
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from common.config import get_settings, load_yaml
from common.crypto import encrypt_legacy_secret, generate_api_key, generate_device_secret, generate_pairing_code
from common.http import poll_device_status
from provision_cli.serial_shell import DeviceShell, gpio_export_legacy

DEFAULT_DEVICE_ADMIN = ("admin", "hearth-factory-01")  #@vuln CWE-798


@click.group()
@click.option("--db", default=None, help="inventory database (defaults to the hub's)")
@click.pass_context
def cli(ctx, db):
    ctx.obj = {"db": db or get_settings().sqlite_path}


@cli.command()
@click.argument("port")
@click.argument("image", type=click.Path(exists=True, dir_okay=False))
@click.option("--baud", default=921600, show_default=True)
@click.option("--offset", default="0x0", show_default=True)
def flash(port, image, baud, offset):
    """Flash IMAGE to the ESP module on PORT."""
    click.echo(f"flashing {image} -> {port} @ {baud}")
    subprocess.run(["esptool.py", "--port", port, "--baud", str(baud), "write_flash", offset, image], check=True)  #@safe


@cli.command("flash-batch")
@click.argument("manifest", type=click.File("r"))
def flash_batch(manifest):
    """Flash many boards from the CSV (port,image,offset) produced by the factory line."""
    failed = 0
    for row in csv.DictReader(manifest):
        rc = os.system(f"esptool.py --port {row['port']} write_flash {row['offset']} {row['image']}")  #@vuln CWE-78
        if rc != 0:
            failed += 1
            click.echo(f"FAILED {row['port']}", err=True)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("port")
@click.option("--device-id", required=True)
@click.option("--ssid", prompt=True)
@click.option("--psk", prompt=True, hide_input=True)
@click.pass_context
def enroll(ctx, port, device_id, ssid, psk):
    """Write Wi-Fi and cloud credentials over serial and register the device."""
    secret = generate_device_secret()
    pairing = generate_pairing_code()
    api_key = generate_api_key()
    shell = DeviceShell(port)
    for line in (f"wifi set {ssid} {psk}", f"secret set {secret}", "admin set %s %s" % DEFAULT_DEVICE_ADMIN):
        shell.command(line)
    shell.close()
    conn = sqlite3.connect(ctx.obj["db"])
    with conn:
        conn.execute(
            "INSERT INTO devices (id, name, room, firmware, api_key, pairing_code, legacy_secret) VALUES (?, ?, '', 'factory', ?, ?, ?)",
            (device_id, device_id, api_key, pairing, encrypt_legacy_secret(secret)),
        )
    click.echo(f"enrolled {device_id}; pairing code {pairing}")


@cli.command("list")
@click.option("--room")
@click.option("--firmware", help="only devices on this firmware version")
@click.pass_context
def list_devices(ctx, room, firmware):
    conn = sqlite3.connect(ctx.obj["db"])
    query = "SELECT id, name, room, firmware FROM devices"
    clauses = []
    if room:
        clauses.append(f"room = '{room}'")
    if firmware:
        clauses.append(f"firmware = '{firmware}'")
    if clauses:
        query += " WHERE " + " AND ".join(clauses)
    for row in conn.execute(query):  #@vuln CWE-89
        click.echo("\t".join(str(c) for c in row))


@cli.command()
@click.argument("device_ip")
@click.option("--filter", "expr", default=None, help="python expression over the status dict s, e.g. \"s['rssi'] < -70\"")
def status(device_ip, expr):
    """Poll a device on the LAN; exit 1 when --filter is false."""
    s = poll_device_status(device_ip)
    if expr and not eval(expr, {"s": s}):  #@vuln CWE-95
        sys.exit(1)
    click.echo(json.dumps(s, indent=2))


@cli.command("build-image")
@click.argument("device_id")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False))
def build_image(device_id, config_path):
    """Pack a SPIFFS image containing the device's config.json."""
    workdir = tempfile.mkdtemp(prefix="hearth-img-")  #@safe
    cfg = load_yaml(config_path) if config_path else {}
    (Path(workdir) / "config.json").write_text(json.dumps(cfg))
    out = Path.cwd() / f"{Path(device_id).name}.spiffs"
    subprocess.run(["mkspiffs", "-c", workdir, "-b", "4096", "-p", "256", "-s", "0x100000", str(out)], check=True)
    click.echo(f"wrote {out}")


@cli.command("gpio-legacy")
@click.argument("pin")
@click.option("--direction", default="out", show_default=True)
def gpio_legacy(pin, direction):
    """Export a pin through sysfs on the old Pi gateways."""
    gpio_export_legacy(pin, direction)


@cli.command()
@click.argument("port")
def console(port):
    """Serve file and diagnostic requests from a device on PORT."""
    DeviceShell(port).serve()


if __name__ == "__main__":
    cli()
