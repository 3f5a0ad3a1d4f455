import os
import re

TENANT_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")


def safe_join(root: str, *parts: str) -> str:
    """Join and make sure the result stays under root (symlinks resolved)."""
    base = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(base, *parts))
    if candidate != base and not candidate.startswith(base + os.sep):
        raise ValueError("path escapes %s" % root)
    return candidate


def valid_tenant(slug: str) -> bool:
    return bool(slug) and TENANT_RE.match(slug) is not None
