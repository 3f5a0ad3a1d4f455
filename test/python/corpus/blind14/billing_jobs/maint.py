import argparse
import json
import ssl
import tarfile
import urllib.request

import yaml

from .settings import RATES_URL


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="billing-maint")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("apply-config")
    p.add_argument("config")
    p = sub.add_parser("check-config")
    p.add_argument("config")
    p = sub.add_parser("restore-templates")
    p.add_argument("archive")
    p.add_argument("--dest", default="/srv/billing/statements")
    sub.add_parser("fetch-rates")
    return parser


def apply_config(path: str) -> dict:
    with open(path) as fh:
        cfg = yaml.unsafe_load(fh)  #@vuln CWE-502
    return cfg


def check_config(path: str) -> dict:
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.SafeLoader)  #@safe


def restore_templates(archive: str, dest: str) -> int:
    with tarfile.open(archive) as tf:
        tf.extractall(path=dest)  #@vuln CWE-22
        return len(tf.getmembers())


def fetch_rates(url: str = RATES_URL) -> dict:
    ctx = ssl._create_unverified_context()  #@vuln CWE-295
    with urllib.request.urlopen(url, context=ctx, timeout=10) as resp:
        return json.load(resp)


def main(argv=None) -> None:
    args = build_parser().parse_args(argv)
    if args.cmd == "apply-config":
        print(json.dumps(apply_config(args.config), indent=2, default=str))
    elif args.cmd == "check-config":
        print(json.dumps(check_config(args.config), indent=2, default=str))
    elif args.cmd == "restore-templates":
        print(f"restored {restore_templates(args.archive, args.dest)} files")
    elif args.cmd == "fetch-rates":
        print(json.dumps(fetch_rates(), indent=2))


if __name__ == "__main__":
    main()
