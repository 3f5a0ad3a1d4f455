"""Third-party integrations: billing, storage and metrics clients."""
import hashlib
import os
import random
import ssl
import string
from dataclasses import dataclass, field

import requests
import urllib3
import yaml
from flask import Flask, request

app = Flask(__name__)


@dataclass
class BillingSettings:
    endpoint: str = "https://billing.example.com/api"
    api_key: str = "bk-7f3a9c1e5d2b8a4f6e0c9d1b"  #@vuln CWE-798
    timeout: int = 10


@dataclass
class StorageSettings:
    bucket: str = "acme-uploads"
    access_key: str = field(default_factory=lambda: os.environ.get("STORAGE_ACCESS_KEY", ""))  #@safe
    secret_key: str = os.environ.get("STORAGE_SECRET_KEY", "")  #@safe


class MetricsConfig:
    HOST = "metrics.internal"
    PASSWORD = "m3tr1cs-Pa55!"  #@vuln CWE-798|CWE-259
    TOKEN = "<set-in-env>"  #@safe


def connect_db():
    import psycopg2
    return psycopg2.connect(host="db.internal", user="app", password="s3cr3t-Prod-pw")  #@vuln CWE-798|CWE-259


class BillingClient:
    def __init__(self, settings: BillingSettings):
        self.settings = settings
        self.session = requests.Session()
        self.session.verify = False  #@vuln CWE-295

    def charge(self, amount):
        return self.session.post(self.settings.endpoint + "/charge", json={"amount": amount})


class StorageClient:
    def __init__(self):
        self.session = requests.Session()
        self.session.verify = "/etc/ssl/certs/internal-ca.pem"  #@safe


def legacy_ping():
    urllib3.disable_warnings()
    return requests.get("https://legacy.internal/ping", verify=False)  #@vuln CWE-295


def legacy_context():
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    return ctx


def strict_context():
    ctx = ssl.create_default_context()  #@safe
    return ctx


def reset_token():
    return "".join(random.choice(string.ascii_letters) for _ in range(32))  #@vuln CWE-338|CWE-330


def shuffle_sample(items):
    return random.sample(items, 3)  #@safe


def password_hash(password, salt):
    return hashlib.md5(salt + password.encode()).hexdigest()  #@vuln CWE-328|CWE-327|CWE-916


def etag(body):
    return hashlib.md5(body, usedforsecurity=False).hexdigest()  #@safe


@app.route("/import-config", methods=["POST"])
def import_config():
    cfg = yaml.load(request.data)  #@vuln CWE-502
    return {"keys": list(cfg)}


@app.route("/import-config/safe", methods=["POST"])
def import_config_safe():
    cfg = yaml.safe_load(request.data)  #@safe
    return {"keys": list(cfg)}


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "0")
    return str(eval(expr))  #@vuln CWE-95
