"""Shared clients for the portal.

Everything here is created once at import time; the app factory, the services
and the maintenance scripts all import the same objects.
"""
import boto3
import requests
from flask_sqlalchemy import SQLAlchemy
from pymongo import MongoClient

from portal.config import get_config

_cfg = get_config()

db = SQLAlchemy()

# general outbound session (avatars, status feeds, link previews).
# Several customer sites serve broken chains and support kept escalating
# "preview doesn't work" tickets, so certificate checks are off here.
http = requests.Session()
http.headers.update({"User-Agent": "customer-portal/2.7 (+https://portal.example.com)"})
http.verify = False  #@vuln CWE-295

# partner API sits behind a private CA
partner_http = requests.Session()
partner_http.verify = _cfg.PARTNER_CA_BUNDLE  #@safe
partner_http.headers.update({"Accept": "application/json"})

_aws = boto3.session.Session(
    aws_access_key_id=_cfg.AWS_ACCESS_KEY_ID,
    aws_secret_access_key=_cfg.AWS_SECRET_ACCESS_KEY,
    region_name=_cfg.AWS_REGION,
)
s3 = _aws.client("s3")
sqs = _aws.client("sqs")

mongo = MongoClient(_cfg.MONGO_URI, serverSelectionTimeoutMS=3000, tz_aware=True)
audit_log = mongo["portal"]["audit_events"]
