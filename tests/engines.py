"""The SPARQL servers the endpoint tests run policykg against, each started on 127.0.0.1 on
free ports in a folder of its own, and stopped by the test that started it."""
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import free_port, stop, wait_until_up

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")   # Debian's virtuoso-opensource (./dev test installs it)
ISQL = shutil.which("isql-vt")
ENGINES = ["oxigraph", "virtuoso"]

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
[SPARQL]
; the default (10,000) cuts long answers without saying so
ResultSetMaxRows = 10000000
; the 'anytime' limit: past it Virtuoso answers 200 with what it has and X-SQL-State S1TAT
MaxQueryExecutionTime = {timeout}
MaxQueryCostEstimationTime = 0
"""


@contextmanager
def virtuoso(folder: Path, timeout_s: int = 3) -> Iterator[str]:
    """A Virtuoso server with a new database in `folder`; yields its endpoint URL, …/sparql
    (where policykg's endpoint backend also finds the Graph Store, …/sparql-graph-crud).
    Updates go to …/sparql too, once the anonymous SPARQL user is granted SPARQL_UPDATE."""
    if not VIRTUOSO or not ISQL:
        pytest.skip("Virtuoso is not installed (./dev test installs Debian's virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port, timeout=timeout_s), "utf-8")
    proc = subprocess.Popen([VIRTUOSO, "-f", "+configfile", str(ini)], cwd=folder,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(proc, url + "/sparql?query=ASK%7B%7D", "virtuoso", timeout=120)
        # the database's owner lets the anonymous endpoint user update (only on 127.0.0.1 here)
        subprocess.run([ISQL, str(sql_port), "dba", "dba", "exec=grant SPARQL_UPDATE to \"SPARQL\";"],
                       check=True, capture_output=True, timeout=60)
        yield url + "/sparql"
    finally:
        stop(proc)


@contextmanager
def oxigraph(folder: Path, timeout_s: int = 3) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph", "--timeout-s", str(timeout_s)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(proc, url + "/query?query=ASK%7B%7D", "oxigraph serve", timeout=30)
        yield url
    finally:
        stop(proc)


@contextmanager
def engine(name: str, folder: Path, timeout_s: int = 3) -> Iterator[str]:
    start = time.monotonic()
    with (virtuoso if name == "virtuoso" else oxigraph)(folder, timeout_s) as url:
        print(f"{name} up in {time.monotonic() - start:.1f} s at {url}")
        yield url
