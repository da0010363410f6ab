"""The built wheel is the whole program: installed into a fresh venv (the source tree off
sys.path), `policykg parse` and `policykg load` work on a corpus document, and a missing
data file of the installed package is a one-line error, not a quiet empty ontology."""
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

DOCUMENT = CORPUS / "003_de43d9b20077fde2.txt"  # 542/KH-UBND of Nghệ An (its province is found in the gazetteer)
# What is copied to build the wheel: the tree as it is, without the venv, git or old builds
# (setuptools' build/ keeps files deleted since, and a wheel built in place would ship them).
IGNORE = shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__", "tests", "benchmarks",
                                ".pytest_cache", ".hypothesis", "docs")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A venv holding only the wheel; the dev venv's dependencies are reused through a .pth
    line (its own .pth files, the editable policykg among them, are not processed)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    dist = tmp / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(src)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("policykg-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "dev-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "--quiet", str(wheel)], check=True, capture_output=True)
    return {"wheel": wheel, "venv": venv, "python": python, "site": site, "cwd": tmp}


def run(installed, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "POLICYKG_STORE", "PYTHONHOME")}
    return subprocess.run([str(installed["venv"] / "bin" / "policykg"), *args], cwd=installed["cwd"], env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_wheel_ships_its_data(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for name in ("policykg/ontology/policykg.ttl", "policykg/ontology/shapes.ttl",
                 "policykg/gazetteer_data/pre2025.json", "policykg/queries/cascade.rq",
                 "policykg/geo_data/vn-provinces.json", "policykg/geo_data/LICENSE.md"):
        assert name in names


def test_installed_wheel_runs_without_the_source_tree(installed):
    probe = subprocess.run([str(installed["python"]), "-c",
                            "import sys, policykg.resources as r; print(r.__file__); print('\\n'.join(sys.path))"],
                           cwd=installed["cwd"], capture_output=True, text=True, check=True).stdout.splitlines()
    assert probe[0].startswith(str(installed["site"]))
    assert not any(p and Path(p).resolve().is_relative_to(ROOT) and ".venv" not in Path(p).parts for p in probe[1:])

    parsed = run(installed, "parse", str(DOCUMENT))
    assert parsed.returncode == 0, parsed.stderr
    assert "542/KH-UBND" in parsed.stdout and "Tỉnh: Nghệ An" in parsed.stdout

    store = installed["cwd"] / "store"
    loaded = run(installed, "load", str(DOCUMENT), "--store", str(store))
    assert loaded.returncode == 0, loaded.stderr
    assert "đã nạp: 1" in loaded.stdout
    # the ontology and the shapes are in the store: not skipped
    asked = run(installed, "query", "--file", str(_write(installed["cwd"] / "classes.rq",
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:ontology { ?c a owl:Class } }")),
                "--store", str(store), "--format", "json")
    assert asked.returncode == 0, asked.stderr
    assert '"n": 0' not in asked.stdout and '"n": ' in asked.stdout
    cascade = run(installed, "query", "cascade", "--param", "root_id=1093/QĐ-BYT", "--store", str(store))
    assert cascade.returncode == 0 and "542/KH-UBND" in cascade.stdout, cascade.stderr


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_missing_data_is_an_error(installed, tmp_path):
    package = installed["site"] / "policykg"
    moved = [(package / "ontology" / "policykg.ttl", tmp_path / "policykg.ttl"),
             (package / "gazetteer_data" / "pre2025.json", tmp_path / "pre2025.json")]
    try:
        moved[0][0].rename(moved[0][1])
        loaded = run(installed, "load", str(DOCUMENT), "--store", str(tmp_path / "store"))
        assert loaded.returncode == 1
        assert loaded.stderr.startswith("policykg: lỗi: policykg/ontology/policykg.ttl:")
        assert "Traceback" not in loaded.stderr
        moved[1][0].rename(moved[1][1])
        parsed = run(installed, "parse", str(DOCUMENT))
        assert parsed.returncode == 1
        assert parsed.stderr.startswith("policykg: lỗi: policykg/gazetteer_data/pre2025.json:")
        assert "Traceback" not in parsed.stderr
    finally:  # the installed package as it was, for any test after this one
        for where, away in moved:
            if away.exists():
                away.rename(where)


def test_constraints_pin_every_dependency():
    """constraints.txt (./dev installs with it) pins each dependency pyproject.toml names,
    the test tools too, to one version; it never pins policykg itself. `./dev constraints`
    points $POLICYKG_CONSTRAINTS at the file it is about to write."""
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    def norm(name):
        return re.sub(r"[-_.]+", "-", name).lower()
    pins = {}
    for line in Path(os.environ.get("POLICYKG_CONSTRAINTS") or ROOT / "constraints.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) and re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), line
            pins[norm(name)] = version
    missing = {norm(re.match(r"[A-Za-z0-9._-]+", d).group()) for d in wanted} - set(pins)
    assert not missing and "policykg" not in pins
