"""The layering the README's Layout section promises, checked on the source: `analysis/` never imports
Streamlit or `survey`; no page imports another page; the appendix renderers do not import the list of
formats that imports them; tests mirror the packages."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

PAGES = ROOT / "survey" / "pages"


def _imports(path) -> set[str]:
    """Every module a file imports, relative imports resolved against its package."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def test_analysis_imports_neither_streamlit_nor_survey():
    for path in (ROOT / "analysis").rglob("*.py"):
        bad = {m for m in _imports(path) if m.split(".")[0] in ("streamlit", "survey")}
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_importing_all_of_analysis_loads_neither():
    code = ("import importlib, pkgutil, sys, analysis\n"
            "for m in pkgutil.walk_packages(analysis.__path__, 'analysis.'): importlib.import_module(m.name)\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in ('streamlit', 'survey')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_no_page_imports_another():
    pages = {p.stem for p in PAGES.glob("*.py")} - {"__init__", "shared"}
    assert pages == {"results", "compare", "appendix", "facilitator", "rating", "federation_profile", "presenter",
                     "join", "accessibility"}
    for path in PAGES.glob("*.py"):
        if path.stem == "__init__":
            continue  # the navigation imports each page; nothing else may
        others = {m for m in _imports(path) if m.startswith("survey.pages.") and m.split(".")[2] in pages}
        assert not others, f"{path.name} imports {sorted(others)}"


def test_the_renderers_do_not_import_the_list_of_formats():
    for name in ("docx", "pdf", "markdown", "xlsx", "model", "narrative"):
        imports = _imports(ROOT / "analysis" / "appendix" / f"{name}.py")
        assert not any(m.startswith("analysis.appendix.formats") for m in imports), name


def test_tests_mirror_the_packages():
    rooms = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert rooms == {"analysis", "survey", "pages", "browser"}
    assert not [p.name for p in (ROOT / "tests").glob("test_*.py") if p.name not in ("test_layout.py", "test_readme.py")]
