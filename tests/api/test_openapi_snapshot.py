"""The API's OpenAPI document is a contract: any change to it shows up in review as a diff of
tests/api/openapi.json.

When a change is intended, regenerate the snapshot and commit it with the change:

    UPDATE_OPENAPI_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi_snapshot.py
"""

import json
import os
from pathlib import Path

from motcua.api.main import api

SNAPSHOT = Path(__file__).with_name("openapi.json")


def render() -> str:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_openapi_matches_the_snapshot() -> None:
    current = render()
    if os.environ.get("UPDATE_OPENAPI_SNAPSHOT") == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert SNAPSHOT.exists(), "No snapshot: run with UPDATE_OPENAPI_SNAPSHOT=1 to create it."
    assert current == SNAPSHOT.read_text(encoding="utf-8"), (
        "The OpenAPI document changed. If intended, run with UPDATE_OPENAPI_SNAPSHOT=1 and commit "
        "tests/api/openapi.json."
    )


def test_every_dossier_endpoint_requires_authentication() -> None:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            secured = bool(operation.get("security"))
            assert secured == path.startswith("/api/v1/dossiers"), (method, path)
