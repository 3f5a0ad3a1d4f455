"""gRPC servicer for the warehouse floor apps (handhelds + label printers)."""
import logging
import os
import pickle
import subprocess
from concurrent import futures

import defusedxml.ElementTree as SafeET
import grpc
from grpc_reflection.v1alpha import reflection
import ldap
import requests
from ldap.filter import escape_filter_chars
from lxml import etree

from common.crypto import bridge_encrypt
from fulfilment_rpc import config, storage
from fulfilment_rpc.protos import fulfilment_pb2 as pb
from fulfilment_rpc.protos import fulfilment_pb2_grpc as pb_grpc

log = logging.getLogger(__name__)

LABEL_FORMATS = {"pdf", "png", "zpl"}
PRINTERS = {"dock-a": "zebra-dock-a", "dock-b": "zebra-dock-b", "returns": "zebra-returns"}


def _ldap():
    conn = ldap.initialize(config.LDAP_URL)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(config.LDAP_BIND_DN, config.LDAP_BIND_PASSWORD)
    return conn


class FulfilmentServicer(pb_grpc.FulfilmentServicer):
    def GetLabel(self, request, context):
        try:
            data = storage.read_label(request.carrier, request.label_name)
        except FileNotFoundError:
            context.abort(grpc.StatusCode.NOT_FOUND, "label not found")
        return pb.LabelReply(content=data)

    def GetManifest(self, request, context):
        try:
            return pb.ManifestReply(xml=storage.read_manifest(request.manifest_id))
        except storage.BadPath:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "bad manifest id")

    def PrintLabel(self, request, context):
        path = storage.stage_label(request.content)
        cmd = f"lp -d {request.printer} -o media={request.media} {path}"
        result = subprocess.run(cmd, shell=True, capture_output=True, text=True)  #@vuln CWE-78
        return pb.PrintReply(ok=result.returncode == 0, message=result.stderr)

    def PrintDockLabel(self, request, context):
        printer = PRINTERS.get(request.dock)
        if printer is None:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "unknown dock")
        path = storage.stage_label(request.content)
        result = subprocess.run(["lp", "-d", printer, path], capture_output=True, text=True)  #@safe
        return pb.PrintReply(ok=result.returncode == 0, message=result.stderr)

    def ConvertLabel(self, request, context):
        if request.fmt not in LABEL_FORMATS:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "unsupported format")
        src = storage.stage_scan(request.content)
        dst = f"{src}.{request.fmt}"
        subprocess.run(["convert", src, dst], check=True, timeout=30)  #@safe
        with open(dst, "rb") as fh:
            return pb.LabelReply(content=fh.read())

    def DiagnoseCarrier(self, request, context):
        output = os.popen(f"traceroute -m 10 -w 2 {request.host}").read()  #@vuln CWE-78
        return pb.DiagnoseReply(output=output)

    def RunCarrierHook(self, request, context):
        bundle_dir = storage.unpack_carrier_bundle(request.bundle_name)
        script = bundle_dir / "hook.sh"
        proc = subprocess.Popen(f"sh {script} {request.shipment_id} {request.args}", shell=True, stdout=subprocess.PIPE)  #@vuln CWE-78
        out, _ = proc.communicate(timeout=60)
        return pb.DiagnoseReply(output=out.decode(errors="replace"))

    def ImportManifest(self, request, context):
        parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
        root = etree.fromstring(request.xml, parser)  #@vuln CWE-611
        manifest_id = root.findtext("id")
        storage.save_manifest(manifest_id, etree.tostring(root))
        return pb.ImportReply(manifest_id=manifest_id, lines=len(root.findall("line")))

    def ImportRateCard(self, request, context):
        root = SafeET.fromstring(request.xml)  #@safe
        rates = {el.get("zone"): float(el.text) for el in root.iter("rate")}
        return pb.ImportReply(manifest_id=root.get("carrier", ""), lines=len(rates))

    def LookupPicker(self, request, context):
        conn = _ldap()
        results = conn.search_s(config.LDAP_BASE, ldap.SCOPE_SUBTREE, f"(&(objectClass=person)(uid={request.username}))", ["cn", "mail", "departmentNumber"])  #@vuln CWE-90
        return pb.PickerReply(entries=[dn for dn, _ in results])

    def LookupTeam(self, request, context):
        conn = _ldap()
        team = escape_filter_chars(request.team)
        results = conn.search_s(config.LDAP_BASE, ldap.SCOPE_SUBTREE, f"(&(objectClass=person)(departmentNumber={team}))", ["uid"])  #@safe
        return pb.PickerReply(entries=[dn for dn, _ in results])

    def ResumeSession(self, request, context):
        # handhelds send back the opaque blob we gave them at login
        state = pickle.loads(request.session_blob)  #@vuln CWE-502
        return pb.SessionReply(picker=state.get("picker", ""), wave=state.get("wave", 0))

    def TrackShipment(self, request, context):
        base = request.carrier_url or config.CARRIER_ENDPOINTS.get(request.carrier, "")
        resp = requests.get(f"{base}/{request.tracking_no}", headers={"Authorization": config.CARRIER_API_TOKEN}, timeout=10)  #@vuln CWE-918
        return pb.TrackReply(status=resp.json().get("status", "unknown"))

    def TrackKnownCarrier(self, request, context):
        base = config.CARRIER_ENDPOINTS.get(request.carrier)
        if base is None:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "unknown carrier")
        resp = requests.get(base, params={"trackingNumber": request.tracking_no}, timeout=10)  #@safe
        return pb.TrackReply(status=resp.json().get("status", "unknown"))

    def BridgeExport(self, request, context):
        token = bridge_encrypt(request.payload)
        return pb.BridgeReply(token=token)


def _server_credentials():
    with open(config.TLS_KEY, "rb") as key_fh, open(config.TLS_CERT, "rb") as cert_fh:
        return grpc.ssl_server_credentials([(key_fh.read(), cert_fh.read())])


def serve():
    logging.basicConfig(level=logging.INFO)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), options=[("grpc.max_receive_message_length", 32 * 1024 * 1024)])
    pb_grpc.add_FulfilmentServicer_to_server(FulfilmentServicer(), server)
    reflection.enable_server_reflection((pb.DESCRIPTOR.services_by_name["Fulfilment"].full_name, reflection.SERVICE_NAME), server)
    server.add_secure_port(config.GRPC_BIND, _server_credentials())
    server.start()
    log.info("fulfilment gRPC listening on %s", config.GRPC_BIND)
    server.wait_for_termination()


if __name__ == "__main__":
    serve()
