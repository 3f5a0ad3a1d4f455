"""Development settings for the ops console."""
from .base import *  # noqa: F401,F403

DEBUG = True  #@vuln CWE-489|CWE-215
INTERNAL_IPS = ["127.0.0.1"]
