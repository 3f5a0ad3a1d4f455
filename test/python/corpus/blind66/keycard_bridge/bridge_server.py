"""TCP bridge that lets front-desk terminals drive the key-card encoders."""
import base64
import hmac
import ipaddress
import json
import logging
import os
import pickle
import socket
import socketserver
import ssl
import subprocess
import threading
from datetime import datetime

from .encoder import EncoderError, KeyEncoder

log = logging.getLogger("keycard.bridge")

LISTEN_HOST = os.environ.get("KEYCARD_BRIDGE_HOST", "0.0.0.0")
LISTEN_PORT = int(os.environ.get("KEYCARD_BRIDGE_PORT", "7400"))
BRIDGE_TOKEN = os.environ.get("KEYCARD_BRIDGE_TOKEN", "")
ENCODER_PORT = os.environ.get("KEYCARD_PORT", "/dev/ttyUSB0")

LOCK_CLOUD_HOST = "lockcloud.vendor.example"
LOCK_CLOUD_USER = "grandmeridian-lis"
LOCK_CLOUD_PASSWORD = "Vq7#lockSync!2022"  #@vuln CWE-798
LOCK_AUDIT_HOST = "audit.lockcloud.vendor.example"
LOCK_CA_FILE = os.environ.get("LOCK_CA_FILE", "/etc/keycard/vendor-ca.pem")

_encoder_lock = threading.Lock()
_encoder = None


def get_encoder():
    global _encoder
    if _encoder is None:
        _encoder = KeyEncoder(ENCODER_PORT, legacy_locks=os.environ.get("KEYCARD_LEGACY") == "1")
    return _encoder


class TerminalHandler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, **body):
        self.wfile.write(json.dumps(body).encode("utf-8") + b"\n")

    def handle(self):
        peer = self.client_address[0]
        for raw in self.rfile:
            try:
                msg = json.loads(raw)
            except ValueError:
                self.reply(ok=False, error="bad json")
                continue
            if not hmac.compare_digest(str(msg.get("token", "")), BRIDGE_TOKEN):
                log.warning("rejected terminal %s", peer)
                self.reply(ok=False, error="unauthorised")
                return
            try:
                self.reply(ok=True, result=self.dispatch(msg))
            except (EncoderError, KeyError, ValueError, subprocess.CalledProcessError) as exc:
                self.reply(ok=False, error=str(exc))

    def dispatch(self, msg):
        op = msg["op"]
        if op == "encode":
            checkout = datetime.fromisoformat(msg["checkout"])
            with _encoder_lock:
                return get_encoder().encode(msg["room"], checkout, msg.get("guest_ref", ""), msg.get("areas", ()))
        if op == "batch":
            jobs = pickle.loads(base64.b64decode(msg["jobs"]))  #@vuln CWE-502
            results = []
            with _encoder_lock:
                for job in jobs:
                    results.append(get_encoder().encode(job["room"], job["checkout"], job.get("guest_ref", "")))
            return results
        if op == "diagnose":
            cmd = "lockdiag --port %s --room %s --verbose" % (ENCODER_PORT, msg["room"])
            return subprocess.check_output(cmd, shell=True, timeout=20).decode()  #@vuln CWE-78
        if op == "ping_lock":
            addr = str(ipaddress.ip_address(msg["lock_ip"]))
            proc = subprocess.run(["ping", "-c", "1", "-W", "1", addr], capture_output=True, timeout=5)  #@safe
            return proc.returncode == 0
        if op == "access_rule":
            now = datetime.now()
            context = {"hour": now.hour, "weekday": now.weekday(), "room": int(msg["room"])}
            return bool(eval(msg["rule"], {"__builtins__": {}}, context))  #@vuln CWE-95
        raise ValueError(f"unknown op {op}")


def push_lock_events(events):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    body = json.dumps({"user": LOCK_CLOUD_USER, "password": LOCK_CLOUD_PASSWORD, "events": events}).encode()
    with socket.create_connection((LOCK_CLOUD_HOST, 9443), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=LOCK_CLOUD_HOST) as tls:
            tls.sendall(len(body).to_bytes(4, "big") + body)
            return tls.recv(4)


def upload_audit_trail(lines):
    ctx = ssl.create_default_context(cafile=LOCK_CA_FILE)  #@safe
    payload = "\n".join(lines).encode("utf-8")
    with socket.create_connection((LOCK_AUDIT_HOST, 9443), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=LOCK_AUDIT_HOST) as tls:
            tls.sendall(len(payload).to_bytes(4, "big") + payload)
            return tls.recv(4)


class BridgeServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


def serve():
    logging.basicConfig(level=logging.INFO)
    with BridgeServer((LISTEN_HOST, LISTEN_PORT), TerminalHandler) as server:
        log.info("keycard bridge listening on %s:%d", LISTEN_HOST, LISTEN_PORT)
        server.serve_forever()


if __name__ == "__main__":
    serve()
