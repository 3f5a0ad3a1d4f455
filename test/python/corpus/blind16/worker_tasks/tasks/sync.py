import logging

import requests

from ..celery_app import app

log = logging.getLogger(__name__)


@app.task(autoretry_for=(requests.ConnectionError,), retry_backoff=True)
def deliver_webhook(subscription: dict, event: dict):
    endpoint = subscription["endpoint_url"]
    headers = {"X-Event-Type": event["type"], "X-Subscription": str(subscription["id"])}
    resp = requests.post(endpoint, json=event, headers=headers, timeout=10)  #@vuln CWE-918
    log.info("webhook %s -> %s", subscription["id"], resp.status_code)
    return resp.status_code
