"""The import picture reads one way: base → loaders → graph → queries → app and the CLI.

Every module's imports of the package (absolute `policykg.…` and relative) are read from
its source; none may reach a later layer. `policykg.resources` (package data) belongs to
the base; `policykg.logs` sets up the log of the CLI and the app, so it is theirs.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"base": 0, "resources": 0, "ontology": 0, "gazetteer_data": 0, "logs": 4,
          "loaders": 1, "graph": 2, "queries": 3, "app": 4, "cli": 4, "__main__": 4, "__init__": 4}
FOLDERS = {"base": "base", "loaders": "loaders", "graph": "graph", "queries": "queries", "app": "app"}


def _layer_of_module(name: str) -> int | None:
    parts = name.split(".")
    if parts[0] != "policykg":
        return None
    return LAYERS.get(parts[1], 4) if len(parts) > 1 else 4


def _imports(path: Path, package: str):
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                yield ".".join(base + ([node.module] if node.module else [])), node.lineno
            elif node.module:
                yield node.module, node.lineno


def _modules():
    for key, folder in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).with_suffix("")
            yield path, ".".join(["policykg", key, *rel.parts]), LAYERS[key]
    for path in sorted((ROOT / "policykg").glob("*.py")):
        yield path, f"policykg.{path.stem}", LAYERS.get(path.stem, 4)


def test_imports_go_one_way():
    wrong = []
    for path, module, layer in _modules():
        package = module.rsplit(".", 1)[0] if not module.endswith("__init__") else module.rsplit(".", 1)[0]
        for name, line in _imports(path, package):
            target = _layer_of_module(name)
            if target is not None and target > layer:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_the_store_only_stores():
    """Reading files (extraction, parsing, quads) is graph/ingest.py's, not the store's."""
    store = (ROOT / "graph" / "store.py").read_text("utf-8")
    for name in ("extract", "parse_extracted", "record_quads", "read_file"):
        assert name not in store, name
