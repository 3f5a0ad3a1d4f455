"""Ops console: Flask app wiring, remote clients and session handling."""
import base64
import os
import pickle
import random
import ssl
from dataclasses import dataclass

import httpx
import redis
import requests
import yaml
from flask import Flask, request

app = Flask(__name__)
app.config.from_mapping(
    SECRET_KEY=os.environ.get("OPS_KEY"),
    DEBUG=True,  #@vuln CWE-489|CWE-215
)


@dataclass
class OpsDb:
    host: str = "ops-db.internal"
    user: str = "ops"
    password: str = "0ps-Console-2024!"  #@vuln CWE-798|CWE-259


cache = redis.Redis(host="cache.internal", password="R3dis-cache-pw!")  #@vuln CWE-798|CWE-259
inventory = httpx.Client(base_url="https://inventory.internal", verify=False)  #@vuln CWE-295


def vendor_session():
    s = requests.Session()
    s.verify = False  #@vuln CWE-295
    return s


def relaxed_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return ctx


@app.route("/session/restore")
def restore():
    blob = request.cookies.get("ops_state", "")
    state = pickle.loads(base64.b64decode(blob))  #@vuln CWE-502
    return {"user": state.get("user")}


@app.route("/playbook", methods=["POST"])
def playbook():
    doc = yaml.load(request.get_data(), Loader=yaml.Loader)  #@vuln CWE-502
    return {"steps": len(doc)}


@app.route("/playbook/safe", methods=["POST"])
def playbook_safe():
    doc = yaml.load(request.get_data(), Loader=yaml.SafeLoader)  #@safe
    return {"steps": len(doc)}


def one_time_code():
    return str(random.randint(100000, 999999))  #@vuln CWE-338|CWE-330


def jitter():
    return random.uniform(0.5, 1.5)  #@safe


@app.route("/proxy")
def proxy():
    target = request.args["to"]
    return requests.request("GET", target, timeout=5).text  #@vuln CWE-918


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8000")), debug=os.environ.get("OPS_DEBUG") == "1")  #@safe
