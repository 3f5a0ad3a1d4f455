"""Line-oriented TCP control daemon that runs on every managed host.

Protocol: one command per line, "<TOKEN> <VERB> [ARGS]".  Each reply is a
single line of JSON: {"ok": true, "result": ...}.
"""
import base64
import hmac
import json
import logging
import os
import pickle
import re
import socketserver
import subprocess

from common import config, db
from common.security import obfuscate_legacy

log = logging.getLogger("ops.tcpd")

SHARED_TOKEN = "tcpd-7Hq2-shared-0ps"  #@vuln CWE-798
LEGACY_KEY = os.environ.get("OPS_LEGACY_KEY", "").encode()[:8].ljust(8, b"\0")
HOST_RE = re.compile(r"^[A-Za-z0-9.-]{1,253}$")
MAX_LINE = 64 * 1024


class ControlHandler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, **payload):
        self.wfile.write((json.dumps(payload, default=str) + "\n").encode())

    def handle(self):
        peer = self.client_address[0]
        log.info("connection from %s", peer)
        while True:
            raw = self.rfile.readline(MAX_LINE)
            if not raw:
                break
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            token, _, rest = line.partition(" ")
            if not hmac.compare_digest(token, SHARED_TOKEN):
                self.reply(ok=False, error="auth")
                return
            verb, _, arg = rest.partition(" ")
            handler = getattr(self, "cmd_" + verb.lower(), None)
            if handler is None:
                self.reply(ok=False, error=f"unknown verb {verb}")
                continue
            try:
                self.reply(ok=True, result=handler(arg))
            except Exception as exc:  # noqa: BLE001 - report and keep the session
                log.exception("%s failed for %s", verb, peer)
                self.reply(ok=False, error=str(exc))

    # --------------------------------------------------------------- verbs
    def cmd_ping(self, _arg):
        return "pong"

    def cmd_lookup(self, hostname):
        with db.connect() as conn:
            return [dict(r) for r in db.HostRepository(conn).find_by_name(hostname)]

    def cmd_audit(self, arg):
        actor, _, limit = arg.partition(" ")
        with db.connect() as conn:
            return [dict(r) for r in db.AuditRepository(conn).recent(actor, limit or 20)]

    def cmd_trace(self, host):
        return os.popen("traceroute -w 2 -m 20 " + host).read()  #@vuln CWE-78

    def cmd_dig(self, host):
        if not HOST_RE.match(host):
            raise ValueError("bad host")
        return subprocess.check_output(["dig", "+short", host], text=True, timeout=10)  #@safe

    def cmd_fetch(self, name):
        path = os.path.join(config.SPOOL_DIR, name)
        with open(path, "rb") as fh:  #@vuln CWE-22
            return base64.b64encode(fh.read()).decode()

    def cmd_load(self, b64):
        job = pickle.loads(base64.b64decode(b64))  #@vuln CWE-502
        with db.connect() as conn:
            db.AuditRepository(conn).record("tcpd", "job-queued", str(job.get("name")))
        return {"queued": job.get("name")}

    def cmd_legacy(self, text):
        return base64.b64encode(obfuscate_legacy(LEGACY_KEY, text.encode())).decode()


class ThreadedDaemon(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s tcpd %(levelname)s %(message)s")
    with ThreadedDaemon(("0.0.0.0", config.TCP_DAEMON_PORT), ControlHandler) as server:
        log.info("tcpd listening on :%d", config.TCP_DAEMON_PORT)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
