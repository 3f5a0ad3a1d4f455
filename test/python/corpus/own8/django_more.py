"""Django views: templates, raw SQL, deserialization and crypto helpers."""
import base64
import hashlib
import pickle
import random
import ssl
import urllib.request

import yaml
from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import Context, Template
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def greet(request):
    tpl = Template("<p>Hello " + request.GET.get("name", "") + "</p>")  #@vuln CWE-94
    return HttpResponse(tpl.render(Context({})))


def greet_safe(request):
    tpl = Template("<p>Hello {{ name }}</p>")
    return HttpResponse(tpl.render(Context({"name": request.GET.get("name", "")})))  #@safe


def bio(request):
    return render(request, "bio.html", {"bio": mark_safe(request.POST.get("bio", ""))})  #@vuln CWE-79


def badge(request):
    return HttpResponse(format_html("<b>{}</b>", request.GET.get("label", "")))  #@safe


def orders(request):
    ids = request.GET.getlist("id")
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM orders WHERE id IN (%s)" % ",".join(ids))  #@vuln CWE-89
        return JsonResponse({"rows": cur.fetchall()})


def orders_safe(request):
    ids = [int(i) for i in request.GET.getlist("id")]
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM orders WHERE id IN (%s)" % ",".join(["%s"] * len(ids)), ids)  #@safe
        return JsonResponse({"rows": cur.fetchall()})


def client_ip(request):
    ip = request.META.get("HTTP_X_FORWARDED_FOR", "")
    with connection.cursor() as cur:
        cur.execute(f"INSERT INTO visits (ip) VALUES ('{ip}')")  #@vuln CWE-89
    return JsonResponse({"ok": True})


def restore(request):
    state = pickle.loads(base64.b64decode(request.COOKIES.get("state", "")))  #@vuln CWE-502
    return JsonResponse({"n": len(state)})


def load_rules(request):
    rules = yaml.load(request.body)  #@vuln CWE-502
    return JsonResponse({"n": len(rules)})


def encrypt(data, key):
    cipher = AES.new(key, AES.MODE_ECB)  #@vuln CWE-327
    return cipher.encrypt(data)


def encrypt2(data, key):
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()  #@vuln CWE-327
    return enc.update(data) + enc.finalize()


def encrypt_safe(data, key, iv):
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()  #@safe
    return enc.update(data) + enc.finalize()


def password_digest(password):
    return hashlib.sha256(password.encode()).hexdigest()  #@vuln CWE-916


def make_otp():
    return str(random.randint(100000, 999999))  #@vuln CWE-338


def fetch_feed(url):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return urllib.request.urlopen(url, context=ctx).read()
