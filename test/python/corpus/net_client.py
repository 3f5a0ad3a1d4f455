"""HTTP and TLS client helpers for talking to partner APIs."""
import socket
import ssl
import urllib.request

import requests
import urllib3

PARTNER_URL = "https://partner.example.com/api"
CA_BUNDLE = "/etc/ssl/partner-ca.pem"


def fetch_status():
    return requests.get(PARTNER_URL + "/status", verify=False, timeout=10)  #@vuln CWE-295


def fetch_status_ok():
    return requests.get(PARTNER_URL + "/status", verify=CA_BUNDLE, timeout=10)  #@safe


def fetch_status_default():
    return requests.get(PARTNER_URL + "/status", timeout=10)  #@safe


def session_for_partner():
    s = requests.Session()
    s.verify = False  #@vuln CWE-295
    return s


def open_legacy(url):
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    return urllib.request.urlopen(url, context=ctx)


def open_modern(url):
    ctx = ssl.create_default_context(cafile=CA_BUNDLE)  #@safe
    return urllib.request.urlopen(url, context=ctx)


def loose_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return ctx


def strict_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = True  #@safe
    ctx.verify_mode = ssl.CERT_REQUIRED  #@safe
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2  #@safe
    return ctx


def old_protocol_socket(host):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)  #@vuln CWE-327
    return ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)


def wrap_legacy(sock):
    return ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)  #@vuln CWE-327


def client_context():
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  #@safe


def quiet_pool():
    urllib3.disable_warnings()
    return urllib3.PoolManager(cert_reqs="CERT_NONE")  #@vuln CWE-295
