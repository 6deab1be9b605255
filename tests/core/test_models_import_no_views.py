"""Pages render their own routes (``self.render``): no models module imports
a views module, not even inside a method, so the models never depend on the
request-handling layer above them (docs/events.md, docs/courses.md)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL_MODULES = sorted(
    path
    for pattern in ("*/models.py", "*/models/*.py", "*/*/models.py", "*/*/models/*.py")
    for base in (ROOT, ROOT / "site")
    for path in base.glob(pattern)
    if ".venv" not in path.parts and "tests" not in path.parts
)


def _imported_names(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_every_app_with_pages_is_looked_at():
    names = {path.relative_to(ROOT).as_posix() for path in MODEL_MODULES}
    for expected in (
        "events/models/index.py",
        "learning/courses/models/pages.py",
        "volunteers/models/pages.py",
        "site/home/models.py",
    ):
        assert expected in names


@pytest.mark.parametrize("path", MODEL_MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_models_module_imports_no_views(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    views = [
        name
        for name in _imported_names(tree)
        if any(part == "views" or part.endswith("_views") for part in name.split("."))
    ]
    assert views == []
