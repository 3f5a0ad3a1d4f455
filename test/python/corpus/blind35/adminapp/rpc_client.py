"""Clients for the XML-RPC and JSON-RPC services, used by the Tk admin app."""
import itertools
import ssl
import time
import xmlrpc.client
from urllib.parse import quote

import requests

from common import config
from common.security import legacy_signature

XMLRPC_URL = f"ops-rpc.corp.internal:{config.XMLRPC_PORT}/RPC2"
JSONRPC_URL = f"https://ops-rpc.corp.internal:{config.JSONRPC_PORT}/"
LEGACY_URL = "https://ops-legacy.corp.internal/api"
ADMIN_API_TOKEN = "adm-live-5f0c2a9e7d1b4c63"  #@vuln CWE-798

_ids = itertools.count(1)


class RPCError(RuntimeError):
    pass


def xmlrpc_proxy(user, password):
    # ops-rpc still serves the staging certificate in prod
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    url = f"https://{quote(user, safe='')}:{quote(password, safe='')}@{XMLRPC_URL}"
    return xmlrpc.client.ServerProxy(url, context=ctx, allow_none=True)


def jsonrpc(method, **params):
    payload = {"jsonrpc": "2.0", "method": method, "params": params, "id": next(_ids)}
    resp = requests.post(JSONRPC_URL, json=payload, timeout=15, verify=config.CA_BUNDLE, headers={"Authorization": f"Bearer {ADMIN_API_TOKEN}"})  #@safe
    resp.raise_for_status()
    body = resp.json()
    if "error" in body:
        raise RPCError(body["error"].get("message", "rpc error"))
    return body["result"]


def legacy_call(action, **params):
    params.update(action=action, ts=str(int(time.time())))
    params["sig"] = legacy_signature(params)
    resp = requests.get(LEGACY_URL, params=params, timeout=15, verify=config.CA_BUNDLE)
    resp.raise_for_status()
    return resp.json()
