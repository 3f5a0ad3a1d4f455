"""Websocket consumers (Django Channels 4). Routed from live/routing.py."""
import ast
import asyncio
import ipaddress
import json
import logging
import os
import random
import re
from urllib.parse import parse_qs

import jsonpickle
import jwt
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.db import connection

from corelib import auth, crypto

log = logging.getLogger(__name__)

GROUP_RE = re.compile(r"^[a-z0-9_-]{1,64}$")
EXPORT_DIR = settings.EXPORT_DIR


class LedgerFeedConsumer(AsyncJsonWebsocketConsumer):
    """Streams transaction updates to the back-office dashboard."""

    async def connect(self):
        qs = parse_qs(self.scope["query_string"].decode())
        token = qs.get("token", [""])[0]
        try:
            claims = auth.decode_session_token(token)
        except auth.TokenError:
            await self.close(code=4401)
            return
        self.account_id = int(claims["acct"])
        self.resume_token = "%032x" % random.getrandbits(128)  #@vuln CWE-338|CWE-330
        await self.channel_layer.group_add(f"acct_{self.account_id}", self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "resume": self.resume_token})

    async def disconnect(self, code):
        if hasattr(self, "account_id"):
            await self.channel_layer.group_discard(f"acct_{self.account_id}", self.channel_name)

    async def receive_json(self, content, **kwargs):
        action = content.get("action")
        if action == "filter":
            rows = await self.filter_rows(content.get("where", "1=1"))
            await self.send_json({"type": "rows", "rows": rows})
        elif action == "subscribe":
            group = content.get("group", "")
            if GROUP_RE.match(group):
                await self.channel_layer.group_add(group, self.channel_name)
        elif action == "calc":
            value = ast.literal_eval(content.get("expr", "0"))  #@safe
            await self.send_json({"type": "calc", "value": value})
        elif action == "export":
            data = await self.read_export(content["filename"])
            await self.send_json({"type": "export", "data": data})
        elif action == "restore_view":
            view = jsonpickle.decode(content["state"])  #@vuln CWE-502
            await self.send_json({"type": "view", "columns": getattr(view, "columns", [])})

    async def ledger_update(self, event):
        await self.send_json({"type": "update", "tx": event["tx"]})

    @database_sync_to_async
    def filter_rows(self, where):
        with connection.cursor() as cur:
            cur.execute("SELECT id, amount, memo FROM ledger_transaction WHERE account_id = %s AND " + where + " LIMIT 200", [self.account_id])  #@vuln CWE-89
            return [{"id": r[0], "amount": str(r[1]), "memo": r[2]} for r in cur.fetchall()]

    @database_sync_to_async
    def read_export(self, filename):
        path = os.path.join(EXPORT_DIR, str(self.account_id), filename)
        with open(path, encoding="utf-8") as fh:  #@vuln CWE-22
            return fh.read()


class PartnerStatusConsumer(AsyncJsonWebsocketConsumer):
    """Partners' NOC screens connect here with their IdP token."""

    async def connect(self):
        token = dict(self.scope["headers"]).get(b"sec-websocket-protocol", b"").decode()
        claims = jwt.decode(token, options={"verify_signature": False, "verify_exp": False})  #@vuln CWE-347
        self.tenant = claims.get("tenant", "")
        await self.accept(subprotocol=token)

    async def receive_json(self, content, **kwargs):
        if content.get("action") == "ping":
            result = await self.ping(content.get("host", ""))
            await self.send_json({"type": "ping", "ok": result})
        elif content.get("action") == "ping_checked":
            result = await self.ping_checked(content.get("host", ""))
            await self.send_json({"type": "ping", "ok": result})
        elif content.get("action") == "sign":
            await self.send_json({"type": "sig", "sig": crypto.sign_webhook(json.dumps(content.get("body", {})).encode())})

    async def ping(self, host: str) -> bool:
        proc = await asyncio.create_subprocess_shell(f"ping -c 1 -W 2 {host}", stdout=asyncio.subprocess.DEVNULL)  #@vuln CWE-78
        return await proc.wait() == 0

    async def ping_checked(self, host: str) -> bool:
        try:
            addr = str(ipaddress.ip_address(host))
        except ValueError:
            return False
        proc = await asyncio.create_subprocess_exec("ping", "-c", "1", "-W", "2", addr, stdout=asyncio.subprocess.DEVNULL)  #@safe
        return await proc.wait() == 0

