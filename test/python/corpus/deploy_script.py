#!/usr/bin/env python3
"""Deploy helper: fetches a release archive, unpacks it and restarts the service."""
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile

import yaml

RELEASES = "/opt/app/releases"


def run(cmd):
    print("+", cmd)
    return subprocess.call(cmd, shell=True)  #@vuln CWE-78


def restart(service):
    os.system("systemctl restart " + service)  #@vuln CWE-78


def restart_safe(service):
    subprocess.run(["systemctl", "restart", service], check=True)  #@safe


def reload_nginx():
    os.system("nginx -s reload")  #@safe


def unpack(archive_path, dest):
    with tarfile.open(archive_path) as tar:
        tar.extractall(dest)  #@vuln CWE-22


def unpack_filtered(archive_path, dest):
    with tarfile.open(archive_path) as tar:
        tar.extractall(dest, filter="data")  #@safe


def unpack_zip(archive_path, dest):
    zf = zipfile.ZipFile(archive_path)
    zf.extractall(dest)  #@vuln CWE-22
    zf.close()


def load_config(path):
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.FullLoader)  #@vuln CWE-502


def load_config_safe(path):
    with open(path) as fh:
        return yaml.safe_load(fh)  #@safe


def scratch_file():
    name = tempfile.mktemp(suffix=".tar.gz")  #@vuln CWE-377
    return name


def scratch_file_safe():
    fd, name = tempfile.mkstemp(suffix=".tar.gz")  #@safe
    os.close(fd)
    return name


def main():
    if len(sys.argv) < 3:
        print("usage: deploy.py VERSION SERVICE")
        sys.exit(1)
    version = sys.argv[1]
    service = sys.argv[2]
    archive = os.path.join(RELEASES, version + ".tar.gz")
    subprocess.check_call("curl -sfo " + archive + " https://releases.example.com/" + version, shell=True)  #@vuln CWE-78
    unpack(archive, os.path.join(RELEASES, version))
    os.system(f"ln -sfn {RELEASES}/{version} /opt/app/current")  #@vuln CWE-78
    subprocess.check_call(["chown", "-R", "app:app", os.path.join(RELEASES, version)])  #@safe
    restart(service)


if __name__ == "__main__":
    main()
