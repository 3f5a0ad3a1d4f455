"""kopf operator for infra.corp.io resources: DatabaseBackup, ConfigBundle, ServiceCheck.

Run with: kopf run -m kopf_operator.handlers --all-namespaces
"""
import datetime
import os
import re
import shutil
import subprocess

import jinja2
import jinja2.sandbox
import kopf
import requests

from common.http import fetch
from kopf_operator import k8s_util

GROUP = "infra.corp.io"
WORK_ROOT = "/var/lib/infra-operator/work"
DUMPERS = {"postgres": "pg_dump", "mysql": "mysqldump"}
S3_TARGET_RE = re.compile(r"^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[\w./-]*)?$")
DNS_LABEL_RE = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
SANDBOX = jinja2.sandbox.SandboxedEnvironment(autoescape=False)


@kopf.on.create(GROUP, "v1", "databasebackups")
@kopf.on.update(GROUP, "v1", "databasebackups", field="spec.schedule")
def backup_database(spec, name, namespace, logger, patch, **_):
    engine = spec.get("engine", "postgres")
    if engine not in DUMPERS:
        raise kopf.PermanentError(f"unsupported engine {engine}")
    target = spec.get("target", f"s3://corp-db-backups/{namespace}/{name}/")
    if not S3_TARGET_RE.fullmatch(target):
        raise kopf.PermanentError("target must be an s3:// URL")
    workdir = os.path.join(WORK_ROOT, namespace, name)
    os.makedirs(workdir, exist_ok=True)
    stamp = datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%S")
    dump_path = os.path.join(workdir, f"{stamp}.sql.gz")

    creds = k8s_util.read_secret(namespace, spec["credentialsSecret"])
    env = dict(os.environ, PGPASSWORD=creds.get("password", ""), MYSQL_PWD=creds.get("password", ""))
    cmd = f"{DUMPERS[engine]} -h {spec['host']} -U {creds.get('username', 'backup')} {spec['database']} | gzip > {dump_path}"
    subprocess.run(cmd, shell=True, check=True, env=env, timeout=3600)  #@vuln CWE-78
    subprocess.run(["aws", "s3", "cp", dump_path, target], check=True, timeout=1800)

    patch.status["lastBackup"] = stamp
    patch.status["location"] = target + f"{stamp}.sql.gz"
    logger.info("backup %s/%s uploaded to %s", namespace, name, target)


@kopf.on.delete(GROUP, "v1", "databasebackups")
def cleanup_backup(spec, name, namespace, logger, **_):
    base = os.path.realpath(os.path.join(WORK_ROOT, namespace))
    workdir = os.path.realpath(os.path.join(base, name))
    if os.path.commonpath([base, workdir]) != base:
        raise kopf.PermanentError("refusing to clean up outside the work root")
    shutil.rmtree(workdir, ignore_errors=True)  #@safe
    for extra in spec.get("extraPaths", []):
        shutil.rmtree(os.path.join(WORK_ROOT, namespace, extra), ignore_errors=True)  #@vuln CWE-22
    logger.info("cleaned up %s", workdir)


@kopf.on.create(GROUP, "v1", "configbundles")
@kopf.on.update(GROUP, "v1", "configbundles")
def render_bundle(spec, name, namespace, logger, patch, **_):
    values = {}
    for src in spec.get("sources", []):
        if "url" in src:
            resp = requests.get(src["url"], timeout=10, headers=src.get("headers", {}))  #@vuln CWE-918
            resp.raise_for_status()
            values.update(resp.json())
        elif "configMap" in src:
            values.update(k8s_util.read_configmap(namespace, src["configMap"]))

    if "chartRepo" in spec:
        index = fetch(spec["chartRepo"].rstrip("/") + "/index.yaml").text
        values["chartIndexBytes"] = len(index)

    key_filter = spec.get("keyFilter")
    if key_filter:
        rx = re.compile(key_filter)  #@vuln CWE-1333
        values = {k: v for k, v in values.items() if rx.search(k)}

    rendered = {}
    for fname, tmpl in spec.get("templates", {}).items():
        rendered[fname] = jinja2.Template(tmpl).render(values=values, namespace=namespace, name=name)  #@vuln CWE-1336
    notes = SANDBOX.from_string(spec.get("notes", "")).render(values=values, name=name)  #@safe

    k8s_util.apply_configmap(namespace, f"{name}-rendered", rendered)
    patch.status["renderedKeys"] = sorted(rendered)
    patch.status["notes"] = notes[:1024]
    logger.info("rendered %d files for %s/%s", len(rendered), namespace, name)


@kopf.timer(GROUP, "v1", "servicechecks", interval=60, initial_delay=10)
def run_check(spec, name, namespace, patch, logger, **_):
    svc = spec["service"]
    port = int(spec.get("port", 80))
    path = spec.get("path", "/healthz")
    if not DNS_LABEL_RE.fullmatch(svc) or not path.startswith("/"):
        raise kopf.PermanentError("invalid service or path")
    url = f"http://{svc}.{namespace}.svc.cluster.local:{port}{path}"
    try:
        resp = requests.get(url, timeout=5)  #@safe
        status = {"code": resp.status_code, "latency": resp.elapsed.total_seconds(), "body": resp.text[:2048]}
    except requests.RequestException as exc:
        status = {"code": 0, "latency": None, "body": str(exc)}
    condition = spec.get("successWhen", "status['code'] == 200")
    healthy = bool(eval(condition, {"__builtins__": {}}, {"status": status}))  #@vuln CWE-95
    patch.status["healthy"] = healthy
    patch.status["lastCheck"] = datetime.datetime.utcnow().isoformat() + "Z"
    if not healthy:
        logger.warning("check %s/%s failing: %s", namespace, name, status["code"])


@kopf.on.create(GROUP, "v1", "appdatabases")
def provision_db_user(spec, name, namespace, patch, **_):
    secret_name = f"{name}-db-{k8s_util.name_suffix()}"
    k8s_util.ensure_db_secret(namespace, secret_name, spec.get("username", name.replace("-", "_")))
    patch.status["secretName"] = secret_name
