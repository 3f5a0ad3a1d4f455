import ssl
import urllib.request
import requests
import httpx
import aiohttp
import urllib3
import psycopg2
import boto3
import redis

urllib3.disable_warnings()  #@safe


def fetch_report(url):
    return requests.get(url, verify=False, timeout=10)  #@vuln CWE-295


def fetch_internal(url):
    return requests.get(url, verify="/etc/ssl/internal-ca.pem", timeout=10)  #@safe


def client():
    return httpx.Client(base_url="https://api.partner.example", verify=False)  #@vuln CWE-295


async def aclient():
    async with httpx.AsyncClient(verify=False) as c:  #@vuln CWE-295
        return await c.get("https://api.partner.example/v1/ping")


async def aio_fetch(url):
    async with aiohttp.ClientSession() as s:
        async with s.get(url, ssl=False) as r:  #@vuln CWE-295
            return await r.text()


def legacy_open(url):
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    return urllib.request.urlopen(url, context=ctx)


def manual_ctx():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  #@vuln CWE-295
    return ctx


def pool():
    return urllib3.PoolManager(cert_reqs="CERT_NONE")  #@vuln CWE-295


def pool_ok():
    return urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs="/etc/ssl/certs/ca.pem")  #@safe


def db(password="Pgr3s-Pr0d-2024"):  #@vuln CWE-798|CWE-259
    return psycopg2.connect(host="db", user="app", password=password)


def db2():
    return psycopg2.connect(host="db", user="app", password="Sup3rS3cretPg!")  #@vuln CWE-798|CWE-259


def s3():
    return boto3.client(
        "s3",
        aws_access_key_id="AKIAEXAMPLEKEY0",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY1",  #@vuln CWE-798|CWE-259
    )


def cache():
    return redis.Redis(host="cache", password="")  #@safe


def cache2(cfg):
    return redis.Redis(host="cache", password=cfg["redis_password"])  #@safe
