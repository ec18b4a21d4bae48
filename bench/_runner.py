"""What every benchmark shares: run one measurement per database in a child process (SQLite, and
PostgreSQL when it answers at MOTCUA_BENCH_PG_URL), each on a throw-away test database."""

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pg_available(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def run_on_each_database(script: str) -> None:
    """Run `script --run-one LABEL` once per available database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("DATABASE_URL", None)
    runs = [("SQLite", env)]
    pg_url = os.environ.get(
        "MOTCUA_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/motcua_bench"
    )
    if pg_available(pg_url):
        runs.append(("PostgreSQL", {**env, "DATABASE_URL": pg_url}))
    else:
        print(f"PostgreSQL      not reachable at {pg_url}: skipped")
    for label, run_env in runs:
        command = [sys.executable, script, "--run-one", label]
        subprocess.run(command, env=run_env, check=True, cwd=ROOT)  # noqa: S603 - our own script


def main(script: str, run_one: Callable[[str], None]) -> None:
    """The entry point of a benchmark script: the child runs `run_one(label)`."""
    if len(sys.argv) > 2 and sys.argv[1] == "--run-one":
        import django

        sys.path.insert(0, str(ROOT))
        django.setup()
        from django.db import connection

        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            run_one(sys.argv[2])
        finally:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    else:
        run_on_each_database(script)
