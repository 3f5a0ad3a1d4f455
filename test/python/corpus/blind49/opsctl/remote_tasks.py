"""Fabric tasks against VMs and Kubernetes helpers (client library + kubectl)."""
import logging
import shlex
import subprocess

from fabric import Connection
from invoke import UnexpectedExit
from kubernetes import client as k8s, config as k8s_config

from platform_common import config, inventory

log = logging.getLogger(__name__)

NAMESPACE_DEFAULT = "platform"


def _conn(host):
    return Connection(host, user=config.SSH_USER, connect_kwargs={"key_filename": config.SSH_KEY_PATH}, connect_timeout=10)


def restart_service(env, group, unit):
    results = {}
    for host in inventory.hosts_for(env, group):
        try:
            res = _conn(host).sudo(f"systemctl restart {shlex.quote(unit)}", hide=True)  #@safe
            results[host] = res.return_code
        except UnexpectedExit as exc:
            results[host] = exc.result.return_code
    return results


def rotate_logs(host, service, keep_days):
    c = _conn(host)
    c.run(f"find /var/log/{service} -name '*.gz' -mtime +{keep_days} -delete", hide=True)  #@vuln CWE-78


def push_config(host, local_path, remote_path):
    c = _conn(host)
    c.put(local_path, f"/tmp/{remote_path.replace('/', '_')}")
    c.sudo(f"install -m 0644 /tmp/{remote_path.replace('/', '_')} {remote_path}")  #@vuln CWE-78


def load_kube(context=None, insecure=False):
    k8s_config.load_kube_config(context=context)
    if insecure:
        cfg = k8s.Configuration.get_default_copy()
        cfg.verify_ssl = False  #@vuln CWE-295
        k8s.Configuration.set_default(cfg)
    return k8s.CoreV1Api(), k8s.AppsV1Api()


def scale(apps, namespace, deployment, replicas):
    body = {"spec": {"replicas": int(replicas)}}
    return apps.patch_namespaced_deployment_scale(deployment, namespace, body)


def kubectl_logs(namespace, selector, since="1h"):
    cmd = f"kubectl -n {namespace} logs -l {selector} --since={since} --all-containers --prefix"
    return subprocess.check_output(cmd, shell=True, text=True)  #@vuln CWE-78


def kubectl_rollout_status(namespace, deployment):
    return subprocess.check_output(["kubectl", "-n", namespace, "rollout", "status", f"deployment/{deployment}", "--timeout=300s"], text=True)  #@safe


def helm_upgrade(release, chart, namespace, set_values):
    sets = " ".join(f"--set {k}={v}" for k, v in set_values.items())
    return subprocess.getoutput(f"helm upgrade --install {release} {chart} -n {namespace} {sets}")  #@vuln CWE-78
