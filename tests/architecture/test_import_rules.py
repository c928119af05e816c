"""Dependencies point one way: the import contracts hold, and no two files import each other."""

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from import_cycles import cycles  # noqa: E402


def graph_of(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


def test_two_modules_importing_each_other_are_a_cycle():
    graph = graph_of(("home.a", "home.b"), ("home.b", "home.a"))
    assert cycles(graph) == [["home.a", "home.b"]]


def test_a_loop_through_three_packages_is_one_cycle():
    graph = graph_of(("cms.x", "home.y"), ("home.y", "articles.z"), ("articles.z", "cms.x"))
    assert cycles(graph) == [["articles.z", "cms.x", "home.y"]]


def test_imports_pointing_one_way_are_no_cycle():
    graph = graph_of(("cms.x", "home.y"), ("home.y", "articles.z"), ("cms.x", "articles.z"))
    assert cycles(graph) == []


def test_no_two_files_of_the_project_import_each_other():
    result = subprocess.run(
        [sys.executable, "scripts/import_cycles.py"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_every_import_contract_is_kept():
    """.importlinter: the layers, search knows no content, vietnamese_text is pure Python,
    public and api know no app, cms imports apps' entry points only."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-logo", "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
