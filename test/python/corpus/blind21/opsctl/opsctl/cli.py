"""opsctl - Orderly operations toolbox.

    $ opsctl backup create /srv/orders/var --name nightly
    $ opsctl remote restart app-1.internal orders-api
    $ opsctl grep-logs "timeout|refused" --service orders-worker
"""
import base64
import json
import os
import subprocess
from pathlib import Path

import typer
from Crypto.Cipher import AES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad

from opsctl import backup, remote

app = typer.Typer(help="Orderly ops toolbox", no_args_is_help=True)
app.add_typer(backup.app, name="backup")
app.add_typer(remote.app, name="remote")


@app.command("grep-logs")
def grep_logs(pattern: str, service: str = "orders-api", since: str = "1h"):
    """Search the local journal of a service."""
    cmd = f"journalctl -u {service} --since '-{since}' --no-pager | grep -E '{pattern}'"
    try:
        out = subprocess.check_output(cmd, shell=True, text=True)  #@vuln CWE-78
    except subprocess.CalledProcessError:
        typer.echo("no matches")
        raise typer.Exit(1)
    typer.echo(out)


@app.command("disk-usage")
def disk_usage(path: Path = typer.Argument(Path("/var/lib/orderly"))):
    out = subprocess.check_output(["du", "-sh", "--", str(path)], text=True)  #@safe
    typer.echo(out.strip())


@app.command("instances")
def instances(where: str = typer.Option("True", help="python expression over `i`, e.g. i['State']=='running'"), as_json: bool = False):
    """List EC2 instances, optionally filtered."""
    matched = []
    for inst in backup.list_instances():
        if eval(where, {}, {"i": inst}):  #@vuln CWE-95
            matched.append(inst)
    if as_json:
        typer.echo(json.dumps(matched, indent=2, default=str))
        return
    for inst in matched:
        typer.echo(f"{inst['InstanceId']:22} {inst['State']:10} {inst.get('Name', '-')}")


def _load_key(key_file: Path) -> bytes:
    key = key_file.read_bytes().strip()
    if len(key) not in (16, 24, 32):
        raise typer.BadParameter("key must be 16/24/32 bytes")
    return key


@app.command("seal")
def seal(value: str, key_file: Path = typer.Option(Path(os.path.expanduser("~/.orderly/seal.key")))):
    """Encrypt a config value for the legacy settings table (read by the PHP shop)."""
    cipher = AES.new(_load_key(key_file), AES.MODE_ECB)  #@vuln CWE-327
    typer.echo(base64.b64encode(cipher.encrypt(pad(value.encode(), AES.block_size))).decode())


@app.command("seal-v2")
def seal_v2(value: str, key_file: Path = typer.Option(Path(os.path.expanduser("~/.orderly/seal.key")))):
    """Encrypt a config value for the new settings service."""
    nonce = get_random_bytes(12)
    cipher = AES.new(_load_key(key_file), AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(value.encode())
    typer.echo(base64.b64encode(nonce + tag + ciphertext).decode())


if __name__ == "__main__":
    app()
