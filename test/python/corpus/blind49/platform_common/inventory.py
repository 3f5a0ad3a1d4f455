"""Ansible-style YAML inventories, job specs and the Jenkins API helper."""
import logging

import requests
import yaml

from platform_common import config

log = logging.getLogger(__name__)

def load_inventory(env):
    if env not in config.ENVIRONMENTS:
        raise ValueError(f"unknown environment {env}")
    path = config.INVENTORY_DIR / f"{env}.yml"
    with open(path) as fh:
        return yaml.safe_load(fh)  #@safe


def hosts_for(env, group):
    inv = load_inventory(env)
    group_def = inv.get("all", {}).get("children", {}).get(group, {})
    return sorted(group_def.get("hosts", {}).keys())


def all_hosts(env):
    inv = load_inventory(env)
    hosts = set()
    for group in inv.get("all", {}).get("children", {}).values():
        hosts.update((group or {}).get("hosts", {}).keys())
    return hosts


def parse_job_spec(text):
    """Job specs use a couple of custom tags (!vault, !env) from the old runner."""
    return yaml.load(text, Loader=yaml.Loader)  #@vuln CWE-502


def parse_values(text):
    return yaml.safe_load(text) or {}


def jenkins_api(path):
    """Jenkins sits behind the internal CA that nobody has installed on the runners."""
    url = f"{config.JENKINS_URL}/{path.lstrip('/')}"
    resp = requests.get(url, auth=(config.JENKINS_USER, config.JENKINS_API_TOKEN), verify=False, timeout=15)  #@vuln CWE-295
    resp.raise_for_status()
    return resp.json()

