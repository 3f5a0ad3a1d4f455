"""backup-cli: archives a folder and uploads it."""
import argparse
import getpass
import hashlib
import os
import random
import subprocess
from ftplib import FTP

import paramiko
import requests

UPLOAD_ENDPOINT = "https://backup.example.com/upload"


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("source")
    p.add_argument("--name", default="backup")
    p.add_argument("--host", default="backup.example.com")
    return p.parse_args()


def archive(args):
    target = f"/tmp/{args.name}.tar.gz"
    os.system(f"tar czf {target} {args.source}")  #@vuln CWE-78
    subprocess.run(["tar", "czf", target, args.source], check=True)  #@safe
    return target


def checksum(path):
    digest = hashlib.sha256()  #@safe
    with open(path, "rb") as fh:
        digest.update(fh.read())
    return digest.hexdigest()


def upload(path, host):
    ftp = FTP(host)
    ftp.login("backup", "b4ckup-Upl0ad")  #@vuln CWE-798
    with open(path, "rb") as fh:
        ftp.storbinary("STOR " + os.path.basename(path), fh)
    ftp.quit()


def upload_interactive(path, host):
    password = getpass.getpass("FTP password: ")  #@safe
    ftp = FTP(host)
    ftp.login("backup", password)  #@safe
    ftp.quit()


def upload_http(path):
    with open(path, "rb") as fh:
        requests.post(UPLOAD_ENDPOINT, files={"f": fh}, timeout=60)  #@safe


def remote_rotate(host, keep):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  #@vuln CWE-295
    client.connect(host, username="backup", key_filename=os.path.expanduser("~/.ssh/backup"))
    client.exec_command("ls -1t /backups | tail -n +%d | xargs rm -f" % keep)
    client.close()


def session_tag():
    session_id = "%032x" % random.getrandbits(128)  #@vuln CWE-338
    return session_id


def jitter():
    return random.uniform(0.5, 1.5)  #@safe


def main():
    args = parse_args()
    path = archive(args)
    print(checksum(path))
    upload(path, args.host)
    subprocess.call("logger backup finished for " + args.name, shell=True)  #@vuln CWE-78


if __name__ == "__main__":
    main()
