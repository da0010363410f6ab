"""The documentation's Python examples run, and say what they print.

Every ```python block of README.md and docs/*.md is run (in a fresh interpreter, from the
project's folder, with the bundled corpus loaded into a temporary store where an example
names a store path). A line `expression  # value` whose comment is a Python literal is
checked: the expression must equal it.
"""
import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK_RE = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
STORE_PATHS = ("/tmp/pkg", "/path/to/store")


def examples():
    for page in PAGES:
        for n, m in enumerate(BLOCK_RE.finditer(page.read_text("utf-8"))):
            yield pytest.param(m.group(1), id=f"{page.relative_to(ROOT)}#{n + 1}")


EXAMPLES = list(examples())


def checked(code: str) -> str:
    """The example with each `expression  # literal` line turned into an assertion."""
    out = []
    for line in code.splitlines():
        m = re.match(r"^(?P<expr>[^#\s].*?)\s+#\s*(?P<value>.+)$", line)
        if m:
            try:
                ast.parse(m.group("expr"), mode="eval")
                value = ast.literal_eval(m.group("value").split(":")[0] if m.group("value").startswith("[") and
                                         "]:" in m.group("value") else m.group("value"))
            except (SyntaxError, ValueError):
                out.append(line)
                continue
            out.append(f"assert ({m.group('expr')}) == {value!r}, ({m.group('expr')})")
            continue
        out.append(line)
    return "\n".join(out)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    from policykg.graph.ingest import load_paths
    from policykg.graph.store import open_store

    path = tmp_path_factory.mktemp("docs") / "store"
    load_paths(open_store(path), [ROOT / "data" / "corpus"])
    return path


def test_the_pages_have_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("code", EXAMPLES)
def test_example_runs(code, store_path):
    for placeholder in STORE_PATHS:
        code = code.replace(placeholder, str(store_path))
    proc = subprocess.run([sys.executable, "-c", checked(code)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_every_relative_link_of_the_pages_reaches_a_file():
    broken = []
    for page in PAGES:
        for target in re.findall(r"\]\((?!https?:|#|mailto:)([^)#\s]+)", page.read_text("utf-8")):
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert not broken, broken


def test_the_site_builds(tmp_path):
    """`mkdocs build --strict`: every page in the navigation, no broken link between pages."""
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "site" / "parser" / "index.html").is_file()
