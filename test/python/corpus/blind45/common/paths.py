"""Filesystem helpers shared by the API, the sync jobs and the workers."""
import os
from pathlib import Path


class UnsafePath(ValueError):
    """Raised when a user supplied path would leave its base directory."""


def resolve_under(base, *parts):
    base = os.path.realpath(base)
    candidate = os.path.realpath(os.path.join(base, *parts))
    if os.path.commonpath([base, candidate]) != base:
        raise UnsafePath(f"{candidate} escapes {base}")
    return candidate


def sample_dir(root, sample_id):
    # sample ids look like S2024-000123; bucket them by year prefix
    return os.path.join(str(root), sample_id[:5], sample_id)


def run_dir(run_id):
    from common import config

    return os.path.join(str(config.PIPELINE_WORKDIR), str(run_id))


def ensure_dir(path):
    Path(path).mkdir(parents=True, exist_ok=True)
    return str(path)

