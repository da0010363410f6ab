"""Run SPARQL read-only and bounded: in a worker process that is killed at the time limit.

pyoxigraph has no query timeout, and a thread cannot be stopped, so queries run in a
child process that opens the store read-only. When a query outlives its limit the child
is killed (it stops using CPU at once) and a new one is started for the next query.

    >>> runner = QueryRunner("/path/to/store", timeout=5)
    >>> result = runner.run("SELECT ?id WHERE { ?d eli:id_local ?id } LIMIT 3")
    >>> result.columns, result.rows[0]
"""
import collections
import concurrent.futures
import dataclasses
import logging
import multiprocessing as mp
import os
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from policykg.graph.namespaces import SPARQL_PREFIXES

DEFAULT_TIMEOUT = 5.0
DEFAULT_ROW_LIMIT = 10_000
# Answers kept per store generation (ResultCache), bounded by their cells (rows × columns) in
# all: a cell is a Term of about 150 bytes, so about 60 MB per query runner.
CACHE_CELLS = 400_000
# Starting a worker (a fresh interpreter importing pyoxigraph and rdflib's SPARQL grammar)
# is not part of a query's time limit; this bounds it on its own.
START_TIMEOUT = 60.0
# A query past this many seconds is logged with where its time went (the worker's stderr).
SLOW_QUERY_SECONDS = 5.0
# A worker whose parent has gone (Streamlit or the CLI killed) ends within this many seconds.
WATCHDOG_INTERVAL = 1.0

log = logging.getLogger(__name__)

UPDATE_REFUSED = ("chỉ cho phép truy vấn đọc (SELECT, ASK, CONSTRUCT, DESCRIBE); câu lệnh cập nhật bị từ chối",
                  "query.update_refused")
REMOTE_REFUSED = ("truy vấn gửi yêu cầu tới máy chủ khác (SERVICE hoặc LOAD) bị từ chối; "
                  "chỉ quản trị viên được cho phép", "query.remote_refused")


class QueryError(Exception):
    """A query that cannot run: syntax, an update where only reading is allowed, a bad
    parameter. The message is one line; `code` and `params` let the app and the command line
    say it in the user's language (policykg.base.i18n.error_text)."""

    def __init__(self, message: str, code: str | None = None, **params):
        super().__init__(message)
        self.code = code
        self.params = params

    def __reduce__(self):
        return _query_error, (type(self), str(self), self.code, self.params)


def _query_error(cls, message, code, params):
    return cls(message, code, **params)


class QueryTimeout(QueryError):
    pass


class QueryBusy(QueryTimeout):
    """Every query worker stayed busy until the query's time limit: it never started."""


@dataclass
class Term:
    """An RDF term as a plain value: what the UI and the exports need."""
    kind: str                 # 'iri' | 'literal' | 'blank' | 'triple'
    value: str
    datatype: str | None = None
    language: str | None = None

    def __str__(self) -> str:
        return self.value

    def python(self):
        if self.kind != "literal" or not self.datatype:
            return self.value
        dtype = self.datatype.rsplit("#", 1)[-1]
        try:
            if dtype in ("integer", "int", "long", "nonNegativeInteger"):
                return int(self.value)
            if dtype in ("decimal", "double", "float"):
                return float(self.value)
            if dtype == "boolean":
                return self.value == "true"
        except ValueError:
            pass
        return self.value


@dataclass
class Result:
    kind: str                                  # 'select' | 'ask' | 'graph'
    columns: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    seconds: float = 0.0
    cached: bool = False                       # kept from an earlier run on the same store generation

    def records(self) -> list[dict]:
        return [{c: (v.python() if v is not None else None) for c, v in zip(self.columns, row, strict=False)} for row in self.rows]


def _walk(tree):
    """Every node of an rdflib parse tree (iteratively: a deep query must not hit the
    recursion limit)."""
    from pyparsing import ParseResults

    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):  # rdflib's CompValue
            stack.extend(dict.values(node))
        elif isinstance(node, (list, tuple, ParseResults)):
            stack.extend(node)


def _parse(text: str):
    """rdflib's SPARQL 1.1 parser (it expands \\u escapes first, as the standard says):
    ('query', tree) | ('update', tree) | ('error', ParseException of the query grammar)."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return "query", parseQuery(text)
    except Exception as exc:  # pyparsing's ParseException, or a bad \\u escape
        error = exc
    try:
        tree = parseUpdate(text)
        if "request" in tree and tree["request"]:  # a prologue alone parses as an empty update
            return "update", tree
    except Exception:
        pass
    return "error", error


def remote_access(tree) -> bool:
    """Whether a parsed query or update makes the engine send a request elsewhere: SERVICE
    (Oxigraph, embedded or served, federates it) or LOAD. FROM and FROM NAMED are not
    fetched by Oxigraph: they name graphs of the store."""
    return any(getattr(node, "name", None) in ("ServiceGraphPattern", "Load") for node in _walk(tree))


def check_update(sparql: str) -> None:
    """An admin's update: refused when it makes the server fetch or federate (LOAD, SERVICE),
    or when it does not parse. The admin allows remote access explicitly."""
    kind, tree = _parse(SPARQL_PREFIXES + sparql)
    if kind == "error":
        raise _syntax_error(tree, sparql)
    if remote_access(tree):
        raise QueryError(*REMOTE_REFUSED)


def _projection(tree) -> set[str] | None:
    """The variables the outer SELECT projects (None for SELECT *; none for other forms)."""
    query = tree[-1]
    if getattr(query, "name", None) != "SelectQuery":
        return set()
    # (rdflib's CompValue.get answers a missing key with the key itself: `in` first)
    if "projection" not in query:
        return None
    return {str(v["evar"] if "evar" in v else v["var"]) for v in query["projection"]}


def _grammar_elements(root) -> list:
    """Every element of a pyparsing grammar (iteratively; the grammar is recursive)."""
    import pyparsing as pp

    seen: set[int] = set()
    stack, out = [root], []
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        out.append(element)
        stack.extend(getattr(element, "exprs", None) or [])
        inner = getattr(element, "expr", None)
        if isinstance(inner, pp.ParserElement):
            stack.append(inner)
    return out


_GRAMMAR: list = []


def _farthest_failure(text: str) -> int | None:
    """Where the parse of `text` got furthest before failing (an offset), or None.

    pyparsing reports a failure where the alternative that failed began: 'FILTER (?id = )'
    is reported at FILTER, 'ORDER ?x' at ORDER, a typo after a whole WHERE block at SELECT.
    The furthest offset any grammar element failed at is where the text stops making sense
    (the usual rule of parser error reporting). Found by parsing again with a failure hook on
    every element, only after a query failed; the hooks are removed after. Runs in the query
    worker (or the CLI), one parse at a time."""
    from rdflib.plugins.sparql import parser as grammar
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    if not _GRAMMAR:
        _GRAMMAR.extend(_grammar_elements(grammar.Query))
    best = -1

    def failed(_text, loc, _expr, exc, *_):
        nonlocal best
        best = max(best, getattr(exc, "loc", loc))

    def nothing(*_):
        return None

    saved = [(e, e.debugActions, e.debug) for e in _GRAMMAR]
    try:
        for e in _GRAMMAR:
            e.set_debug_actions(nothing, nothing, failed)
        try:
            grammar.Query.parse_string(expandUnicodeEscapes(text), parse_all=True)
        except Exception as exc:  # the same failure again, now with its furthest point known
            best = max(best, getattr(exc, "loc", -1))
        else:
            return None
    finally:
        for e, actions, debug in saved:
            e.debugActions, e.debug = actions, debug
    return best if best >= 0 else None


def _syntax_error(exc, sparql: str) -> "QueryError":
    """rdflib's ParseException as a QueryError located in the query as the user wrote it: the
    furthest point the parse reached (see _farthest_failure), past the prefixes we prepend;
    line and column count from 1."""
    what = str(exc).split("  (at char")[0].splitlines()[0][:200]
    loc = _farthest_failure(SPARQL_PREFIXES + sparql)
    at = None if loc is None else loc - len(SPARQL_PREFIXES)
    if at is None or not 0 <= at <= len(sparql):
        return QueryError(f"lỗi cú pháp SPARQL: {what}", "query.syntax", line=None, column=None, near="")
    line = sparql.count("\n", 0, at) + 1
    col = at - (sparql.rfind("\n", 0, at) + 1) + 1
    mine = sparql.split("\n")
    return QueryError(f"lỗi cú pháp SPARQL: dòng {line}, cột {col}: «{mine[line - 1].strip()[:120]}»", "query.syntax",
                      line=line, column=col,
                      near=mine[line - 1].strip()[:120])


def _term(t) -> Term | None:
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return Term("iri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("blank", t.value)
    if isinstance(t, ox.Literal):
        dt = t.datatype.value if t.datatype else None
        return Term("literal", t.value, None if t.language else dt, t.language)
    return Term("triple", str(t))


def _to_oxigraph(term: Term):
    import pyoxigraph as ox

    if term.kind == "iri":
        return ox.NamedNode(term.value)
    if term.language:
        return ox.Literal(term.value, language=term.language)
    if term.datatype:
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.value)


def _execute(query_fn, sparql: str, bindings: dict[str, Term], row_limit: int) -> Result:
    """Run through `query_fn(text, substitutions)` (embedded store or endpoint) and collect rows."""
    import pyoxigraph as ox

    from policykg.graph.backends import BackendError, BackendTimeout

    start = time.perf_counter()
    text = substitute(sparql, bindings)
    try:
        res = query_fn(SPARQL_PREFIXES + text, None)
    except SyntaxError as exc:
        where = _syntax_position(str(exc), sparql, text)
        raise QueryError(f"lỗi cú pháp SPARQL: {_syntax_message(str(exc))}", "query.syntax", **where) from None
    except BackendTimeout as exc:
        raise QueryTimeout(f"truy vấn vượt quá giới hạn thời gian và đã bị dừng ({exc})", "query.timeout",
                           seconds=None, detail=str(exc)) from None
    except BackendError as exc:
        raise QueryError(str(exc), "query.failed", detail=str(exc)) from None
    except (RuntimeError, ValueError) as exc:
        raise QueryError(str(exc).splitlines()[0], "query.failed", detail=str(exc).splitlines()[0]) from None
    if isinstance(res, ox.QueryBoolean):
        return Result("ask", boolean=bool(res), seconds=time.perf_counter() - start)
    if isinstance(res, ox.QuerySolutions):
        columns = [v.value for v in res.variables]
        rows: list[list[Term | None]] = []
        truncated = False
        # A table repeats its values (statuses, localities, agencies, plans): one Term per
        # distinct value halves the conversion and, as pickle then writes each object once,
        # cuts what the worker sends to a fraction (measured: 5.1 MB → 0.5 MB, 0.35 s → 0.07 s
        # for the 8,061-row deadlines table).
        terms: dict = {None: None}
        for sol in res:
            if len(rows) >= row_limit:
                truncated = True
                break
            row = []
            for value in sol:
                term = terms.get(value)
                if term is None and value is not None:
                    term = terms[value] = _term(value)
                row.append(term)
            rows.append(row)
        return Result("select", columns, rows, truncated=truncated, seconds=time.perf_counter() - start)
    rows, truncated = [], False
    for triple in res:
        if len(rows) >= row_limit:
            truncated = True
            break
        rows.append([_term(triple.subject), _term(triple.predicate), _term(triple.object)])
    return Result("graph", ["subject", "predicate", "object"], rows, truncated=truncated,
                  seconds=time.perf_counter() - start)


def _syntax_position(message: str, sparql: str, text: str) -> dict:
    """Where the parser stopped, in the query as the user wrote it: line, column (None when
    a substituted parameter moved the columns of that line) and that line's text."""
    m = re.search(r"(\d+):(\d+)", message.splitlines()[0] if message else "")
    if not m:
        return {"line": None, "column": None, "near": ""}
    line = int(m.group(1)) - SPARQL_PREFIXES.count("\n")
    mine, parsed = sparql.split("\n"), text.split("\n")
    if not 1 <= line <= len(mine):
        return {"line": None, "column": None, "near": ""}
    same = line <= len(parsed) and parsed[line - 1] == mine[line - 1]
    return {"line": line, "column": int(m.group(2)) if same else None, "near": mine[line - 1].strip()[:120]}


def _syntax_message(text: str) -> str:
    """pyoxigraph's message, with the position moved past the prefixes we prepend."""
    offset = SPARQL_PREFIXES.count("\n")

    def fix(m):
        return f"dòng {int(m.group(1)) - offset}, cột {m.group(2)}"
    text = re.sub(r"(?:line\s*)?(\d+):(\d+)", fix, text.splitlines()[0], count=1)
    return text


_FILES_MOVED = re.compile(r"No such file|Corruption|IO error|MANIFEST", re.IGNORECASE)
# Reopens of a read-only view whose files a writer's compaction moved: 0.05 … 1.6 s apart,
# within the query's own time limit (three, 0.15 s in all, lost a race in CI).
_REOPENS = 7


def _die_with_parent(parent: int) -> None:
    """End this worker when the process that started it ends (killed -9, crashed): a
    runaway query would otherwise go on at full CPU, re-parented to PID 1."""
    try:
        import ctypes

        # PR_SET_PDEATHSIG (Linux): the kernel sends SIGKILL when the parent thread ends.
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the watchdog alone

    def watch() -> None:
        # Also covers a parent gone before prctl ran. A query holding the GIL delays this
        # check, which is why the kernel's signal comes first where there is one.
        while os.getppid() == parent:
            time.sleep(WATCHDOG_INTERVAL)
        os._exit(1)
    threading.Thread(target=watch, daemon=True, name="policykg-parent-watchdog").start()


def _checked(cache: dict, sparql: str, allow_remote: bool) -> set[str] | None:
    """Parse the query (before its bound values go in: those are RDF terms) and refuse what
    it may not do; returns its projection. Runs in the worker, so a query that is slow to
    parse is held to the time limit too. Results are kept per text: saved queries are
    parsed once per worker."""
    hit = cache.get(sparql)
    if hit is None:
        kind, tree = _parse(SPARQL_PREFIXES + sparql)
        if kind == "error":
            hit = (kind, _syntax_error(tree, sparql), None, False)
        else:
            hit = (kind, None, _projection(tree) if kind == "query" else None, remote_access(tree))
        if len(cache) > 256:
            cache.clear()
        cache[sparql] = hit
    kind, message, proj, remote = hit
    if kind == "error":
        assert message is not None  # _syntax_error's QueryError
        raise message
    if kind == "update":
        raise QueryError(*UPDATE_REFUSED)
    if remote and not allow_remote:
        raise QueryError(*REMOTE_REFUSED)
    return proj


def _worker(conn, store_path: str, parent: int) -> None:
    _die_with_parent(parent)
    import pyoxigraph as ox

    _parse("ASK {}")  # rdflib builds its grammar on first use: here, before any query's clock
    remote = None
    if store_path.startswith(("http://", "https://")):
        from policykg.graph.backends import RemoteBackend

        remote = RemoteBackend(store_path)
    from policykg.graph.store import store_generation

    db, seen = None, None
    if remote is None:
        try:
            seen = store_generation(store_path)  # its file's time and text: two writes in one clock tick differ
            db = ox.Store.read_only(store_path)
        except (OSError, RuntimeError):  # files moved by a compaction ('Corruption'), or none yet
            db = None  # the first query opens it again (with retries) or reports why not
    checked: dict = {}
    conn.send(("ready", None))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        sparql, bindings, row_limit, options = msg
        try:
            proj = _checked(checked, sparql, options.get("allow_remote", False))
            if options.get("projected_only") and proj is not None:
                bindings = {k: v for k, v in bindings.items() if k in proj}
            if remote is not None:
                limit = options.get("timeout")

                def run(text, subs, limit=limit):
                    return remote.query(text, subs, timeout=limit if limit and limit > 0 else 3600)

                conn.send(("ok", _execute(run, sparql, bindings, row_limit)))
                continue
            generation = store_generation(store_path)
            began, opening = time.monotonic(), 0.0
            for attempt in range(_REOPENS):
                try:
                    if db is None or generation != seen:
                        db = None
                        opened = time.monotonic()
                        db = ox.Store.read_only(store_path)  # sees everything committed so far
                        opening += time.monotonic() - opened
                        seen = generation
                        if time.monotonic() - opened > SLOW_QUERY_SECONDS:
                            log.warning("opening the store's view took %.1f s", time.monotonic() - opened)

                    def run(text, subs, db=db):
                        return db.query(text, substitutions=subs, use_default_graph_as_union=True)

                    result = _execute(run, sparql, bindings, row_limit)
                    break
                except (QueryError, OSError, RuntimeError) as exc:  # RocksDB's 'Corruption' is a RuntimeError
                    # The writer compacts its files in the background: a read-only view opened
                    # (or being opened) as it does may point at files gone since. Reopen and
                    # run the query again; any other error is the query's own.
                    if attempt == _REOPENS - 1 or not _FILES_MOVED.search(str(exc)):
                        raise
                    db = None
                    time.sleep(0.05 * 2 ** attempt)  # a compaction can churn files for a second or more
            took = time.monotonic() - began
            if took > SLOW_QUERY_SECONDS:  # where the time went, for the server's log
                log.warning("slow query: %.1f s (opening the store's view %.1f s, %d attempt(s), %d rows)",
                            took, opening, attempt + 1, len(result.rows))
            conn.send(("ok", result))
        except QueryError as exc:  # a QueryTimeout too (an endpoint's time limit)
            conn.send(("error", exc))  # with its code and parameters (QueryError pickles them)
        except Exception as exc:  # a store error: reported, the worker goes on
            conn.send(("error", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"))


def _gist(sparql: str, size: int = 120) -> str:
    """The first words of a query after its comments, PREFIX and BASE lines: which query it was,
    for a log line (a plain scan, no pattern)."""
    words: list[str] = []
    for line in sparql.splitlines():
        head = line.strip()
        if not head or head.startswith("#") or head[:6].upper() in ("PREFIX", "BASE "):
            continue
        words += head.split()
        if sum(len(w) + 1 for w in words) > size:
            break
    return " ".join(words)[:size]


class ResultCache:
    """Answers kept until the store changes. Streamlit runs a page again at every click, and
    the users of one server ask the same saved queries: each answer is computed once per
    store generation (graph/store.py `store_generation`), then copied out of here. Least
    recently used answers go first once their cells pass `max_cells`. Thread-safe."""

    def __init__(self, max_cells: int = CACHE_CELLS):
        self.max_cells = max_cells
        self._items: collections.OrderedDict[tuple, Result] = collections.OrderedDict()
        self._rows = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @staticmethod
    def _size(result: Result) -> int:
        return len(result.rows) * max(len(result.columns), 1) + 1

    def get(self, key: tuple) -> Result | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
        # a copy: callers may sort or extend what they get
        return dataclasses.replace(hit, columns=list(hit.columns), rows=[list(r) for r in hit.rows], cached=True)

    def put(self, key: tuple, result: Result) -> None:
        size = self._size(result)
        if size > self.max_cells:
            return
        kept = dataclasses.replace(result, columns=list(result.columns), rows=[list(r) for r in result.rows])
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._rows -= self._size(old)
            generation = key[0]
            for k in [k for k in self._items if k[0] != generation]:  # answers of an older store
                self._rows -= self._size(self._items.pop(k))
            while self._items and self._rows + size > self.max_cells:
                _, dropped = self._items.popitem(last=False)
                self._rows -= self._size(dropped)
            self._items[key] = kept
            self._rows += size

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._rows = 0


# PR_SET_PDEATHSIG fires when the *thread* that started the worker ends, and Streamlit runs
# each script run in a thread of its own: workers are started from this one lasting thread.
_LAUNCHER = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykg-worker-launcher")


def default_workers() -> int:
    """The cap on query workers per server: $POLICYKG_QUERY_WORKERS, else 2 × the CPU cores
    (a worker waits on the store's files part of the time; more would only share the cores)."""
    try:
        return max(1, int(os.environ.get("POLICYKG_QUERY_WORKERS", "")))
    except ValueError:
        return 2 * (os.cpu_count() or 1)


# A worker left idle this long is ended (it holds a read-only view of the store and ~60 MB);
# the pool keeps one warm so the next query does not wait for an interpreter to start.
IDLE_SECONDS = 300.0


class _Worker:
    """One worker process and its pipe."""

    def __init__(self, ctx, store_path: str):
        parent, child = ctx.Pipe()
        self.proc: BaseProcess = ctx.Process(target=_worker, args=(child, store_path, os.getpid()), daemon=True)
        _LAUNCHER.submit(self.proc.start).result()
        child.close()
        self.conn: Connection = parent
        self.idle_since = time.monotonic()
        try:
            if not parent.poll(START_TIMEOUT):
                raise EOFError
            parent.recv()
        except (EOFError, OSError):
            self.kill()
            raise QueryError("tiến trình truy vấn không khởi động được", "query.worker_died") from None

    @property
    def pid(self) -> int | None:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.is_alive() and not self.conn.closed

    def kill(self) -> None:
        if self.proc.pid is not None:
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.kill()


class QueryRunner:
    """Executes queries in killable worker processes, against a store folder or a SPARQL
    endpoint (a URL). Everything done with the query's text (parsing, the checks, binding)
    happens in a worker, inside the time limit. SERVICE and LOAD are refused unless
    `allow_remote` (an admin's choice).

    One runner serves many users at once (the app shares it between sessions): it keeps a
    pool of at most `max_workers` workers (default_workers()), reused from query to query;
    a query that finds them all busy waits in a queue, and that wait counts against its time
    limit (QueryBusy when it is used up there). A worker that runs past the limit is killed
    and a new one takes its place when needed. Thread-safe."""

    def __init__(self, store_path: str | Path, timeout: float = DEFAULT_TIMEOUT, row_limit: int = DEFAULT_ROW_LIMIT,
                 allow_remote: bool = False, max_workers: int | None = None, cache: bool = True):
        self.store_path = str(store_path)
        self.cache = ResultCache() if cache else None
        self.timeout = timeout
        self.row_limit = row_limit
        self.allow_remote = allow_remote
        self.max_workers = max_workers or default_workers()
        self._ctx = mp.get_context("spawn")
        self._lock = threading.Condition()
        self._idle: list[_Worker] = []          # the most recently used last
        self._all: set[_Worker] = set()         # idle, busy, and being started
        self._slots = 0                         # workers alive or being started (≤ max_workers)
        self._closed = False
        self._last: _Worker | None = None
        from policykg.graph.backends import is_endpoint

        self._remote = is_endpoint(self.store_path)
        self._computing: dict[tuple, threading.Event] = {}  # questions being answered now

    @property
    def worker_pid(self) -> int | None:
        """The process of the worker used last (tests, logs)."""
        return self._last.pid if self._last is not None else None

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._all if w.pid is not None]

    def _acquire(self, deadline: float | None) -> _Worker | None:
        """An idle worker, else None with a slot reserved for a new one (the caller starts
        it); waits while every slot is busy. QueryBusy when the deadline passes first."""
        with self._lock:
            while True:
                if self._closed:
                    raise QueryError("bộ chạy truy vấn đã đóng", "query.worker_died")
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        return worker
                    self._retire(worker)
                if self._slots < self.max_workers:
                    self._slots += 1
                    return None
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    raise QueryBusy("máy chủ đang bận: truy vấn đã chờ trong hàng đợi hết giới hạn thời gian; "
                                    "hãy chạy lại sau", "query.busy", seconds=None, detail="")
                self._lock.wait(wait)

    def _retire(self, worker: _Worker) -> None:
        """Under the lock: the worker's slot is free again."""
        if worker in self._all:
            self._all.discard(worker)
            self._slots -= 1
            self._lock.notify()

    def _release(self, worker: _Worker, healthy: bool) -> None:
        stale: list[_Worker] = []
        with self._lock:
            if healthy and not self._closed and worker.alive():
                worker.idle_since = time.monotonic()
                self._idle.append(worker)
                now = worker.idle_since
                # idle for long, and not the last one: ended (outside the lock)
                stale = [w for w in self._idle[:-1] if now - w.idle_since > IDLE_SECONDS]
                for w in stale:
                    self._idle.remove(w)
                    self._retire(w)
                self._lock.notify()
            else:
                stale = [worker]
                self._retire(worker)
        for w in stale:
            w.stop()

    def run(self, sparql: str, bindings: dict[str, Term] | None = None, *, timeout: float | None = None,
            row_limit: int | None = None, projected_only: bool = False) -> Result:
        """`projected_only`: bind only the parameters the query's SELECT still projects (a
        saved query edited in the app)."""
        key = None
        if self.cache is not None:
            from policykg.graph.store import store_generation

            key = (store_generation(self.store_path), sparql, _bindings_key(bindings or {}),
                   row_limit or self.row_limit, projected_only, self.allow_remote)
            kept = self.cache.get(key)
            if kept is not None:
                return kept
            # One computation per question: users who ask what is being computed (a page many
            # open at once, or all of them again after a load) wait for that answer, within
            # their own time limit, instead of each taking a worker to compute it again.
            with self._lock:
                running = self._computing.get(key)
                if running is None:
                    self._computing[key] = threading.Event()
            if running is not None:
                limit = self.timeout if timeout is None else timeout
                began = time.monotonic()
                running.wait(limit if limit and limit > 0 else None)
                kept = self.cache.get(key)
                if kept is not None:
                    return kept
                if limit and limit > 0:  # the first asker failed: what is left of the limit, if anything
                    timeout = limit - (time.monotonic() - began)
                    # The same question on the same store, stopped at a limit at least as long as
                    # what is left here, would be stopped again: said now, not after taking a
                    # worker for it (a busy server otherwise runs it again for every waiter).
                    stopped_after = getattr(running, "stopped_after", None)
                    if timeout <= 0.05 or (stopped_after is not None and timeout <= stopped_after):
                        raise QueryTimeout(f"truy vấn vượt quá giới hạn thời gian {limit:g} giây và đã bị dừng",
                                           "query.timeout", seconds=limit, detail="")
                return self._run(sparql, bindings, timeout, row_limit, projected_only)
        try:
            result = self._run(sparql, bindings, timeout, row_limit, projected_only)
            if key is not None and self.cache is not None:
                self.cache.put(key, result)
        except QueryTimeout:
            if key is not None:
                with self._lock:
                    event = self._computing.get(key)
                if event is not None:  # what the waiters are told (above)
                    event.stopped_after = self.timeout if timeout is None else timeout  # type: ignore[attr-defined]
            raise
        finally:
            if key is not None:
                with self._lock:
                    done = self._computing.pop(key, None)
                if done is not None:
                    done.set()
        return result

    def _run(self, sparql: str, bindings: dict[str, Term] | None, timeout: float | None, row_limit: int | None,
             projected_only: bool) -> Result:
        limit = self.timeout if timeout is None else timeout
        asked = time.monotonic()
        deadline = asked + limit if limit and limit > 0 else None
        worker = self._acquire(deadline)
        queued = time.monotonic() - asked  # for the log of a query stopped at its limit
        if worker is None:
            began = time.monotonic()
            try:
                worker = _Worker(self._ctx, self.store_path)
            except BaseException:
                with self._lock:
                    self._slots -= 1
                    self._lock.notify()
                raise
            with self._lock:
                self._all.add(worker)
                closed = self._closed
            if closed:
                self._release(worker, healthy=False)
                raise QueryError("bộ chạy truy vấn đã đóng", "query.worker_died")
            if deadline is not None:  # starting an interpreter is no query's time (issue 14)
                deadline += time.monotonic() - began
        self._last = worker
        try:
            return self._ask(worker, sparql, bindings, limit, deadline, row_limit, projected_only, queued)
        finally:
            # a worker killed at the limit, or dead, gives its slot back; a sound one is reused
            self._release(worker, worker.alive())

    def _ask(self, worker: _Worker, sparql: str, bindings, limit: float, deadline: float | None,
             row_limit: int | None, projected_only: bool, queued: float = 0.0) -> Result:
        left = None if deadline is None else max(deadline - time.monotonic(), 0.0)
        options = {"allow_remote": self.allow_remote, "projected_only": projected_only,
                   "timeout": max(left, 0.1) if left is not None else limit}
        try:
            worker.conn.send((sparql, bindings or {}, row_limit or self.row_limit, options))
        except OSError:
            worker.kill()
            raise QueryError("tiến trình truy vấn dừng bất thường", "query.worker_died") from None
        # An endpoint's own HTTP time limit answers first, with its reason; killing the
        # worker is the backstop.
        wait = (left + (2 if self._remote else 0)) if left is not None else None
        try:
            answered = worker.conn.poll(wait)
        except (EOFError, OSError):  # closed by close() meanwhile
            worker.kill()
            raise QueryError("tiến trình truy vấn dừng bất thường", "query.worker_died") from None
        if not answered:
            worker.kill()  # stops the runaway query: the process and its CPU use end here
            # where the time went: in the queue for a worker, or in the worker (the query's own
            # words after its prefixes say which query it was)
            log.info("query stopped at its %g s limit (%.1f s waiting for a free worker of %d): %s", limit, queued,
                        self.max_workers, _gist(sparql))
            raise QueryTimeout(f"truy vấn vượt quá giới hạn thời gian {limit:g} giây và đã bị dừng", "query.timeout",
                               seconds=limit, detail="")
        try:
            status, payload = worker.conn.recv()
        except (EOFError, OSError):
            worker.kill()
            raise QueryError("tiến trình truy vấn dừng bất thường", "query.worker_died") from None
        if status == "error":
            raise payload if isinstance(payload, QueryError) else QueryError(payload, "query.failed", detail=payload)
        return payload

    def close(self) -> None:
        """End every worker: idle ones now, busy ones too (their queries fail)."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._idle.clear()
            self._lock.notify_all()
        for w in workers:
            w.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _bindings_key(bindings: dict) -> tuple:
    """The bound values as a hashable key (Term is a mutable dataclass)."""
    return tuple(sorted((name, (v.kind, v.value, v.datatype, v.language) if isinstance(v, Term) else repr(v))
                        for name, v in bindings.items()))


_TOKEN_RE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"'
                       r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*|[?$]\w+")


def substitute(sparql: str, bindings: dict[str, Term]) -> str:
    """Replace bound variables by their RDF terms, serialised by pyoxigraph (N-Triples
    syntax: quotes, backslashes and line breaks escaped, so a value cannot leave its term).

    This is what SEP-0007 substitution means; we do it ourselves because pyoxigraph's own
    `substitutions` made the optimizer evaluate FILTERs on bound variables last (a keyword
    search took 170 s instead of 0.1 s on the benchmark graph). Strings, IRIs and comments
    of the query are left alone; the variable leaves the projections, GROUP BY and ORDER BY.
    """
    if not bindings:
        return sparql
    terms = {name: str(_to_oxigraph(term)) for name, term in bindings.items()}
    # Projections (outer and sub-selects) and GROUP BY lists lose the variable.
    drop_spans = [(g.start(1), g.end(1)) for g in re.finditer(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\bWHERE\b",
                                                              sparql, re.IGNORECASE | re.DOTALL)]
    drop_spans += [(g.start(), g.end()) for g in re.finditer(
        r"\b(?:GROUP|ORDER)\s+BY\b[^{}]*?(?=\bHAVING\b|\bORDER\b|\bLIMIT\b|\bOFFSET\b|\bVALUES\b|\}|$)", sparql,
        re.IGNORECASE | re.DOTALL)]
    out, pos = [], 0
    for tok in _TOKEN_RE.finditer(sparql):
        text = tok.group()
        name = text[1:] if text[0] in "?$" else None
        if name is None or name not in terms:
            continue
        out.append(sparql[pos:tok.start()])
        out.append("" if any(a <= tok.start() < b for a, b in drop_spans) else terms[name])
        pos = tok.end()
    out.append(sparql[pos:])
    return "".join(out)
