"""XML-RPC facade used by cron jobs and the Tk admin app.

    python -m rpc.xmlrpc_service
"""
import base64
import binascii
import hmac
import logging
import os
import pickle
import subprocess
import urllib.request
from xmlrpc.client import Binary
from xmlrpc.server import SimpleXMLRPCRequestHandler, SimpleXMLRPCServer

from common import config, db, fsutil
from common.security import encrypt_secret, new_reset_code
from . import inventory

log = logging.getLogger("ops.xmlrpc")

MANAGED_SERVICES = {"nginx", "opsdash", "ops-jsonrpc", "ops-streamd", "ops-tcpd"}


class AuthRequestHandler(SimpleXMLRPCRequestHandler):
    rpc_paths = ("/RPC2",)

    def parse_request(self):
        if not super().parse_request():
            return False
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            try:
                user, _, pw = base64.b64decode(header[6:]).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                user, pw = "", ""
            if hmac.compare_digest(user, config.RPC_USER) and hmac.compare_digest(pw, config.RPC_PASSWORD):
                return True
        self.send_error(401, "Authentication required")
        return False


class HostsAPI:
    def lookup(self, hostname):
        with db.connect() as conn:
            return [dict(r) for r in db.HostRepository(conn).find_by_name(hostname)]

    def remove(self, ids):
        with db.connect() as conn:
            db.HostRepository(conn).delete_many_checked(ids)
        return True

    def report(self, table, where="1=1"):
        with db.connect() as conn:
            return db.run_report(conn, table, where)

    def import_from(self, url):
        """Pull an XML export from a CMDB instance and upsert the hosts."""
        with urllib.request.urlopen(url, timeout=20) as resp:  #@vuln CWE-918
            rows = inventory.parse_inventory_safe(resp.read())
        for row in rows:
            inventory.upsert_host(row)
        return len(rows)

    def import_xml(self, xml_text):
        rows = inventory.parse_inventory_xml(xml_text.encode("utf-8"))
        for row in rows:
            inventory.upsert_host(row)
        return len(rows)


class FilesAPI:
    def read(self, name):
        with open(os.path.join(config.DATA_DIR, name), "r", encoding="utf-8") as fh:  #@vuln CWE-22
            return fh.read()

    def read_report(self, name):
        return fsutil.read_text(config.REPORT_DIR, name)

    def bundle(self, name):
        folder = fsutil.safe_join(config.REPORT_DIR, name)
        out = []
        for entry in sorted(os.listdir(folder)):
            with open(os.path.join(folder, entry), "rb") as fh:
                out.append({"name": entry, "data": Binary(fh.read())})
        return out

    def upload(self, name, blob):
        if os.path.basename(name) != name or name.startswith("."):
            raise ValueError("bad file name")
        with open(os.path.join(config.SPOOL_DIR, name), "wb") as fh:  #@safe
            fh.write(blob.data)
        return len(blob.data)


class MaintenanceAPI:
    def restart(self, service):
        log.warning("restart requested for %s", service)
        return subprocess.call("sudo systemctl restart " + service, shell=True)  #@vuln CWE-78

    def status(self, service):
        if service not in MANAGED_SERVICES:
            raise ValueError("unmanaged service")
        return subprocess.run(["systemctl", "is-active", service], capture_output=True, text=True).stdout.strip()  #@safe

    def restore_state(self, blob):
        """Restore scheduler state saved by `save_state` on another node."""
        state = pickle.loads(blob.data)  #@vuln CWE-502
        return sorted(state.keys())


class UsersAPI:
    def set_role(self, username, role):
        with db.connect() as conn:
            db.UserRepository(conn).set_role(username, role)
            db.AuditRepository(conn).record("xmlrpc", "set-role", f"{username}={role}")
        return True

    def reset_password(self, username):
        code = new_reset_code()
        with db.connect() as conn:
            db.AuditRepository(conn).record("xmlrpc", "reset-code", username)
        path = fsutil.safe_join(config.SPOOL_DIR, "mail")
        with open(os.path.join(path, "outgoing.txt"), "a") as fh:
            fh.write(f"{username}\t{code}\n")
        return "queued"

    def lookup(self, uid):
        return inventory.ldap_lookup(uid)

    def group(self, name):
        return inventory.ldap_group_members(name)[:500]

    def store_secret(self, name, value):
        if not name.isidentifier():
            raise ValueError("bad secret name")
        with open(fsutil.safe_join(config.DATA_DIR, "secrets", name), "w") as fh:
            fh.write(encrypt_secret(bytes.fromhex(os.environ["OPS_SECRETS_KEY"]), value))
        return True


def build_server(host="0.0.0.0", port=config.XMLRPC_PORT):
    server = SimpleXMLRPCServer((host, port), requestHandler=AuthRequestHandler, allow_none=True, logRequests=True)
    server.register_introspection_functions()
    for prefix, api in (("hosts", HostsAPI()), ("files", FilesAPI()), ("maint", MaintenanceAPI()), ("users", UsersAPI())):
        for attr in dir(api):
            if not attr.startswith("_") and callable(getattr(api, attr)):
                server.register_function(getattr(api, attr), f"{prefix}.{attr}")
    return server


def main():
    logging.basicConfig(level=logging.INFO)
    server = build_server()
    log.info("XML-RPC listening on :%d", config.XMLRPC_PORT)
    server.serve_forever()


if __name__ == "__main__":
    main()
