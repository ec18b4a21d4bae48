"""Project-wide guarantees: migrations match the models, production settings are deployable."""

import os
import re
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_migrations_match_the_models() -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "MOTCUA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "MOTCUA_ALLOWED_HOSTS": "motcua.example.gov.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.prod", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_english_catalogue_is_complete() -> None:
    """Every UI string has an English translation, none is fuzzy (a guess gettext ignores)."""
    po = (Path(__file__).resolve().parents[1] / "locale/en/LC_MESSAGES/django.po").read_text()
    entries = po.split("\n\n")[1:]  # the first is the header
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    untranslated = re.compile(r'^msgstr(?:\[\d\])? ""$(?!\n")', re.MULTILINE)
    empty = [e for e in entries if untranslated.search(e)]
    assert fuzzy == []
    assert empty == []
