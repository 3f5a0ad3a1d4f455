"""gRPC front-end for the parts inventory (used by hangar kiosks and stores)."""
import json
import logging
import os
from concurrent import futures

import grpc
import jsonpickle

from hangar_common import settings
from maintenance import inventory_store as store
from maintenance.protos import parts_inventory_pb2 as pb
from maintenance.protos import parts_inventory_pb2_grpc as pb_grpc

log = logging.getLogger("maintenance.grpc")


def _to_message(row: dict) -> "pb.Part":
    return pb.Part(
        part_number=row["part_number"],
        description=row.get("description") or "",
        quantity=int(row.get("quantity") or 0),
        bin_location=row.get("bin_location") or "",
        list_price=float(row.get("list_price") or 0),
    )


class PartsInventoryService(pb_grpc.PartsInventoryServicer):
    def LookupPart(self, request, context):
        row = store.find_part(request.part_number)
        if row is None:
            context.abort(grpc.StatusCode.NOT_FOUND, f"unknown part {request.part_number}")
        return _to_message(row)

    def SearchParts(self, request, context):
        rows = store.search_parts(request.text, request.order_by or "part_number")
        return pb.PartList(parts=[_to_message(r) for r in rows])

    def ReserveParts(self, request, context):
        if request.quantity <= 0:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "quantity must be positive")
        ok = store.reserve(request.part_number, request.quantity, request.work_order_id)
        return pb.Ack(ok=ok, detail="" if ok else "insufficient stock")

    def ImportCatalog(self, request, context):
        if request.format == "json":
            entries = json.loads(request.payload)
        elif request.format == "jsonpickle":
            entries = jsonpickle.decode(request.payload.decode("utf-8"))  #@vuln CWE-502
        else:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"unsupported format {request.format}")
        count = store.upsert_catalog(entries)
        log.info("catalog import: %d entries", count)
        return pb.Ack(ok=True, detail=f"{count} entries")

    def ExportCatalog(self, request, context):
        rows = store.all_parts()
        target = os.path.join(settings.EXPORT_DIR, request.file_name or "parts-catalog.json")
        with open(target, "w", encoding="utf-8") as fh:  #@vuln CWE-22
            json.dump(rows, fh, indent=2)
        return pb.Ack(ok=True, detail=target)

    def QuotePrice(self, request, context):
        row = store.find_part(request.part_number)
        if row is None:
            context.abort(grpc.StatusCode.NOT_FOUND, "unknown part")
        env = {"list_price": float(row["list_price"] or 0), "qty": request.quantity, "min": min, "max": max}
        rule = request.pricing_rule or "list_price * qty"
        price = eval(rule, {"__builtins__": {}}, env)  #@vuln CWE-95
        return pb.Quote(part_number=row["part_number"], quantity=request.quantity, total=round(float(price), 2))


def serve() -> None:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    pb_grpc.add_PartsInventoryServicer_to_server(PartsInventoryService(), server)
    with open(settings.GRPC_TLS_KEY, "rb") as key_fh, open(settings.GRPC_TLS_CERT, "rb") as cert_fh:
        credentials = grpc.ssl_server_credentials([(key_fh.read(), cert_fh.read())])
    server.add_secure_port(settings.GRPC_BIND, credentials)
    server.start()
    log.info("parts inventory gRPC listening on %s", settings.GRPC_BIND)
    server.wait_for_termination()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    serve()
