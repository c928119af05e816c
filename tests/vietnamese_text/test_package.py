"""vietnamese_text is plain Python: importing all of it loads no Django and no project app."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = [path.stem for path in (ROOT / "vietnamese_text").glob("*.py")]


def test_importing_every_module_loads_no_django_and_no_app():
    imports = "; ".join(f"import vietnamese_text.{module}" for module in MODULES)
    probe = (
        f"import sys; {imports}; "
        "apps = ('django', 'wagtail', 'cms', 'home', 'articles', 'search', 'editorial', 'public', "
        "'api'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in apps))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
