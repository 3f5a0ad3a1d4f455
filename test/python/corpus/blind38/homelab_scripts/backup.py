#!/usr/bin/env python3
"""
backup.py - nightly backup of my stuff to the NAS
usage: python3 backup.py --src ~/Documents --dest backup@192.168.1.20:/volume1/backup
(runs from cron at 3am, see crontab -l)
"""
import argparse
import datetime
import hashlib
import json
import logging
import os
import subprocess
import sys
import tarfile
import tempfile

NAS_HOST = "192.168.1.20"
NAS_USER = "backup"
STATE_FILE = os.path.expanduser("~/.backup_state.json")
LOCK_FILE = "/tmp/backup.lock"

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
log = logging.getLogger("backup")


def load_state():
    if os.path.exists(STATE_FILE):
        with open(STATE_FILE) as fh:
            return json.load(fh)
    return {"last_run": None, "checksums": {}}


def save_state(state):
    with open(STATE_FILE, "w") as fh:
        json.dump(state, fh, indent=2)


def checksum(path):
    # just to see if the archive changed since last time, not for security
    h = hashlib.md5()  #@safe
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(65536), b""):
            h.update(block)
    return h.hexdigest()


def make_archive(src):
    tmp = tempfile.mktemp(suffix=".tar.gz", prefix="backup-")  #@vuln CWE-377
    log.info("archiving %s -> %s", src, tmp)
    os.system("tar -czf " + tmp + " " + src)  #@vuln CWE-78
    return tmp


def upload(archive, dest):
    name = "backup-%s.tar.gz" % datetime.date.today().isoformat()
    subprocess.run(["scp", "-q", archive, dest.rstrip("/") + "/" + name], check=True)  #@safe
    return name


def prune_old(dest_dir, keep):
    # keep the newest N archives on the NAS
    subprocess.call("ssh %s@%s 'cd %s && ls -t | tail -n +%s | xargs rm -f'" % (NAS_USER, NAS_HOST, dest_dir, keep), shell=True)  #@vuln CWE-78


def restore(archive_path, target):
    os.makedirs(target, exist_ok=True)
    with tarfile.open(archive_path) as tar:
        tar.extractall(target)  #@vuln CWE-22
    log.info("restored %s into %s", archive_path, target)


def restore_single(archive_path, member_name, target):
    # pull out one file only, make sure it stays inside target
    target = os.path.realpath(target)
    with tarfile.open(archive_path) as tar:
        member = tar.getmember(member_name)
        dest = os.path.realpath(os.path.join(target, member.name))
        if not dest.startswith(target + os.sep):
            raise SystemExit("refusing to extract outside of " + target)
        tar.extract(member, target)  #@safe


def notify_done():
    os.system('notify-send "backup" "nightly backup finished"')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src")
    ap.add_argument("--dest")
    ap.add_argument("--restore")
    ap.add_argument("--member")
    ap.add_argument("--target", default=".")
    ap.add_argument("--prune")
    ap.add_argument("--keep", default="14")
    args = ap.parse_args()

    if os.path.exists(LOCK_FILE):
        log.warning("another backup seems to be running (%s)", LOCK_FILE)
        sys.exit(1)
    lock = open(LOCK_FILE, "w")  #@vuln CWE-377
    lock.write(str(os.getpid()))
    lock.close()
    try:
        if args.restore:
            if args.member:
                restore_single(args.restore, args.member, args.target)
            else:
                restore(args.restore, args.target)
        elif args.prune:
            prune_old(args.prune, args.keep)
        elif args.src and args.dest:
            state = load_state()
            archive = make_archive(args.src)
            digest = checksum(archive)
            if state["checksums"].get(args.src) == digest:
                log.info("nothing changed, skipping upload")
            else:
                upload(archive, args.dest)
                state["checksums"][args.src] = digest
            state["last_run"] = datetime.datetime.now().isoformat()
            save_state(state)
            os.remove(archive)
            notify_done()
        else:
            ap.print_help()
    finally:
        os.remove(LOCK_FILE)


if __name__ == "__main__":
    main()
