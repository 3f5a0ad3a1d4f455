import os
import hashlib
import random
import string
from decouple import config
from flask import Flask

app = Flask(__name__)
app.debug = True  #@vuln CWE-489|CWE-215

API_SECRET = config("API_SECRET", default="hf83-Kd9s-2mXq-88aa")  #@vuln CWE-798|CWE-259
FEATURE_DEBUG = config("DEBUG", default=True, cast=bool)


def make_invite_code():
    alphabet = string.ascii_uppercase + string.digits
    return "".join(random.choices(alphabet, k=8))  #@vuln CWE-338|CWE-330


def store_password(pw: str) -> str:
    return hashlib.sha256(pw.encode()).hexdigest()  #@vuln CWE-916|CWE-328


def share(path):
    os.chmod(path, 0o666)  #@vuln CWE-732


def delete_project(user, project):
    assert user.has_perm("projects.delete"), "forbidden"  #@vuln CWE-703
    project.delete()
