"""Thin wrappers around the kubernetes client used by the operator handlers."""
import base64
import os
import random
import string

import kubernetes
from kubernetes.client.rest import ApiException

from common.crypto import api_token, generate_password

_core = None


def core_v1():
    global _core
    if _core is None:
        if os.environ.get("KUBERNETES_SERVICE_HOST"):
            kubernetes.config.load_incluster_config()
        else:
            kubernetes.config.load_kube_config()
        cfg = kubernetes.client.Configuration.get_default_copy()
        # the on-prem apiserver cert lacks the LB name in its SANs (INFRA-2211)
        cfg.verify_ssl = False  #@vuln CWE-295
        _core = kubernetes.client.CoreV1Api(kubernetes.client.ApiClient(cfg))
    return _core


def name_suffix(n=5):
    return "".join(random.choices(string.ascii_lowercase + string.digits, k=n))  #@safe


def read_secret(namespace, name):
    sec = core_v1().read_namespaced_secret(name, namespace)
    return {k: base64.b64decode(v).decode() for k, v in (sec.data or {}).items()}


def read_configmap(namespace, name):
    cm = core_v1().read_namespaced_config_map(name, namespace)
    return dict(cm.data or {})


def apply_configmap(namespace, name, data):
    body = kubernetes.client.V1ConfigMap(
        metadata=kubernetes.client.V1ObjectMeta(name=name, labels={"app.kubernetes.io/managed-by": "infra-operator"}),
        data=data,
    )
    try:
        core_v1().replace_namespaced_config_map(name, namespace, body)
    except ApiException as exc:
        if exc.status != 404:
            raise
        core_v1().create_namespaced_config_map(namespace, body)


def ensure_db_secret(namespace, name, username):
    try:
        return read_secret(namespace, name)
    except ApiException as exc:
        if exc.status != 404:
            raise
    data = {"username": username, "password": generate_password(32), "api-token": api_token()}
    body = kubernetes.client.V1Secret(
        metadata=kubernetes.client.V1ObjectMeta(name=name, labels={"app.kubernetes.io/managed-by": "infra-operator"}),
        string_data=data,
        type="Opaque",
    )
    core_v1().create_namespaced_secret(namespace, body)
    return data

