"""sftpsync - pull partner drops over SFTP.

    python -m sftpsync.sync PROFILE [--dry-run]
"""
import argparse
import logging
import os
import shutil
import stat
import subprocess
import sys

import paramiko

from common import fsutil
from . import manifest as manifest_mod
from .settings import KNOWN_HOSTS, load_profiles

log = logging.getLogger("sftpsync")


def open_client(profile, strict=False):
    client = paramiko.SSHClient()
    if strict:
        client.load_host_keys(KNOWN_HOSTS)
        client.set_missing_host_key_policy(paramiko.RejectPolicy())  #@safe
    else:
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  #@vuln CWE-295
    client.connect(profile["host"], port=profile["port"], username=profile["username"],
                   password=profile["password"], timeout=20, allow_agent=False, look_for_keys=False)
    return client


def read_manifest(sftp, remote_dir):
    try:
        with sftp.open(f"{remote_dir}/manifest.yml") as fh:
            return manifest_mod.parse_manifest(fh.read().decode("utf-8"))
    except IOError:
        log.info("no manifest in %s", remote_dir)
        return {}


def pull(sftp, profile, manifest, dry_run=False):
    remote_dir, local_dir = profile["remote_dir"], profile["local_dir"]
    os.makedirs(local_dir, exist_ok=True)
    wanted = manifest_mod.build_filter(manifest)
    fetched = []
    for entry in sftp.listdir_attr(remote_dir):
        if stat.S_ISDIR(entry.st_mode) or entry.filename == "manifest.yml" or not wanted(entry):
            continue
        local_path = os.path.join(local_dir, entry.filename)
        if dry_run:
            log.info("would fetch %s (%d bytes)", entry.filename, entry.st_size)
            continue
        staging = fsutil.scratch_file(".part")
        sftp.get(f"{remote_dir}/{entry.filename}", staging)
        shutil.move(staging, local_path)  #@vuln CWE-22
        log.info("fetched %s", entry.filename)
        fetched.append(local_path)
        if profile.get("delete_after"):
            sftp.remove(f"{remote_dir}/{entry.filename}")
    return fetched


def unpack_bundles(sftp, profile, manifest):
    remote_dir, local_dir = profile["remote_dir"], profile["local_dir"]
    for name in manifest_mod.bundles(manifest):
        local_path = fsutil.safe_join(local_dir, name)
        sftp.get(f"{remote_dir}/{name}", local_path)  #@safe
        fsutil.extract_bundle(local_path, os.path.join(local_dir, "unpacked"))


def run_post_hook(manifest, local_dir):
    hook = manifest.get("post_sync")
    if not hook:
        return None
    cmd = hook.replace("{dir}", local_dir)
    log.info("running post_sync hook: %s", cmd)
    return subprocess.run(cmd, shell=True, cwd=local_dir, check=False).returncode  #@vuln CWE-78


def notify(profile, fetched):
    subprocess.run(["logger", "-t", "sftpsync", f"{profile['name']}: {len(fetched)} new files"], check=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("profile")
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)

    profiles = load_profiles()
    if args.profile not in profiles:
        parser.error(f"unknown profile {args.profile!r}; known: {', '.join(sorted(profiles))}")
    profile = profiles[args.profile]

    client = open_client(profile, strict=profile.get("strict_host_keys", False))
    try:
        sftp = client.open_sftp()
        manifest = read_manifest(sftp, profile["remote_dir"])
        fetched = pull(sftp, profile, manifest, args.dry_run)
        if not args.dry_run:
            unpack_bundles(sftp, profile, manifest)
            run_post_hook(manifest, profile["local_dir"])
            notify(profile, fetched)
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
