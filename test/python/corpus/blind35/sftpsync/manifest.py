"""Partners publish a manifest.yml next to their files describing what to
pick up, which bundles to unpack and what to run afterwards."""
import fnmatch

import yaml


def parse_manifest(text):
    return yaml.load(text, Loader=yaml.Loader) or {}  #@vuln CWE-502


def build_filter(manifest):
    """Return a predicate over paramiko SFTPAttributes entries."""
    expr = manifest.get("include_if")
    if expr:
        # e.g. "f.st_size > 0 and f.filename.endswith('.csv')"
        return eval("lambda f: " + expr)  #@vuln CWE-95
    patterns = manifest.get("include", ["*"])
    return lambda f: any(fnmatch.fnmatch(f.filename, p) for p in patterns)


def bundles(manifest):
    return [str(b) for b in manifest.get("bundles", [])]
