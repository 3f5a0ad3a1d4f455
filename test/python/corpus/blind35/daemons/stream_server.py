"""asyncio JSON-lines collector.  Agents stream metrics, ask for jobs to be
run and relay payloads to other collectors.

    python -m daemons.stream_server
"""
import asyncio
import json
import logging
import os
import re
import ssl
from asyncio.subprocess import PIPE, STDOUT

import yaml

from common import config, fsutil

log = logging.getLogger("ops.streamd")

JOB_DIR = "/opt/ops/jobs"
OUTBOX = str(config.SPOOL_DIR / "outbox")
HOST_RE = re.compile(r"^[A-Za-z0-9.-]{1,253}$")


def upstream_context():
    ctx = ssl.create_default_context()
    # collectors in the DMZ present certs for their internal names
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return ctx


class StreamSession:
    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer
        self.peer = writer.get_extra_info("peername")
        self.metrics = {}

    async def send(self, **payload):
        self.writer.write((json.dumps(payload, default=str) + "\n").encode())
        await self.writer.drain()

    async def run(self):
        while True:
            line = await self.reader.readline()
            if not line:
                break
            try:
                msg = json.loads(line)
            except ValueError:
                await self.send(ok=False, error="bad json")
                continue
            handler = getattr(self, "op_" + str(msg.get("op", "")), None)
            if handler is None:
                await self.send(ok=False, error="unknown op")
                continue
            try:
                await self.send(ok=True, result=await handler(msg))
            except Exception as exc:  # noqa: BLE001
                log.exception("op %s failed for %s", msg.get("op"), self.peer)
                await self.send(ok=False, error=str(exc))
        self.writer.close()

    # ------------------------------------------------------------------ ops
    async def op_metric(self, msg):
        self.metrics[str(msg["name"])] = float(msg["value"])
        return len(self.metrics)

    async def op_compute(self, msg):
        # derived metrics, e.g. {"expr": "mem_used / mem_total * 100"}
        return eval(msg["expr"], {"__builtins__": None}, dict(self.metrics))  #@vuln CWE-95

    async def op_job(self, msg):
        proc = await asyncio.create_subprocess_shell(f"{JOB_DIR}/{msg['job']} {msg.get('args', '')}", stdout=PIPE, stderr=STDOUT)  #@vuln CWE-78
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=120)
        return {"rc": proc.returncode, "output": out.decode(errors="replace")[-4000:]}

    async def op_health(self, msg):
        host = msg["host"]
        if not HOST_RE.match(host):
            raise ValueError("bad host")
        proc = await asyncio.create_subprocess_exec(f"{JOB_DIR}/healthcheck", "--host", host, stdout=PIPE, stderr=STDOUT)  #@safe
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
        return {"rc": proc.returncode, "output": out.decode(errors="replace")}

    async def op_relay(self, msg):
        reader, writer = await asyncio.open_connection(msg["host"], int(msg.get("port", 443)), ssl=upstream_context())  #@vuln CWE-918
        writer.write(json.dumps(msg.get("payload", {})).encode() + b"\n")
        await writer.drain()
        answer = await asyncio.wait_for(reader.readline(), timeout=15)
        writer.close()
        return answer.decode(errors="replace")

    async def op_save(self, msg):
        os.makedirs(OUTBOX, exist_ok=True)
        path = os.path.join(OUTBOX, msg["name"])
        with open(path, "w", encoding="utf-8") as fh:  #@vuln CWE-22
            fh.write(msg["data"])
        return path

    async def op_append(self, msg):
        path = fsutil.safe_join(OUTBOX, msg["name"])
        with open(path, "a", encoding="utf-8") as fh:  #@safe
            fh.write(msg["data"] + "\n")
        return path

    async def op_state(self, msg):
        state = yaml.unsafe_load(msg["state"])  #@vuln CWE-502
        self.metrics.update(state.get("metrics", {}))
        return sorted(self.metrics)


async def _handle(reader, writer):
    await StreamSession(reader, writer).run()


async def main():
    logging.basicConfig(level=logging.INFO)
    server = await asyncio.start_server(_handle, "0.0.0.0", config.STREAM_PORT, limit=256 * 1024)
    log.info("streamd listening on %s", ", ".join(str(s.getsockname()) for s in server.sockets))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
