"""Production settings for the ops console."""
import os

from .base import *  # noqa: F401,F403

DEBUG = os.environ.get("OPS_DEBUG", "") == "1"  #@safe
SECRET_KEY = os.environ["OPS_SECRET_KEY"]  #@safe
