"""Test settings: fast hashing, tasks run inline, mail kept in memory."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-insecure-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"

# --- notifications: SMS kept in memory (motcua.notifications.backends.outbox) ------------------
MOTCUA_SMS_BACKEND = "locmem"
MOTCUA_SMS_UNACCENTED = False
MOTCUA_SMS_SENDER = "MOTCUA"
