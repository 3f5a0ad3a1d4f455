"""Apptainer image builds requested from the portal."""
import logging
import os
import re
import subprocess
import uuid

import yaml

log = logging.getLogger(__name__)

BUILD_ROOT = os.environ.get("JOBSVC_BUILD_ROOT", "/var/lib/jobsvc/builds")
IMAGE_CACHE = "/shared/containers/cache"
IMAGE_REF_RE = re.compile(r"[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[A-Za-z0-9._-]{1,128})?")


class BuildError(RuntimeError):
    pass


def load_build_spec(raw):
    """A build spec is a YAML document: name, bootstrap, from, post, environment."""
    spec = yaml.load(raw, Loader=yaml.Loader)  #@vuln CWE-502
    if not isinstance(spec, dict) or "name" not in spec:
        raise BuildError("build spec needs a name")
    return spec


def definition_from_spec(spec):
    lines = [f"Bootstrap: {spec.get('bootstrap', 'docker')}", f"From: {spec['from']}", ""]
    if spec.get("environment"):
        lines.append("%environment")
        lines.extend(f"    export {k}={v}" for k, v in spec["environment"].items())
    if spec.get("post"):
        lines.append("%post")
        lines.extend("    " + step for step in spec["post"])
    return "\n".join(lines) + "\n"


def build_image(spec, owner):
    build_id = uuid.uuid4().hex[:12]
    workdir = os.path.join(BUILD_ROOT, owner, build_id)
    os.makedirs(workdir, exist_ok=True)
    def_path = os.path.join(workdir, "image.def")
    with open(def_path, "w") as fh:
        fh.write(definition_from_spec(spec))
    log_path = build_log_path(build_id)
    cmd = "apptainer build --fakeroot --force %s.sif %s > %s 2>&1" % (spec["name"], def_path, log_path)
    proc = subprocess.Popen(cmd, shell=True, cwd=workdir)  #@vuln CWE-78
    log.info("build %s started for %s (pid %s)", build_id, owner, proc.pid)
    return build_id, proc


def build_log_path(build_id):
    path = f"/tmp/rcbuild-{build_id}.log"
    open(path, "a").close()  #@vuln CWE-377
    return path


def pull_image(ref):
    if not IMAGE_REF_RE.fullmatch(ref):
        raise BuildError(f"invalid image reference {ref!r}")
    subprocess.run(["apptainer", "pull", "--dir", IMAGE_CACHE, f"docker://{ref}"],  #@safe
                   check=True, timeout=1800)
    return os.path.join(IMAGE_CACHE, ref.replace("/", "_").replace(":", "_") + ".sif")


def inspect_image(sif_path):
    out = subprocess.run(["apptainer", "inspect", "--json", sif_path], capture_output=True, text=True, check=True)
    return out.stdout
