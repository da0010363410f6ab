"""Where the quads live: an embedded Oxigraph store on disk, or any SPARQL 1.1 endpoint.

Both backends answer the same calls with pyoxigraph's own result types, so the rest of
policykg does not know which one it talks to:

- `EmbeddedBackend`: pyoxigraph on disk; updates are transactions.
- `RemoteBackend`: SPARQL 1.1 Query and Update protocols (a document's load is one update
  request), and the Graph Store Protocol to add to or dump one named graph. The endpoint
  must treat its default graph as the union of the named graphs
  (`oxigraph serve --union-default-graph`, Fuseki's
  `tdb2:unionDefaultGraph true`, …). Bound parameters become an inline VALUES block at the
  head of the WHERE clause, made from serialised RDF terms (never from raw text).
"""
import io
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph
from pyoxigraph import QueryResultsFormat, RdfFormat

CANCELLED = "The SPARQL operation has been cancelled"
MAX_RESPONSE_BYTES = 512 << 20


def is_endpoint(location) -> bool:
    """A store location that is a SPARQL endpoint URL (else it is a store folder)."""
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def is_true(value) -> bool:
    """A boolean from an answer: 'true' (or a literal of it); Virtuoso answers the SPARQL
    values true, false and EXISTS as xsd:integer 1 and 0."""
    return getattr(value, "value", value) in ("true", "1")


class BackendError(Exception):
    """The store or endpoint failed; one line for the user."""


class BackendTimeout(BackendError):
    pass


class EmbeddedBackend:
    kind = "embedded"

    def __init__(self, path: Path, read_only: bool = False):
        self.path = path
        self.location = str(path)
        self.db = pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))

    def query(self, sparql: str, substitutions: dict | None = None, union: bool = True, timeout: float | None = None):
        return self.db.query(sparql, substitutions=substitutions or None, use_default_graph_as_union=union)

    def update(self, sparql: str, timeout: float | None = None) -> None:
        self.db.update(sparql)  # one transaction: all of it or nothing

    def extend(self, quads) -> None:
        self.db.extend(quads)

    def bulk_extend(self, quads) -> None:
        self.db.bulk_extend(quads)

    def remove_graph(self, graph) -> None:
        self.db.remove_graph(graph)

    def dump_graph(self, graph, fmt: RdfFormat = RdfFormat.N_TRIPLES) -> bytes:
        buf = io.BytesIO()
        self.db.dump(buf, format=fmt, from_graph=graph)
        return buf.getvalue()

    def flush(self) -> None:
        self.db.flush()

    def optimize(self) -> None:
        # After a bulk load the data sits in many small level-0 files and the write-ahead
        # log, which every read-only view (the query worker) replays and searches one by
        # one; compacting them once makes the national tables 15-40% faster.
        self.db.optimize()


def _partial(headers) -> bool:
    """Virtuoso's 'anytime' answer: at its MaxQueryExecutionTime it sends what it has found so
    far with HTTP 200 and X-SQL-State S1TAT (and X-SQL-Message 'RC...: Returning incomplete
    results, query interrupted by result timeout'). A partial answer is a time-out, never a result."""
    state = (headers.get("X-SQL-State") or "").strip().upper()
    return state == "S1TAT" or "incomplete results" in (headers.get("X-SQL-Message") or "").lower()


def bind_inline(sparql: str, substitutions: dict | None) -> str:
    """Bound variables as `VALUES (?a ?b) { (<t1> "t2") }` opening the outer WHERE group."""
    if not substitutions:
        return sparql
    names = " ".join(f"?{v.value}" for v in substitutions)
    terms = " ".join(str(t) for t in substitutions.values())  # N-Triples syntax, escaped by pyoxigraph
    block = f" VALUES ({names}) {{ ({terms}) }} "
    m = re.search(r"\bWHERE\s*\{|\bASK\s*\{", sparql, re.IGNORECASE)
    if not m:
        raise BackendError("cannot bind parameters: the query has no WHERE clause")
    return sparql[:m.end()] + block + sparql[m.end():]


class RemoteBackend:
    kind = "remote"

    def __init__(self, url: str, timeout: float = 30.0):
        self.url = url.rstrip("/")
        self.location = self.url
        self.timeout = timeout
        import os

        if self.url.endswith("/sparql"):
            # Virtuoso's layout (http://host:8890/sparql): queries and updates at that one URL,
            # the Graph Store Protocol beside it
            paths = (self.url, self.url, self.url + "-graph-crud")
        else:  # Oxigraph's (oxigraph serve)
            paths = (self.url + "/query", self.url + "/update", self.url + "/store")
        self.query_url = os.environ.get("POLICYKG_SPARQL_QUERY", paths[0])
        self.update_url = os.environ.get("POLICYKG_SPARQL_UPDATE", paths[1])
        self.store_url = os.environ.get("POLICYKG_SPARQL_STORE", paths[2])

    def _request(self, url: str, data: bytes | None, headers: dict, method: str = "POST", timeout: float | None = None) -> bytes:
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        limit = timeout or self.timeout
        deadline = time.monotonic() + limit
        try:
            with urllib.request.urlopen(req, timeout=limit) as resp:
                if _partial(resp.headers):
                    raise BackendTimeout(f"{self.url}: the endpoint stopped the query at its time limit and "
                                         f"offered a partial answer ({resp.headers.get('X-SQL-Message', '').strip()})")
                # Read against an overall deadline and a size cap: a server that streams a
                # runaway result must not hold us (or fill memory) past the limit.
                chunks: list[bytes] = []
                size = 0
                while True:
                    chunk = resp.read(1 << 16)
                    if not chunk:
                        return b"".join(chunks)
                    chunks.append(chunk)
                    size += len(chunk)
                    if time.monotonic() > deadline:
                        raise BackendTimeout(f"{self.url}: no complete answer within {limit:g} s")
                    if size > MAX_RESPONSE_BYTES:
                        raise BackendError(f"{self.url}: answer larger than {MAX_RESPONSE_BYTES >> 20} MB; add a LIMIT")
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip().splitlines()
            if body and re.match(r"Virtuoso S1T00 ", body[0]):  # its time limit hit before any row
                raise BackendTimeout(f"{self.url}: the endpoint stopped the query at its time limit ({body[0][:200]})") \
                    from None
            raise BackendError(f"{self.url}: HTTP {exc.code}: {body[0][:300] if body else exc.reason}") from None
        except (socket.timeout, TimeoutError):
            raise BackendTimeout(f"{self.url}: no answer within {timeout or self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (socket.timeout, TimeoutError)):
                raise BackendTimeout(f"{self.url}: no answer within {timeout or self.timeout:g} s") from None
            raise BackendError(f"{self.url}: cannot reach the SPARQL endpoint ({exc.reason})") from None
        except ConnectionError as exc:
            raise BackendError(f"{self.url}: connection failed ({exc})") from None

    def query(self, sparql: str, substitutions: dict | None = None, union: bool = True, timeout: float | None = None):
        text = bind_inline(sparql, substitutions)
        # Form-encoded POST, the protocol's one form every engine takes: Virtuoso 7.2 never
        # answers a POST of application/sparql-query (the request hangs).
        body = self._request(self.query_url, urllib.parse.urlencode({"query": text}).encode("ascii"), {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9"}, timeout=timeout)
        if CANCELLED.encode() in body[-200:]:
            # oxigraph serve --timeout-s answers 200 with a cut body: never a partial result
            raise BackendTimeout(f"{self.url}: the endpoint cancelled the query at its time limit")
        try:
            if body.lstrip().startswith(b"{"):
                return pyoxigraph.parse_query_results(body, QueryResultsFormat.JSON)
            return iter(pyoxigraph.parse(body, format=RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as exc:
            raise BackendError(f"{self.url}: unreadable answer ({str(exc).splitlines()[0]})") from None

    def update(self, sparql: str, timeout: float | None = None) -> None:
        self._request(self.update_url, urllib.parse.urlencode({"update": sparql}).encode("ascii"),
                      {"Content-Type": "application/x-www-form-urlencoded"}, timeout=timeout)

    def extend(self, quads) -> None:
        by_graph: dict = {}
        for q in quads:
            by_graph.setdefault(q.graph_name, []).append(q)
        for g, qs in by_graph.items():
            body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in qs).encode("utf-8")
            self._request(f"{self.store_url}?graph={urllib.parse.quote(g.value, safe='')}", body,
                          {"Content-Type": "application/n-triples"}, method="POST", timeout=max(self.timeout, 120))

    bulk_extend = extend

    def remove_graph(self, graph) -> None:
        self.update(f"DROP SILENT GRAPH <{graph.value}>")

    def dump_graph(self, graph, fmt: RdfFormat = RdfFormat.N_TRIPLES) -> bytes:
        return self._request(f"{self.store_url}?graph={urllib.parse.quote(graph.value, safe='')}", None,
                             {"Accept": "application/n-triples"}, method="GET", timeout=max(self.timeout, 120))

    def flush(self) -> None:
        pass

    def optimize(self) -> None:
        pass  # an endpoint manages its own files

    def ping(self) -> None:
        self.query("ASK { ?s ?p ?o }", timeout=min(self.timeout, 10))
