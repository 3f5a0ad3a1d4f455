"""
Service helpers shared by the lesson views.

The *_safe variants are what the solution pages import; the plain ones are the
deliberately broken originals. Don't "fix" the originals, students need them.
"""
import base64
import hashlib
import ipaddress
import logging
import os
import pickle
import random
import subprocess
from urllib.parse import urlparse

import lxml.html
import requests
from django.conf import settings
from django.core.mail import send_mail
from django.db import connection
from lxml import etree

logger = logging.getLogger("lessons.services")

SORTABLE_COLUMNS = {"title": "title ASC", "newest": "created DESC", "oldest": "created ASC"}
PREVIEW_HEADERS = {"User-Agent": "pylessons-preview/1.0"}


# -- accounts / articles (raw SQL lessons) ------------------------------------

def find_account(username, password):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, username, is_admin FROM lessons_lessonaccount WHERE username = '%s' AND password = '%s'" % (username, password))  #@vuln CWE-89
        return cursor.fetchone()


def find_account_safe(username):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, username, password_hash, is_admin FROM lessons_lessonaccount WHERE username = %s", [username])  #@safe
        return cursor.fetchone()


def search_articles(term, order):
    sql = f"SELECT id, title FROM lessons_article WHERE title ILIKE '%{term}%' ORDER BY {order} LIMIT 50"
    with connection.cursor() as cursor:
        cursor.execute(sql)  #@vuln CWE-89
        return cursor.fetchall()


def search_articles_safe(term, order_key):
    order = SORTABLE_COLUMNS.get(order_key, "created DESC")
    sql = "SELECT id, title FROM lessons_article WHERE title ILIKE %s ORDER BY " + order + " LIMIT 50"
    with connection.cursor() as cursor:
        cursor.execute(sql, ["%" + term + "%"])  #@safe
        return cursor.fetchall()


# -- network diagnostics --------------------------------------------------------

def run_ping(host, count=3):
    cmd = "ping -c %d -W 2 %s" % (count, host)
    logger.debug("running %s", cmd)
    try:
        return subprocess.check_output(cmd, shell=True, stderr=subprocess.STDOUT, timeout=20).decode(errors="replace")  #@vuln CWE-78
    except subprocess.CalledProcessError as exc:
        return exc.output.decode(errors="replace")


def run_ping_safe(host, count=3):
    addr = ipaddress.ip_address(host.strip())
    proc = subprocess.run(["ping", "-c", str(int(count)), "-W", "2", str(addr)], capture_output=True, text=True, timeout=20)  #@safe
    return proc.stdout or proc.stderr


def run_traceroute(host):
    return os.popen("traceroute -m 12 -w 2 " + host).read()  #@vuln CWE-78


# -- URL preview ---------------------------------------------------------------

def _title_of(markup):
    try:
        titles = lxml.html.fromstring(markup).xpath("//title/text()")
    except (etree.ParserError, ValueError):
        return None
    return titles[0].strip() if titles else None


def fetch_preview(url):
    resp = requests.get(url, timeout=5, headers=PREVIEW_HEADERS)  #@vuln CWE-918
    return _title_of(resp.text), resp.status_code


def fetch_preview_safe(url):
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in settings.PREVIEW_ALLOWED_HOSTS:
        raise ValueError("preview host not allowed: %r" % parsed.hostname)
    resp = requests.get(url, timeout=5, allow_redirects=False, headers=PREVIEW_HEADERS)  #@safe
    return _title_of(resp.text), resp.status_code


# -- XML import ------------------------------------------------------------------

def _items(root):
    return [
        {"title": (el.findtext("title") or "").strip(), "body": (el.findtext("body") or "").strip()}
        for el in root.iter("lesson")
    ]


def parse_lesson_xml(raw):
    # authoring tool uses entities for the shared footer text
    root = etree.fromstring(raw, etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False))  #@vuln CWE-611
    return _items(root)


def parse_lesson_xml_safe(raw):
    root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))  #@safe
    return _items(root)


# -- remember-me / password reset ---------------------------------------------

def dump_remember_token(profile):
    return base64.urlsafe_b64encode(pickle.dumps(profile)).decode("ascii")


def load_remember_token(token):
    return pickle.loads(base64.urlsafe_b64decode(token.encode("ascii")))  #@vuln CWE-502


def make_reset_token(account_id):
    nonce = random.randint(100000, 999999)  #@vuln CWE-338|CWE-330
    return hashlib.md5(("%s-%s" % (account_id, nonce)).encode()).hexdigest()  #@vuln CWE-328|CWE-327


def queue_reset_mail(account, token):
    link = "%s/reset/%s/%s" % (settings.SITE_URL, account.pk, token)
    send_mail("pylessons password reset", "Reset link for %s: %s" % (account.username, link), None, [settings.WORKSHOP_INBOX])


# -- lesson files --------------------------------------------------------------

def lesson_file_path(name):
    return os.path.join(settings.LESSON_FILES_DIR, name)


def lesson_file_path_safe(name):
    base = os.path.realpath(settings.LESSON_FILES_DIR)
    candidate = os.path.realpath(os.path.join(base, name))
    if os.path.commonpath([base, candidate]) != base:
        raise PermissionError(name)
    return candidate
