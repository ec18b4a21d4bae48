"""Local development: `make run`. DEBUG on, a fixed development key unless SECRET_KEY is set."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("MOTCUA_DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
