"""Ingestion: a file → its extracted text → the parse record → RDF quads → the store.

    >>> from policykg.graph.store import open_store
    >>> from policykg.graph.ingest import load_file, load_paths
    >>> store = open_store("/tmp/pkg-store")
    >>> load_file(store, "data/corpus/000_4b541d80a1f56cd0.txt").status
    'added'

Loading is atomic per document (the store writes the document's graph and refreshes the
derived graphs in one update) and idempotent (the same bytes again change nothing and are
not read again; changed bytes replace the document).
"""
import datetime as dt
import hashlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Variable

from policykg.loaders import PARSER_VERSION, ParseError, Record, extract, parse_extracted_record
from policykg.loaders.decode import read_file
from policykg.loaders.limits import guarded

from .rdf import record_quads
from .store import Store, StoreError

log = logging.getLogger(__name__)

# What a folder load picks up and the app's upload offers; a single file is read whatever its
# name (the content decides).
DOCUMENT_SUFFIXES = (".txt", ".md", ".htm", ".html", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


@dataclass
class LoadResult:
    path: str
    status: str            # 'added' | 'replaced' | 'unchanged' | 'failed'
    document: str | None = None
    graph: str | None = None
    triples: int = 0
    error: str | None = None
    doc_id: str | None = None


class DocumentClash(ParseError):
    """The file's document is already held from another file: kept unless `replace=True`.

    Loading a file again under its own name updates its document, as always; a different
    file that reads as the same document (same number and issuer, so the same graph) would
    silently replace the other file's, so it is refused and the user chooses."""

    def __init__(self, source: str, doc_id: str | None, other: str):
        self.doc_id, self.other = doc_id, other
        super().__init__(source, f"document {doc_id} is already held from another file ({other}); "
                                 "the held one is kept (load with --replace, or choose Replace, to replace it)")


def load_bytes(store: Store, data: bytes, name: str, progress=None, replace: bool = False) -> LoadResult:
    """Parse and load one document of any supported format (text, .docx, PDF, scan,
    image, web page); raises ParseError for bad input (store untouched), DocumentClash
    (a ParseError) if another file's document has the same identity and not `replace`.
    `progress(done, total)` follows the pages of PDFs and images. Logged: the load, or
    the refusal and its reason."""
    start = time.perf_counter()
    try:
        result = _load_bytes(store, data, name, progress, replace)
    except ParseError as exc:
        log.info("refused %s", exc)  # the caller tells the user, in the user's language
        raise
    log.info("%s %s → %s (%d triples, %.2f s) in %s", result.status, name, result.doc_id or result.document,
             result.triples, time.perf_counter() - start, store.location)
    return result


def _files_of(store: Store, graph: str) -> list[str]:
    rows = store.query("SELECT DISTINCT ?g ?f WHERE { GRAPH ?g { ?g pkg:fileName ?f } }",
                       substitutions={Variable("g"): NamedNode(graph)})
    return sorted(r["f"].value for r in rows)


def _load_bytes(store: Store, data: bytes, name: str, progress=None, replace: bool = False) -> LoadResult:
    """Parse and load one document of any supported format (text, .docx, PDF, scan,
    image, web page); raises ParseError for bad input (store untouched).
    `progress(done, total)` follows the pages of PDFs and images."""
    if store.read_only:
        raise StoreError(f"{store.path}: opened read-only")
    sha = hashlib.sha256(data).hexdigest()
    same = store.unchanged(sha, Path(name).name)
    if same is not None:  # the same bytes again: no need to read them (OCR takes minutes)
        return LoadResult(name, "unchanged", same["doc"], same["g"], 0, doc_id=same["id"])
    with guarded(len(data), name):  # the same time and memory bounds as parse_bytes (loaders/limits.py)
        extracted = extract(data, name, progress)
        record = parse_extracted_record(extracted, name)
    graph, quads = record_quads(record, extracted.text, file_name=Path(name).name, sha=sha,
                                loaded_at=dt.datetime.now(dt.timezone.utc), parser_version=PARSER_VERSION)
    doc = next(q.object.value for q in quads
               if q.predicate.value.endswith("/terms/subject") and isinstance(q.object, NamedNode))
    before = store.existing(graph)
    doc_id = record.document.id
    if before and before["sha"] == sha and before["version"] == PARSER_VERSION and before["catalogued"]:
        return LoadResult(name, "unchanged", doc, graph, 0, doc_id=doc_id)
    if before and not replace:
        others = [f for f in _files_of(store, graph) if f != Path(name).name]
        if others:
            raise DocumentClash(name, doc_id, ", ".join(others))
    # A changed file whose document got another identity replaces what it loaded before.
    stale = [g for g in store.graphs_of_file(Path(name).name) if g != graph]
    store.write_document(graph, quads, stale)
    store.changed()
    return LoadResult(name, "replaced" if before or stale else "added", doc, graph, len(quads), doc_id=doc_id)


def load_records(store: Store, pairs, name: str = "generated") -> int:
    """Bulk-load parse records (`Record`s, or their JSON shape as `policykg parse --json`
    prints it) with their source text (benchmarks, migrations).

    The same `record_quads` as `load_bytes`, but streamed into one bulk operation (the
    quads are made as the loader asks for them, so memory stays flat) with one rebuild of
    the derived graphs at the end: not atomic per document, so not for users' files.
    Returns the number of quads written.
    """
    now = dt.datetime.now(dt.timezone.utc)
    written = 0

    def quads():
        nonlocal written
        for i, (record, text) in enumerate(pairs):
            sha = hashlib.sha256(text.encode("utf-8") + str(i).encode()).hexdigest()
            typed = record if isinstance(record, Record) else Record.from_dict(record)
            _graph, qs = record_quads(typed, text, file_name=f"{name}-{i}.txt", sha=sha, loaded_at=now,
                                      parser_version=PARSER_VERSION)
            written += len(qs)
            yield from qs

    start = time.perf_counter()
    store.backend.bulk_extend(quads())
    store.rebuild_derived()
    store.compact()
    log.info("bulk-loaded %d quads (%s) in %.1f s into %s", written, name, time.perf_counter() - start,
             store.location)
    return written


def load_file(store: Store, path: str | Path, progress=None, replace: bool = False) -> LoadResult:
    return load_bytes(store, read_file(path), str(path), progress, replace)


def load_paths(store: Store, paths, progress=None, page_progress=None, replace: bool = False) -> list[LoadResult]:
    """Files and folders (recursively: the DOCUMENT_SUFFIXES); a failing file is reported,
    others go on. `page_progress(path, done, total)` follows the pages of PDFs and scans.
    `replace`: a file whose document is held from another file replaces it (else refused)."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            files.append(p)
    results = []
    for i, f in enumerate(files):
        pages = (lambda done, total, f=f: page_progress(str(f), done, total)) if page_progress else None
        try:
            results.append(load_file(store, f, pages, replace))
        except ParseError as exc:
            results.append(LoadResult(str(f), "failed", error=str(exc)))
        if progress:
            progress(i + 1, len(files), results[-1])
    # No compaction here: on a national store it took 4 s after one file; document by
    # document writes are compacted by RocksDB in the background.
    return results
