"""A frontend developer's TypeScript client compiles against the schema the API serves.

The served bytes of /api/openapi.json (not the snapshot) go through openapi-typescript,
and clients/typescript/src/client.ts is compiled against the generated types with
`tsc --strict`. A schema the generator refuses (a duplicated "400" key once was), or one
that drops or retypes what the client relies on, fails here. The pinned tools are
installed by `make test` (`npm ci` in clients/typescript).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

CLIENT = Path(settings.BASE_DIR) / "clients" / "typescript"
BIN = CLIENT / "node_modules" / ".bin"


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess:
    assert (BIN / "tsc").exists(), f"run `npm ci --prefix {CLIENT}` (make test does)"
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_typed_client_compiles_against_the_served_schema(client, db, tmp_path):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    (tmp_path / "openapi.json").write_bytes(response.content)

    generated = run(str(BIN / "openapi-typescript"), "openapi.json", "-o", "api.d.ts", cwd=tmp_path)
    assert generated.returncode == 0, generated.stdout + generated.stderr

    shutil.copy(CLIENT / "src" / "client.ts", tmp_path / "client.ts")
    tsconfig = {"extends": str(CLIENT / "tsconfig.json"), "include": ["client.ts", "api.d.ts"]}
    (tmp_path / "tsconfig.json").write_text(json.dumps(tsconfig))
    compiled = run(str(BIN / "tsc"), "-p", "tsconfig.json", cwd=tmp_path)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr


def test_the_compiler_refuses_a_client_the_schema_does_not_support(client, db, tmp_path):
    """The check has teeth: a field no page has is a compile error, not a silent `any`."""
    (tmp_path / "openapi.json").write_bytes(client.get("/api/openapi.json").content)
    run(str(BIN / "openapi-typescript"), "openapi.json", "-o", "api.d.ts", cwd=tmp_path)
    (tmp_path / "client.ts").write_text(
        'import type { components } from "./api";\n'
        'export const f = (p: components["schemas"]["ArticleCard"]) => p.no_such_field;\n'
    )
    tsconfig = {"extends": str(CLIENT / "tsconfig.json"), "include": ["client.ts", "api.d.ts"]}
    (tmp_path / "tsconfig.json").write_text(json.dumps(tsconfig))
    compiled = run(str(BIN / "tsc"), "-p", "tsconfig.json", cwd=tmp_path)
    assert compiled.returncode != 0
    assert "no_such_field" in compiled.stdout


def test_a_card_shows_a_document_number_only_once_narrowed_to_a_directive(client, db, tmp_path):
    """Cards are discriminated by page type (issue #14 item 2): a news card has no number."""
    (tmp_path / "openapi.json").write_bytes(client.get("/api/openapi.json").content)
    run(str(BIN / "openapi-typescript"), "openapi.json", "-o", "api.d.ts", cwd=tmp_path)
    (tmp_path / "client.ts").write_text(
        'import type { paths } from "./api";\n'
        'type Card = paths["/api/pages/"]["get"]["responses"][200]'
        '["content"]["application/json"]["items"][number];\n'
        "export const f = (card: Card) => card.number;\n"
    )
    tsconfig = {"extends": str(CLIENT / "tsconfig.json"), "include": ["client.ts", "api.d.ts"]}
    (tmp_path / "tsconfig.json").write_text(json.dumps(tsconfig))
    compiled = run(str(BIN / "tsc"), "-p", "tsconfig.json", cwd=tmp_path)
    assert compiled.returncode != 0
    assert "number" in compiled.stdout
