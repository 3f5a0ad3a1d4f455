"""SSH/SFTP maintenance of the LoRaWAN field gateways installed on farms."""
import logging
import os
import shlex
import stat

import paramiko

from agrocore import db
from agrocore.config import GatewayConfig
from agrocore.paths import ensure_dir
from fieldjobs.celery_app import app

log = logging.getLogger(__name__)
REMOTE_LOG_DIR = "/var/log/agri"
ALLOWED_CHECKS = {"radio", "uplink", "disk", "gps", "battery"}


def connect(hostname, port=22):
    client = paramiko.SSHClient()
    client.load_host_keys(GatewayConfig.known_hosts)
    client.set_missing_host_key_policy(paramiko.RejectPolicy())  #@safe
    client.connect(hostname, port=port, username=GatewayConfig.username, key_filename=GatewayConfig.key_path, timeout=20)
    return client


def connect_for_provisioning(hostname, port=22):
    """First contact with a freshly installed gateway."""
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  #@vuln CWE-295
    client.connect(hostname, port=port, username=GatewayConfig.username, key_filename=GatewayConfig.key_path, timeout=20)
    return client


@app.task
def provision_gateway(gateway_id):
    gw = db.get_gateway(gateway_id)
    client = connect_for_provisioning(gw["hostname"], gw["port"])
    try:
        _, stdout, _ = client.exec_command("cat /etc/agri/serial")
        serial = stdout.read().decode().strip()
        log.info("gateway %s reports serial %s", gateway_id, serial)
        return serial == gw["serial"]
    finally:
        client.close()


@app.task
def run_diagnostic(gateway_id, check, extra_args=""):
    gw = db.get_gateway(gateway_id)
    client = connect(gw["hostname"], gw["port"])
    try:
        _, stdout, stderr = client.exec_command(f"agri-diag --check {check} {extra_args}", timeout=60)  #@vuln CWE-78
        return {"stdout": stdout.read().decode(errors="replace"), "stderr": stderr.read().decode(errors="replace")}
    finally:
        client.close()


@app.task
def run_named_check(gateway_id, check):
    if check not in ALLOWED_CHECKS:
        raise ValueError(f"unknown check {check}")
    gw = db.get_gateway(gateway_id)
    client = connect(gw["hostname"], gw["port"])
    try:
        _, stdout, _ = client.exec_command("agri-diag --check " + shlex.quote(check), timeout=60)  #@safe
        return stdout.read().decode(errors="replace")
    finally:
        client.close()


@app.task
def collect_logs(gateway_id):
    gw = db.get_gateway(gateway_id)
    local_dir = ensure_dir(os.path.join(GatewayConfig.log_dir, gw["serial"]))
    client = connect(gw["hostname"], gw["port"])
    fetched = []
    try:
        sftp = client.open_sftp()
        for entry in sftp.listdir_attr(REMOTE_LOG_DIR):
            if not stat.S_ISREG(entry.st_mode):
                continue
            sftp.get(f"{REMOTE_LOG_DIR}/{entry.filename}", os.path.join(local_dir, entry.filename))  #@vuln CWE-22
            fetched.append(entry.filename)
        sftp.close()
    finally:
        client.close()
    return fetched


@app.task
def collect_all_logs():
    for row in db.fetch_all("SELECT id FROM fields_gateway"):
        collect_logs.delay(row["id"])


@app.task
def push_firmware(gateway_id, firmware_name):
    image = os.path.basename(firmware_name)
    local = os.path.join(GatewayConfig.firmware_dir, image)
    if not os.path.isfile(local):
        raise FileNotFoundError(image)
    gw = db.get_gateway(gateway_id)
    client = connect(gw["hostname"], gw["port"])
    try:
        sftp = client.open_sftp()
        sftp.put(local, f"/tmp/firmware/{image}")  #@safe
        sftp.close()
    finally:
        client.close()
    return image
