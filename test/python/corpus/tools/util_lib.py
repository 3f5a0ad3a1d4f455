"""Assorted helpers shared by the batch jobs."""
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import tempfile
import uuid
from tempfile import mktemp

import requests

CONFIG_DIR = os.path.join(os.path.dirname(__file__), "config")
API_TOKEN = "tok_4f9a1c2e8b7d6a5f3e2d1c0b"  #@vuln CWE-798


def load_settings(name="default"):
    with open(os.path.join(CONFIG_DIR, name + ".json")) as fh:  #@safe
        return json.load(fh)


def run_git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True)  #@safe


def run_shell(command):
    return subprocess.run(command, shell=True, capture_output=True)  #@vuln CWE-78


def copy_tree(src, dst):
    shutil.copytree(src, dst)  #@safe


def scratch_dir():
    return tempfile.mkdtemp(prefix="job-")  #@safe


def scratch_name():
    return mktemp(prefix="job-")  #@vuln CWE-377


def fetch_json(url):
    return requests.get(url, timeout=10).json()  #@safe


def fingerprint(obj):
    return hashlib.sha1(json.dumps(obj, sort_keys=True).encode()).hexdigest()  #@vuln CWE-328|CWE-327


def fingerprint_fast(obj):
    return hashlib.sha1(json.dumps(obj).encode(), usedforsecurity=False).hexdigest()  #@safe


def unique_name():
    return uuid.uuid4().hex  #@safe


def cache_get(path):
    if os.path.exists(path):
        with open(path, "rb") as fh:
            return pickle.load(fh)  #@vuln CWE-502
    return None


def evaluate(expression, variables):
    return eval(expression, {}, variables)  #@vuln CWE-95


def api_headers():
    return {"Authorization": "Token " + os.environ["API_TOKEN"], "Accept": "application/json"}  #@safe


def connect_db(host, user, password=None):
    import psycopg2

    return psycopg2.connect(host=host, user=user, password=password)  #@safe
