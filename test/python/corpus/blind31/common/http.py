"""HTTP helpers with consistent retries and user agent."""
import logging
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from common.config import load_config

log = logging.getLogger(__name__)

CORP_CA = "/etc/ssl/certs/corp-internal-ca.pem"
USER_AGENT = "corp-infra-tools/2.4"

session = requests.Session()
session.headers["User-Agent"] = USER_AGENT
session.mount("https://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=0.5, status_forcelist=(502, 503, 504))))
session.mount("http://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=0.5)))


def fetch(url, timeout=15, **kwargs):
    """GET a URL and raise on non-2xx."""
    log.debug("GET %s", url)
    resp = session.get(url, timeout=timeout, **kwargs)  #@vuln CWE-918
    resp.raise_for_status()
    return resp


def post_webhook(url, payload):
    allowed = set(load_config()["webhook_hosts"])
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in allowed:
        raise ValueError(f"webhook host not allowed: {parsed.hostname}")
    return session.post(url, json=payload, timeout=10)  #@safe


def vault_read(secret_path, token):
    addr = load_config()["vault_addr"]
    # vault's cert is issued by the old intermediate that isn't in the bundle yet
    resp = requests.get(f"{addr}/v1/{secret_path}", headers={"X-Vault-Token": token}, verify=False, timeout=5)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()["data"]


def inventory_api(path, timeout=10):
    resp = session.get(f"https://inventory-api.corp.internal/{path.lstrip('/')}", verify=CORP_CA, timeout=timeout)
    resp.raise_for_status()
    return resp.json()
