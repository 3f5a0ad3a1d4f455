"""Outbound calls made by the webhook receiver: Slack, callbacks, GitLab, dashboard."""
import logging
from urllib.parse import quote

import requests

from platform_common import config, templating

log = logging.getLogger(__name__)

DEFAULT_TEMPLATE = "{{ project }}: pipeline {{ status }} on {{ ref }}"


def slack(text):
    if not config.SLACK_WEBHOOK_URL:
        log.info("slack disabled: %s", text)
        return
    requests.post(config.SLACK_WEBHOOK_URL, json={"text": text}, timeout=5)


def render_message(rules, context):
    source = rules.get("notify_template") or DEFAULT_TEMPLATE
    return templating.render_inline(source, context)


def render_message_safe(rules, context):
    return templating.render_inline_sandboxed(rules.get("notify_template") or DEFAULT_TEMPLATE, context)


def fire_callback(url, body):
    """Projects can ask to be told when their deploy finishes."""
    try:
        resp = requests.post(url, json=body, timeout=10)  #@vuln CWE-918
        return resp.status_code
    except requests.RequestException as exc:
        log.warning("callback %s failed: %s", url, exc)
        return None


def fetch_repo_file(project_path, ref, file_path):
    url = f"{config.GITLAB_URL}/api/v4/projects/{quote(project_path, safe='')}/repository/files/{quote(file_path, safe='')}/raw"
    resp = requests.get(url, params={"ref": ref}, headers={"PRIVATE-TOKEN": config.GITLAB_TOKEN}, timeout=10)  #@safe
    if resp.status_code == 404:
        return None
    resp.raise_for_status()
    return resp.text


def fetch_artifact_manifest(base_url, job_id):
    """Runner reports where it stored artifacts; we pull the manifest back."""
    resp = requests.get(f"{base_url.rstrip('/')}/jobs/{job_id}/artifacts/manifest.json", timeout=10)  #@vuln CWE-918
    resp.raise_for_status()
    return resp.json()


def trigger_dashboard_deploy(service, env, version):
    resp = requests.post(
        f"{config.DASHBOARD_URL}/api/deploys",
        json={"service": service, "env": env, "version": version},
        headers={"Authorization": f"Token {config.GITLAB_WEBHOOK_SECRET}"},
        timeout=10,
    )
    return resp.status_code
