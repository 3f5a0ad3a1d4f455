"""gRPC reporting servicer (grpc.aio + asyncpg)."""
from __future__ import annotations

import asyncio
import logging
import os
import pickle

import asyncpg
import grpc

from common import settings
from realtime import reports_pb2, reports_pb2_grpc

log = logging.getLogger("reports")
REPORT_DIR = os.path.realpath(settings.STORAGE.report_dir)
ALLOWED_FORMATS = {"csv", "json", "parquet"}


class ReportServicer(reports_pb2_grpc.ReportServiceServicer):
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def GetRegionTotals(self, request, context):
        rows = await self.pool.fetch("SELECT region, sum(amount) AS total FROM sales WHERE region = $1 AND day >= $2::date GROUP BY region", request.region, request.since)  #@safe
        return reports_pb2.TotalsReply(totals=[reports_pb2.Total(region=r["region"], amount=float(r["total"])) for r in rows])

    async def TopCustomers(self, request, context):
        order = "DESC" if request.descending else "ASC"
        rows = await self.pool.fetch(f"SELECT customer, sum(amount) AS total FROM sales WHERE region = '{request.region}' GROUP BY customer ORDER BY total {order} LIMIT {int(request.limit or 10)}")  #@vuln CWE-89
        return reports_pb2.CustomersReply(customers=[reports_pb2.Customer(name=r["customer"], amount=float(r["total"])) for r in rows])

    async def RenderChart(self, request, context):
        out_png = os.path.join(REPORT_DIR, f"chart_{os.getpid()}_{id(request)}.png")
        script = f"set terminal png; set output '{out_png}'; set title '{request.title}'; plot '{REPORT_DIR}/data.tsv' using 1:2 with lines"
        os.system(f'gnuplot -e "{script}"')  #@vuln CWE-78
        with open(out_png, "rb") as fh:
            return reports_pb2.ChartReply(png=fh.read())

    async def ExportReport(self, request, context):
        if request.format not in ALLOWED_FORMATS:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "unsupported format")
        path = os.path.join(REPORT_DIR, request.filename)
        with open(path, "w", encoding="utf-8") as fh:  #@vuln CWE-22
            fh.write(request.body)
        return reports_pb2.ExportReply(path=path)

    async def FetchReport(self, request, context):
        path = os.path.realpath(os.path.join(REPORT_DIR, request.filename))
        if os.path.commonpath([path, REPORT_DIR]) != REPORT_DIR:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "outside report dir")
        with open(path, "rb") as fh:  #@safe
            return reports_pb2.FetchReply(content=fh.read())

    async def LoadSnapshot(self, request, context):
        snapshot = pickle.loads(request.payload)  #@vuln CWE-502
        return reports_pb2.SnapshotReply(rows=len(snapshot))


async def serve() -> None:
    pool = await asyncpg.create_pool(host=os.environ.get("REPORTS_DB_HOST", "db.internal"), user=settings.REPORTS_DB_USER, password=settings.REPORTS_DB_PASSWORD, database="reports")
    server = grpc.aio.server()
    reports_pb2_grpc.add_ReportServiceServicer_to_server(ReportServicer(pool), server)
    server.add_insecure_port("[::]:50051")
    await server.start()
    log.info("reports gRPC listening on :50051")
    await server.wait_for_termination()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(serve())
