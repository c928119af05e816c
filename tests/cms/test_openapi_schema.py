"""The OpenAPI schema is a contract with frontends: a change to it must be deliberate.

After an intended change, regenerate the snapshot with
`UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/cms/test_openapi_schema.py`
and commit it with the change.
"""

import json
import os
from pathlib import Path

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")


def test_schema_matches_the_committed_snapshot(client, db):
    schema = client.get("/api/openapi.json").json()
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    assert schema == json.loads(SNAPSHOT.read_text())


def test_every_operation_documents_its_responses(client, db):
    schema = client.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "200" in operation["responses"], f"{method.upper()} {path}"
