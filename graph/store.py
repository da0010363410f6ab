"""The store: an embedded Oxigraph database on disk (or a SPARQL endpoint), one named graph
per document, with the reference graphs and the derived identity and catalog graphs.

It stores and exports; reading files into documents is graph/ingest.py's:

    >>> from policykg.graph.store import open_store
    >>> from policykg.graph.ingest import load_file
    >>> store = open_store("/tmp/pkg-store")
    >>> load_file(store, "data/corpus/000_4b541d80a1f56cd0.txt").status
    'added'

A document is written atomically (one SPARQL update replaces its graph and refreshes the
derived graphs in a single transaction).
"""
import datetime as dt
import json
import logging
import os
import time
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat

from policykg.loaders import PARSER_VERSION
from policykg.resources import ONTOLOGY, SHAPES

from .backends import BackendError, EmbeddedBackend, RemoteBackend, is_endpoint
from .namespaces import (
    CATALOG_GRAPH,
    ELI,
    GAZETTEER_GRAPH,
    ID,
    IDENTITY_GRAPH,
    INDICATORS_GRAPH,
    ONTOLOGY_GRAPH,
    ORG,
    PKG,
    RDF,
    REFERENCE_GRAPHS,
    SPARQL_PREFIXES,
)

log = logging.getLogger(__name__)

MARKER = "policykg-store.json"
STORE_FORMAT = 1
REFERENCE_VERSION = "11"  # bump when the ontology, gazetteer or indicator scheme changes
# An endpoint's time for one document's load (graph and catalog in one update request).
LOAD_TIMEOUT = 120.0
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
# The reference graphs built from files (the identity and catalog graphs follow the loads).
BUILT_GRAPHS = (ONTOLOGY_GRAPH, GAZETTEER_GRAPH, INDICATORS_GRAPH)


# Bumped by every write: query workers reopen their read-only view when it changes, and
# answers kept by the query runner are keyed by it (store_generation).
GENERATION_FILE = "generation"
# An endpoint has no such file (other clients may write to it): answers kept for it are
# at most this old, except that a write through this process renews them at once.
ENDPOINT_GENERATION_SECONDS = 30
_local_writes = 0  # writes made by this process (loads, drops, updates through a Store)


def store_generation(location: str | Path) -> str:
    """What changes whenever the store's content does: the generation file's time and text
    for an embedded store; for an endpoint, the half-minute and this process's own writes."""
    if is_endpoint(str(location)):
        return f"{int(time.time() // ENDPOINT_GENERATION_SECONDS)}:{_local_writes}"
    marker = Path(location) / GENERATION_FILE
    try:
        return f"{marker.stat().st_mtime_ns}:{marker.read_text('utf-8')}:{_local_writes}"
    except OSError:
        return f"none:{_local_writes}"


class StoreError(Exception):
    """A store that cannot be opened or written; the message is one line for the user."""


def user_data_dir() -> Path:
    """The per-user data folder: $XDG_DATA_HOME/policykg, else ~/.local/share/policykg."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "policykg"


def default_store_path() -> Path:
    """$POLICYKG_STORE, else the per-user data folder's store ($XDG_DATA_HOME/policykg/store)."""
    if os.environ.get("POLICYKG_STORE"):
        return Path(os.environ["POLICYKG_STORE"])
    return user_data_dir() / "store"



# Relations carried over from a node made for a citation with no year to the document it is
# resolved to: the cascade's, and a change's (graph/history.py reads them in graph:catalog).
RESOLVED_PREDICATES = ("eli:ensures_implementation_of eli:based_on eli:cites eli:changes eli:changed_by eli:amends eli:amended_by"
                       " eli:repeals eli:repealed_by pkg:replaces pkg:replacedBy eli:date_no_longer_in_force")
IDENTITY_UPDATE = f"""
DROP SILENT GRAPH <{IDENTITY_GRAPH.value}> ;
INSERT {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?x pkg:resolvedTo ?y }} }}
WHERE {{
  {{ SELECT ?x (MIN(?cand) AS ?y) (COUNT(DISTINCT ?cand) AS ?n) WHERE {{
      # Each part as a DISTINCT set first: a much-cited document states its key and date in
      # hundreds of graphs, and joining those statements directly took seconds.
      {{ SELECT DISTINCT ?x ?k WHERE {{
          GRAPH ?g1 {{ ?x pkg:identityKey ?k }}
          MINUS {{ GRAPH ?g2 {{ ?x eli:date_document ?any }} }}
          MINUS {{ GRAPH ?g3 {{ ?x a pkg:HeldDocument }} }} }} }}
      {{ SELECT DISTINCT ?cand ?k WHERE {{ GRAPH ?g4 {{ ?cand pkg:identityKey ?k }} }} }}
      FILTER (?cand != ?x)
      {{ SELECT DISTINCT ?cand WHERE {{
          {{ GRAPH ?g5 {{ ?cand eli:date_document ?d }} }} UNION {{ GRAPH ?g6 {{ ?cand a pkg:HeldDocument }} }} }} }}
    }} GROUP BY ?x }}
  FILTER (?n = 1)
}} ;
INSERT {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?s ?p ?y }} }}
WHERE {{
  GRAPH <{IDENTITY_GRAPH.value}> {{ ?x pkg:resolvedTo ?y }}
  VALUES ?p {{ {RESOLVED_PREDICATES} }}
  GRAPH ?g {{ ?s ?p ?x }}
}} ;
INSERT {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?y ?p ?o }} }}
WHERE {{
  GRAPH <{IDENTITY_GRAPH.value}> {{ ?x pkg:resolvedTo ?y }}
  VALUES ?p {{ {RESOLVED_PREDICATES} }}
  GRAPH ?g {{ ?x ?p ?o }}
}} ;
INSERT {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?x a pkg:CitedOnlyDocument }} }}
WHERE {{
  {{ SELECT DISTINCT ?x WHERE {{ GRAPH ?g {{ ?x a eli:LegalResource }} }} }}
  MINUS {{ GRAPH ?h {{ ?x a pkg:HeldDocument }} }}
  MINUS {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?x pkg:resolvedTo ?r }} }}
}}
"""

# The catalog graph: each statement about a document or an organisation once, from every
# graph that makes it (identity links included). Queries read documents' and agencies'
# attributes there; in the union default graph a document cited by 500 plans has each
# attribute 500 times, and joining three of them gives 500^3 rows.
CATALOG_CLASSES = "eli:LegalResource org:Organization"
CATALOGUED_TYPES = (NamedNode(ELI + "LegalResource"), NamedNode(ORG + "Organization"))
RDF_TYPE = NamedNode(RDF + "type")
_CATALOGUED = f"""GRAPH ?g {{ ?s a ?c }} VALUES ?c {{ {CATALOG_CLASSES} }}
     FILTER (?g != <{GAZETTEER_GRAPH.value}> && ?g != <{ONTOLOGY_GRAPH.value}> && ?g != <{CATALOG_GRAPH.value}>)"""
CATALOG_STATEMENTS = f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{ {_CATALOGUED} }} }}
  GRAPH ?h {{ ?s ?p ?o }}
  FILTER (?h != <{CATALOG_GRAPH.value}>)
}}"""


def one_preferred_label(subjects: str = "") -> str:
    """The update that leaves each catalogued subject one skos:prefLabel per language (SKOS
    allows no more) and makes the others skos:altLabel. Documents name an agency their own
    way ('Sở Kế hoạch và đầu tư', 'Sở Kế hoạch và Đầu tư'); each document's graph keeps its
    own spelling, the catalog chooses: the label most graphs use, then the longest (a full
    name over an abbreviation), then the first in code-point order (capitals first).
    `subjects`: a pattern binding ?s to the subjects to look at (a load or drop); '': all."""
    cat = CATALOG_GRAPH.value
    return f"""
DELETE {{ GRAPH <{cat}> {{ ?s skos:prefLabel ?l }} }}
INSERT {{ GRAPH <{cat}> {{ ?s skos:altLabel ?l }} }}
WHERE {{
  {{
    SELECT ?s ?lang (MIN(?key) AS ?best) WHERE {{
      {{
        SELECT ?s ?l (COUNT(DISTINCT ?h) AS ?n) WHERE {{
          {{ SELECT ?s WHERE {{ {subjects} GRAPH <{cat}> {{ ?s skos:prefLabel ?a , ?b FILTER (?a != ?b) }} }} GROUP BY ?s }}
          GRAPH <{cat}> {{ ?s skos:prefLabel ?l }}
          GRAPH ?h {{ ?s skos:prefLabel ?l }}
          FILTER (?h != <{cat}>)
        }} GROUP BY ?s ?l
      }}
      BIND (LANG(?l) AS ?lang)
      # the smallest key wins: most graphs, then longest, then first in code-point order
      # (two 6-digit numbers, then the label)
      BIND (CONCAT(STR(1000000 - ?n), STR(1000000 - STRLEN(?l)), STR(?l)) AS ?key)
    }} GROUP BY ?s ?lang HAVING (COUNT(*) > 1)
  }}
  GRAPH <{cat}> {{ ?s skos:prefLabel ?l }}
  FILTER (LANG(?l) = ?lang && STR(?l) != SUBSTR(?best, 13))
}}"""


CATALOG_UPDATE = f"""
DROP SILENT GRAPH <{CATALOG_GRAPH.value}> ;
INSERT {{ GRAPH <{CATALOG_GRAPH.value}> {{ ?s ?p ?o }} }}
WHERE {{ {CATALOG_STATEMENTS} }} ;
{one_preferred_label()}
"""


def catalog_refresh(subjects) -> str:
    """The update that re-reads the catalog for these subjects only, after the identity
    graph is rebuilt: what one document's load or drop can change. `subjects` must hold
    every catalogued subject of the graphs written or dropped and of the identity graph
    before the change (identity links can move when a document comes or goes)."""
    values = " ".join(f"<{s}>" for s in sorted(subjects))
    return f"""
DELETE {{ GRAPH <{CATALOG_GRAPH.value}> {{ ?s ?p ?o }} }}
WHERE {{ VALUES ?s {{ {values} }} GRAPH <{CATALOG_GRAPH.value}> {{ ?s ?p ?o }} }} ;
{IDENTITY_UPDATE} ;
INSERT {{ GRAPH <{CATALOG_GRAPH.value}> {{ ?s ?p ?o }} }}
WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{ VALUES ?s {{ {values} }} {_CATALOGUED} }} }}
  GRAPH ?h {{ ?s ?p ?o }}
  FILTER (?h != <{CATALOG_GRAPH.value}>)
}} ;
# the documents the rebuilt identity graph names (all catalogued: it is made from documents'
# statements). Kept apart from the list above: their union made Oxigraph read every quad.
INSERT {{ GRAPH <{CATALOG_GRAPH.value}> {{ ?s ?p ?o }} }}
WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?s ?x ?y }} }} }}
  GRAPH ?h {{ ?s ?p ?o }}
  FILTER (?h != <{CATALOG_GRAPH.value}>)
}} ;
{one_preferred_label(f"VALUES ?s {{ {values} }}")} ;
{one_preferred_label(f"GRAPH <{IDENTITY_GRAPH.value}> {{ ?s ?x ?y }}")}
"""


# Both derived graphs rebuilt from scratch: after a bulk load, or a new reference version.
DERIVED_UPDATE = IDENTITY_UPDATE + " ;\n" + CATALOG_UPDATE


def _sparql_data(quads: list[Quad]) -> str:
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


class Store:
    """The graph: an embedded on-disk store (a folder) or a SPARQL 1.1 endpoint (a URL)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        location = path if path is not None else default_store_path()
        self.read_only = read_only
        if is_endpoint(str(location)):
            self.path = None
            self.backend: EmbeddedBackend | RemoteBackend = RemoteBackend(str(location))
            try:
                self.backend.ping()
            except BackendError as exc:
                raise StoreError(str(exc)) from None
            log.info("opened the SPARQL endpoint %s%s", location, " (read-only)" if read_only else "")
            if not read_only:
                self.ensure_reference_graphs()
            return
        self.path = Path(location)
        marker = self.path / MARKER
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: is a file, not a store folder")
        if self.path.is_dir() and any(self.path.iterdir()) and not marker.exists():
            raise StoreError(f"{self.path}: this folder is not a policykg store (no {MARKER}); "
                             "choose an empty or new folder with --store")
        if read_only and not marker.exists():
            raise StoreError(f"{self.path}: no policykg store here yet; run `policykg load` first")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.backend = EmbeddedBackend(self.path, read_only)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({str(exc).splitlines()[0]})") from None
        log.info("opened the store %s%s", self.path, " (read-only)" if read_only else "")
        if not read_only:
            if not marker.exists():
                marker.write_text(json.dumps({"format": STORE_FORMAT, "created": dt.datetime.now(dt.timezone.utc).isoformat()}))
            self.ensure_reference_graphs()

    @property
    def location(self) -> str:
        """The folder or URL, as `--store` takes it."""
        return self.backend.location

    # -- reference data ---------------------------------------------------------------
    def _reference_counts(self) -> dict[str, int]:
        """Triples in each reference graph now, the marker's own statements left out."""
        values = " ".join(f"<{g.value}>" for g in BUILT_GRAPHS)
        rows = self.backend.query(f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }}
            FILTER (?p != <{PKG}referenceVersion> && ?p != <{PKG}tripleCount>) }} GROUP BY ?g""")
        counts = {g.value: 0 for g in BUILT_GRAPHS}
        counts.update({r["g"].value: int(r["n"].value) for r in rows})
        return counts

    def reference_problems(self) -> list[str]:
        """What is wrong with the reference graphs (ontology, gazetteer, indicator scheme):
        none when the marker names this REFERENCE_VERSION and every graph holds the number
        of triples recorded with it."""
        rows = list(self.backend.query(
            f"""SELECT ?v ?g ?n WHERE {{ GRAPH <{ONTOLOGY_GRAPH.value}> {{ <{ID}store> <{PKG}referenceVersion> ?v
                OPTIONAL {{ ?g <{PKG}tripleCount> ?n }} }} }}"""))
        if not rows:
            return ["chưa được nạp trọn (không có dấu phiên bản)"]
        if rows[0]["v"].value != REFERENCE_VERSION:
            return [f"phiên bản {rows[0]['v'].value}, mã này cần {REFERENCE_VERSION}"]
        recorded = {r["g"].value: int(r["n"].value) for r in rows if r["g"] is not None}
        return [f"<{g}> có {n} bộ ba, lẽ ra {recorded.get(g, '?')}"
                for g, n in self._reference_counts().items() if recorded.get(g) != n]

    def ensure_reference_graphs(self) -> None:
        """Ontology, gazetteer and indicator scheme, loaded once per REFERENCE_VERSION and
        loaded again when one of them is not whole.

        The version marker, with each graph's triple count, is written last, in one
        transaction: a store killed while the gazetteer's bulk load ran has no marker, and
        one whose reference graph lost triples has counts that disagree; both are rebuilt
        here, at the next opening."""
        problems = self.reference_problems()
        if not problems:
            return
        if problems[0].startswith("<"):  # counts that disagree: a repair, not a new store or a new version
            log.warning("%s: reference graphs not whole, loading them again: %s", self.location, "; ".join(problems))
        from .gazetteer import gazetteer_quads
        from .indicators import scheme_quads

        log.info("loading the reference graphs (version %s) into %s", REFERENCE_VERSION, self.location)

        for g in BUILT_GRAPHS:  # the marker goes first, with the ontology
            self.backend.remove_graph(g)
        quads = []
        for ttl in (ONTOLOGY, SHAPES):  # package data; a missing file is an error, not an empty graph
            quads += [Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                      for t in pyoxigraph.parse(ttl.read_bytes(), format=RdfFormat.TURTLE)]
        self.backend.extend(quads + scheme_quads())
        self.backend.bulk_extend(gazetteer_quads())
        self.rebuild_derived()  # stores made before the catalog graph get one
        self.compact()
        marker = [Quad(NamedNode(ID + "store"), NamedNode(PKG + "referenceVersion"),
                       pyoxigraph.Literal(REFERENCE_VERSION), ONTOLOGY_GRAPH)]
        marker += [Quad(NamedNode(g), NamedNode(PKG + "tripleCount"), pyoxigraph.Literal(str(n), datatype=XSD_INTEGER),
                        ONTOLOGY_GRAPH) for g, n in self._reference_counts().items()]
        self.backend.extend(marker)
        self.backend.flush()
        self.changed()

    # -- documents: what is stored (graph/ingest.py reads the files and calls these) --------
    def existing(self, graph: str) -> dict | None:
        rows = list(self.backend.query(
            SPARQL_PREFIXES + """SELECT ?g ?sha ?v ?catalogued WHERE { GRAPH ?g { ?g pkg:sha256 ?sha ; pkg:parserVersion ?v ;
                dct:subject ?doc } OPTIONAL { GRAPH graph:catalog { ?doc a pkg:HeldDocument } BIND (true AS ?catalogued) } }""",
            substitutions={pyoxigraph.Variable("g"): NamedNode(graph)}))
        # a graph whose catalog entries are missing (a load cut short by an older version) is
        # not 'unchanged': it is loaded again
        return {"sha": rows[0]["sha"].value, "version": rows[0]["v"].value,
                "catalogued": rows[0]["catalogued"] is not None} if rows else None

    def graphs_of_file(self, file_name: str) -> list[str]:
        rows = self.backend.query(
            SPARQL_PREFIXES + "SELECT DISTINCT ?g ?f WHERE { GRAPH ?g { ?g a pkg:DocumentGraph ; pkg:fileName ?f } }",
            substitutions={pyoxigraph.Variable("f"): pyoxigraph.Literal(file_name)})
        return [r["g"].value for r in rows]

    def unchanged(self, sha: str, file_name: str) -> dict | None:
        rows = list(self.backend.query(
            SPARQL_PREFIXES + """SELECT ?g ?doc ?id ?sha ?v ?f WHERE { GRAPH ?g { ?g pkg:sha256 ?sha ; pkg:parserVersion ?v ;
                pkg:fileName ?f ; dct:subject ?doc . OPTIONAL { ?doc eli:id_local ?id } }
                GRAPH graph:catalog { ?doc a pkg:HeldDocument } }""",
            substitutions={pyoxigraph.Variable("sha"): pyoxigraph.Literal(sha),
                           pyoxigraph.Variable("v"): pyoxigraph.Literal(PARSER_VERSION),
                           pyoxigraph.Variable("f"): pyoxigraph.Literal(file_name)}))
        if not rows:
            return None
        return {"g": rows[0]["g"].value, "doc": rows[0]["doc"].value, "id": rows[0]["id"].value if rows[0]["id"] else None}

    def rebuild_derived(self) -> None:
        """Rebuild the identity and catalog graphs from every document graph (bulk loads,
        new reference versions). On the embedded store the catalog is written by the bulk
        loader: a SPARQL INSERT of the same statements is ten times slower."""
        if self.backend.kind != "embedded":
            self.backend.update(SPARQL_PREFIXES + DERIVED_UPDATE)
            return
        self.backend.update(SPARQL_PREFIXES + IDENTITY_UPDATE)
        self.backend.remove_graph(CATALOG_GRAPH)
        rows = self.backend.query(SPARQL_PREFIXES + CATALOG_STATEMENTS)
        self.backend.bulk_extend(Quad(r["s"], r["p"], r["o"], CATALOG_GRAPH) for r in rows)
        self.backend.update(SPARQL_PREFIXES + one_preferred_label())

    def _catalogued_subjects(self, graphs: list[str]) -> set[str]:
        """Catalogued subjects of these graphs and of the identity graph, as they are now."""
        values = " ".join(f"<{g}>" for g in graphs)
        rows = self.backend.query(SPARQL_PREFIXES + f"""SELECT DISTINCT ?s WHERE {{
            {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s a ?c }} VALUES ?c {{ {CATALOG_CLASSES} }} }}
            UNION {{ GRAPH <{IDENTITY_GRAPH.value}> {{ ?s ?p ?o }} }} }}""")
        return {r["s"].value for r in rows if isinstance(r["s"], NamedNode)}

    def write_document(self, graph: str, quads: list, stale: list[str]) -> None:
        """Replace one document's graph (and drop stale ones), then refresh the derived graphs."""
        subjects = self._catalogued_subjects([graph, *stale]) | {
            q.subject.value for q in quads if q.predicate == RDF_TYPE and q.object in CATALOGUED_TYPES}
        # One update request: the store (or the endpoint, which runs an update request as one
        # transaction) holds the old version or the new one with its catalog entries, never a
        # graph without them. A Graph Store PUT followed by a separate catalog update left
        # documents half-written when the endpoint failed in between.
        drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in [graph, *stale])
        try:
            self.backend.update(SPARQL_PREFIXES + drops + "INSERT DATA {\n" + _sparql_data(quads) + "\n} ;\n"
                                + catalog_refresh(subjects), timeout=LOAD_TIMEOUT)
        except BackendError as exc:
            raise StoreError(str(exc)) from None

    # -- other operations ------------------------------------------------------------
    def documents(self) -> list[dict]:
        rows = self.backend.query(SPARQL_PREFIXES + """
            SELECT ?g ?doc ?id ?file ?at WHERE { GRAPH ?g { ?g a pkg:DocumentGraph ; dct:subject ?doc ;
              pkg:fileName ?file ; prov:generatedAtTime ?at . OPTIONAL { ?doc eli:id_local ?id } } }
            ORDER BY DESC(?at)""")
        return [{"graph": r["g"].value, "document": r["doc"].value, "id": r["id"].value if r["id"] else None,
                 "file": r["file"].value, "loaded_at": r["at"].value} for r in rows]

    def drop(self, doc_id: str) -> list[str]:
        """Drop the loaded document(s) with this id, or this document/graph IRI."""
        targets = [d["graph"] for d in self.documents()
                   if doc_id in (d["id"], d["document"], d["graph"], d["file"])]
        if targets:
            subjects = self._catalogued_subjects(targets)
            self.backend.update(SPARQL_PREFIXES + "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in targets)
                                + catalog_refresh(subjects))
            self.changed()
        return targets

    def compact(self) -> None:
        """After a bulk load: write everything out and compact it (see EmbeddedBackend.optimize),
        then tell query workers to reopen on the compacted files."""
        self.backend.flush()
        self.backend.optimize()
        self.changed()

    def changed(self) -> None:
        """Bump the generation (store_generation): query workers then reopen their read-only
        view, and answers kept from before are not used again."""
        global _local_writes
        _local_writes += 1
        if self.path is not None:
            # Written out first: a read-only view replays the write-ahead log when it opens,
            # and every worker reopens at this bump. Ten documents left 100 MB of log there
            # (2.6 s for each view to open, 13 s after fifty); flushed, 0.03 s.
            self.backend.flush()
            (self.path / GENERATION_FILE).write_text(dt.datetime.now(dt.timezone.utc).isoformat())

    def _count(self, sparql: str) -> int:
        return int(next(iter(self.query(sparql)))["n"].value)

    def document_counts(self) -> dict:
        """Documents whose text is held, and documents known only from citations."""
        return {
            "documents_held": self._count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:catalog { ?d a pkg:HeldDocument } }"),
            "documents_cited_only": self._count(
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:catalog { ?d a pkg:CitedOnlyDocument } }"),
        }

    def stats(self) -> dict:
        count = self._count
        by_class = {}
        for row in self.backend.query(SPARQL_PREFIXES + """SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {
                GRAPH ?g { ?g a pkg:DocumentGraph } GRAPH ?g { ?s a ?c } } GROUP BY ?c ORDER BY DESC(?n)"""):
            by_class[row["c"].value] = int(row["n"].value)
        return {
            **self.document_counts(),
            "triples": count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
            "document_graphs": count("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a pkg:DocumentGraph } }"),
            "by_class": by_class,
        }

    def export(self, out, fmt: str = "nq", include_reference: bool = False) -> None:
        """N-Quads (everything), Turtle (the union of document graphs) or JSON-LD (via rdflib)."""
        graphs = [NamedNode(d["graph"]) for d in self.documents()]
        if include_reference:
            graphs += list(REFERENCE_GRAPHS)
        if fmt == "nq":
            for g in graphs:
                for line in self.backend.dump_graph(g).decode("utf-8").splitlines():
                    if line.strip():
                        out.write((line.rstrip(" .") + f" <{g.value}> .\n").encode("utf-8"))
            return
        if fmt == "ttl":
            import rdflib

            rg = rdflib.Graph()
            for g in graphs:
                rg.parse(data=self.backend.dump_graph(g), format="nt")
            from .namespaces import PREFIXES
            for k, v in PREFIXES.items():
                rg.bind(k, v)
            out.write(rg.serialize(format="turtle").encode("utf-8"))
            return
        if fmt == "jsonld":
            import rdflib

            ds = rdflib.Dataset()
            for g in graphs:
                ds.graph(rdflib.URIRef(g.value)).parse(data=self.backend.dump_graph(g), format="nt")
            out.write(ds.serialize(format="json-ld").encode("utf-8"))
            return
        raise StoreError(f"unknown export format {fmt!r} (ttl, nq or jsonld)")

    def query(self, sparql: str, substitutions: dict | None = None, timeout: float | None = None):
        """A SPARQL query with the usual prefixes, over the union of all graphs."""
        try:
            return self.backend.query(SPARQL_PREFIXES + sparql, substitutions, timeout=timeout)
        except BackendError as exc:
            raise StoreError(str(exc)) from None

    def update(self, sparql: str) -> None:
        """Admin only: a SPARQL update on the store (loads go through load_*)."""
        self.backend.update(SPARQL_PREFIXES + sparql)
        self.changed()

    def dump_graph(self, graph) -> bytes:
        return self.backend.dump_graph(graph)

    def close(self) -> None:
        self.backend.flush()
        del self.backend


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
