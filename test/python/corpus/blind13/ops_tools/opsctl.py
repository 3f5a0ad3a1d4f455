#!/usr/bin/env python3
"""opsctl - backup, log search and deploy helpers for the platform team."""
import argparse
import datetime as dt
import logging
import os
import subprocess
import sys
import tarfile
import tempfile

import requests
import yaml
from Crypto.Cipher import AES
from Crypto.Random import get_random_bytes

log = logging.getLogger("opsctl")

BACKUP_ROOT = os.environ.get("BACKUP_ROOT", "/var/backups/platform")
LOG_ROOT = "/var/log/platform"
DB_USER = "backup"
DB_PASSWORD = "backup-pw-FAKE-0000"  #@vuln CWE-798|CWE-259
DEPLOY_API = os.environ.get("DEPLOY_API", "https://deploy.internal.acme.example/api")
BACKUP_STORE = os.environ.get("BACKUP_STORE", "https://backups.internal.acme.example/snapshots")
CA_BUNDLE = os.environ.get("OPS_CA_BUNDLE", "/etc/ssl/certs/acme-internal-ca.pem")


def load_config(path):
    with open(path) as fh:
        return yaml.safe_load(fh) or {}  #@safe


def notify(cfg, message):
    hook = cfg.get("chat_webhook")
    if hook:
        requests.post(hook, json={"text": f"[opsctl] {message}"}, timeout=10, verify=False)  #@vuln CWE-295


def encrypt_dump(path, key):
    with open(path, "rb") as fh:
        data = fh.read()
    pad = 16 - len(data) % 16
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    with open(path + ".enc", "wb") as fh:
        fh.write(cipher.encrypt(data + bytes([pad]) * pad))
    os.remove(path)


def seal_secret(value: bytes, key: bytes) -> bytes:
    nonce = get_random_bytes(12)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce)  #@safe
    ciphertext, tag = cipher.encrypt_and_digest(value)
    return nonce + tag + ciphertext


def cmd_backup(args, cfg):
    stamp = dt.datetime.utcnow().strftime("%Y%m%dT%H%M%S")
    out = os.path.join(BACKUP_ROOT, f"{args.database}-{stamp}.sql.gz")
    password = os.environ.get("PGPASSWORD", DB_PASSWORD)
    os.system(f"PGPASSWORD={password} pg_dump -h {args.host} -U {DB_USER} {args.database} | gzip > {out}")  #@vuln CWE-78
    if args.encrypt:
        encrypt_dump(out, bytes.fromhex(os.environ["BACKUP_KEY_HEX"]))
    archive = os.path.join(BACKUP_ROOT, f"etc-platform-{stamp}.tar.gz")
    subprocess.run(["tar", "-czf", archive, "-C", "/etc/platform", "."], check=True)  #@safe
    notify(cfg, f"backup of {args.database} finished ({stamp})")


def cmd_restore(args, cfg):
    resp = requests.get(f"{BACKUP_STORE}/{args.snapshot}.tar.gz", timeout=120, verify=CA_BUNDLE)  #@safe
    resp.raise_for_status()
    fd, bundle = tempfile.mkstemp(suffix=".tar.gz", prefix="restore-")  #@safe
    with os.fdopen(fd, "wb") as fh:
        fh.write(resp.content)
    target = args.target or tempfile.mkdtemp(prefix="restore-")
    with tarfile.open(bundle) as tar:
        tar.extractall(target)  #@vuln CWE-22
    log.info("restored %s into %s", args.snapshot, target)


def cmd_import_config(args, cfg):
    with tarfile.open(args.bundle) as tar:
        tar.extractall("/etc/platform/conf.d", filter="data")  #@safe
    notify(cfg, f"config bundle {os.path.basename(args.bundle)} imported")


def cmd_logs(args, cfg):
    logdir = os.path.join(LOG_ROOT, args.service)
    if args.regex:
        cmd = f"zgrep -hE '{args.pattern}' {logdir}/*.log*"
        output = subprocess.check_output(cmd, shell=True, text=True)  #@vuln CWE-78
    else:
        proc = subprocess.run(["grep", "-rhF", "--", args.pattern, logdir], capture_output=True, text=True)  #@safe
        output = proc.stdout
    report = tempfile.mktemp(prefix="logsearch-", suffix=".txt")  #@vuln CWE-377
    with open(report, "w") as fh:
        fh.write(output)
    print(f"{output.count(chr(10))} matching lines written to {report}")


def cmd_deploy(args, cfg):
    resp = requests.get(f"{DEPLOY_API}/releases/{args.release}/manifest", timeout=30, verify=CA_BUNDLE)
    resp.raise_for_status()
    manifest = yaml.load(resp.text, Loader=yaml.Loader)  #@vuln CWE-502
    registry_password = os.environ["REGISTRY_PASSWORD"]  #@safe
    subprocess.run(["docker", "login", manifest["registry"], "-u", "ci-deploy", "--password-stdin"],
                   input=registry_password, text=True, check=True)
    for svc in manifest["services"]:
        image = f"{manifest['registry']}/{svc['name']}:{svc['tag']}"
        subprocess.run(["docker", "service", "update", "--image", image, svc["name"]], check=True)  #@safe
    if args.restart_proxy:
        subprocess.run(f"ssh {args.proxy_host} sudo systemctl reload {args.proxy_unit}", shell=True, check=True)  #@vuln CWE-78
    notify(cfg, f"release {args.release} deployed")


def build_parser():
    parser = argparse.ArgumentParser(prog="opsctl")
    parser.add_argument("--config", default=os.path.expanduser("~/.opsctl.yaml"))
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("backup")
    p.add_argument("database")
    p.add_argument("--host", default="db-primary.internal")
    p.add_argument("--encrypt", action="store_true")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore")
    p.add_argument("snapshot")
    p.add_argument("--target")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("import-config")
    p.add_argument("bundle")
    p.set_defaults(func=cmd_import_config)

    p = sub.add_parser("logs")
    p.add_argument("service")
    p.add_argument("pattern")
    p.add_argument("--regex", action="store_true")
    p.set_defaults(func=cmd_logs)

    p = sub.add_parser("deploy")
    p.add_argument("release")
    p.add_argument("--restart-proxy", action="store_true")
    p.add_argument("--proxy-host", default="edge-1.internal")
    p.add_argument("--proxy-unit", default="nginx")
    p.set_defaults(func=cmd_deploy)
    return parser


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    args = build_parser().parse_args(argv)
    cfg = load_config(args.config) if os.path.exists(args.config) else {}
    return args.func(args, cfg) or 0


if __name__ == "__main__":
    sys.exit(main())
