"""Shared helpers used by the async services in this repository."""
