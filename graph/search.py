"""Full-text search across the held documents' text: diacritics-insensitive, tolerant of OCR
damage, ranked, each hit located in its document's text (offsets) for the document page.

    >>> from policykg.graph.store import open_store
    >>> from policykg.graph.search import search
    >>> hits = search(open_store("/tmp/pkg-store"), "y te co so", limit=5)
    >>> hits[0].doc_id, hits[0].start, hits[0].html()

The index is SQLite FTS5 (the standard library's sqlite3; pyoxigraph has no full-text index),
kept beside the store (`search.sqlite` in the store's folder; for an endpoint in the user's
cache folder). Passages are indexed folded (`base.text.fold`: lower case, no diacritics, đ → d,
OCR look-alikes) so 'y te co so' finds 'Y tế cơ sở' and a scan that lost its diacritics;
`fold` keeps the length, so a match in the folded passage is the same slice of the text.

The index follows the store lazily: each search first compares the store's document graphs
(graph, sha256, parser version, load time) with the index's and re-indexes only what changed,
in ONE SQLite transaction: a reader (another session, the CLI) sees the index before or after
a refresh, never half of it, and a refresh that fails leaves the old index whole. Building it
at load time instead would tie every writer (CLI, app upload, bulk loader, an endpoint loaded
by others) to it and still miss an endpoint changed elsewhere.

OCR damage: a query word of four letters or more is also matched against the index's words
within a small edit distance (rapidfuzz's Levenshtein): 'tiem chung' finds a scan's 'tlem
chung', and a mistyped 'ke hoaeh' finds 'kế hoạch'. Such matches rank below exact ones.

Ranking: FTS5's BM25, plus a bonus when the words stand together as typed (the phrase) or
close to each other, minus a penalty per word matched only approximately.
"""
import hashlib
import html
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from policykg.base.text import fold

log = logging.getLogger(__name__)

INDEX_FILE = "search.sqlite"
# Bump when the passages or the folding change: an index of another version is rebuilt.
INDEX_VERSION = "1"
# A passage: whole lines up to about this many characters (a long line is cut at a space).
PASSAGE_CHARS = 400
PASSAGE_MAX = 700
# Candidate passages BM25 hands to the re-ranking.
CANDIDATES = 400
PER_DOCUMENT = 3
# Around the hit, this much of the passage is shown.
SNIPPET_CHARS = 160

_WORD = re.compile(r"[^\W_]+")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (graph TEXT PRIMARY KEY, key TEXT NOT NULL, doc TEXT NOT NULL,
                                      doc_id TEXT, title TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(
    body, original UNINDEXED, graph UNINDEXED, start UNINDEXED,
    tokenize = "unicode61 remove_diacritics 2");
CREATE VIRTUAL TABLE IF NOT EXISTS vocabulary USING fts5vocab(passages, row);
"""
# Each held document's graph with what changes when it is loaded again.
# (pkg:sha256 first: only document graphs state it, where rdf:type is in every reference graph)
_GRAPHS = """SELECT ?g ?doc ?sha ?v ?at WHERE { GRAPH ?g { ?g pkg:sha256 ?sha . ?g pkg:parserVersion ?v ;
    prov:generatedAtTime ?at ; dct:subject ?doc } }"""
_TEXTS = """SELECT ?g ?t (SAMPLE(?id_) AS ?id) (SAMPLE(?title_) AS ?title) WHERE { VALUES ?g { %s }
    GRAPH ?g { ?g pkg:sourceText ?t ; dct:subject ?doc .
    OPTIONAL { ?doc eli:id_local ?id_ } OPTIONAL { ?doc dct:title ?title_ } } } GROUP BY ?g ?t"""
# Texts read per request (a national store's documents are a few hundred kB each).
BATCH = 50


class SearchError(Exception):
    """The index cannot be read or written; the message is one line."""

    def __init__(self, message: str, code: str = "search.failed", **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass
class Hit:
    """One passage that matches: where it is, and what to show."""
    doc: str                    # the document's IRI
    graph: str
    doc_id: str | None
    title: str | None
    start: int                  # the match in the document's text: text[start:end]
    end: int
    passage_start: int          # the passage shown: text[passage_start:passage_start + len(passage)]
    passage: str
    marks: list[tuple[int, int]] = field(default_factory=list)   # matched words, offsets in `passage`
    score: float = 0.0
    approximate: bool = False   # some word matched only within an edit distance

    def html(self) -> str:
        """The passage, HTML-escaped, its matched words in <mark>."""
        out, pos = [], 0
        for a, b in self.marks:
            out += [html.escape(self.passage[pos:a]), "<mark>", html.escape(self.passage[a:b]), "</mark>"]
            pos = b
        out.append(html.escape(self.passage[pos:]))
        return "".join(out)


def words(text: str) -> list[str]:
    """The folded words of a text, as the index cuts them."""
    return _WORD.findall(fold(text))


def passages(text: str) -> list[tuple[int, int]]:
    """(start, end) of the passages of a text: whole lines gathered up to PASSAGE_CHARS; a
    line longer than PASSAGE_MAX is cut at spaces."""
    spans: list[tuple[int, int]] = []
    start, pos = None, 0
    for line in text.splitlines(keepends=True):
        a, b = pos, pos + len(line)
        pos = b
        if not line.strip():
            if start is not None:
                spans.append((start, a))
                start = None
            continue
        if b - a > PASSAGE_MAX:
            if start is not None:
                spans.append((start, a))
                start = None
            while b - a > PASSAGE_MAX:
                cut = text.rfind(" ", a + PASSAGE_CHARS, a + PASSAGE_MAX)
                cut = cut if cut > a else a + PASSAGE_MAX
                spans.append((a, cut))
                a = cut
            spans.append((a, b))
            continue
        if start is None:
            start = a
        if b - start >= PASSAGE_CHARS:
            spans.append((start, b))
            start = None
    if start is not None:
        spans.append((start, pos))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def index_path(store) -> Path:
    """Beside an embedded store; for an endpoint, in the user's cache folder."""
    if getattr(store, "path", None) is not None:
        return Path(store.path) / INDEX_FILE
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policykg" / "search"
    return base / (hashlib.sha256(store.location.encode("utf-8")).hexdigest()[:16] + ".sqlite")


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)  # transactions are explicit
    conn.execute("PRAGMA journal_mode=WAL")  # readers go on while a refresh writes
    conn.executescript(_SCHEMA)
    version = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    if version is None or version[0] != INDEX_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM passages")
        conn.execute("DELETE FROM documents")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
        conn.execute("COMMIT")
    return conn


def _store_graphs(store) -> dict[str, tuple[str, str]]:
    """{graph: (key, document IRI)} of the store's held documents, as they are now."""
    rows = store.query(_GRAPHS)
    return {r["g"].value: ("|".join((r["sha"].value, r["v"].value, r["at"].value)), r["doc"].value) for r in rows}


def _document_texts(store, graphs: list[str]) -> dict[str, tuple[str, str | None, str | None]]:
    """{graph: (text, id, title)}; the graph IRIs are the store's own (from _GRAPHS)."""
    out = {}
    for i in range(0, len(graphs), BATCH):
        values = " ".join(f"<{g}>" for g in graphs[i:i + BATCH])
        for r in store.query(_TEXTS % values):
            out[r["g"].value] = (r["t"].value, r["id"].value if r["id"] else None,
                                 r["title"].value if r["title"] else None)
    return out


def refresh(store, *, fetch=None) -> dict[str, int]:
    """Bring the index up to the store: documents added, changed or dropped since the last
    refresh, in one transaction. Returns counts {'added', 'removed', 'unchanged'}.
    `fetch(store, graphs)` → {graph: (text, id, title)} reads documents (tests make it fail)."""
    fetch = fetch or _document_texts
    started = time.perf_counter()
    current = _store_graphs(store)
    conn = _connect(index_path(store))
    try:
        indexed = dict(conn.execute("SELECT graph, key FROM documents").fetchall())
        wanted = {g: v for g, v in current.items() if indexed.get(g) != v[0]}
        gone = [g for g in indexed if g not in current]
        if not wanted and not gone:
            return {"added": 0, "removed": 0, "unchanged": len(indexed)}
        # Read the texts before taking the write lock: a slow endpoint does not hold up readers.
        texts = fetch(store, list(wanted))
        conn.execute("BEGIN IMMEDIATE")
        try:
            for g in [*gone, *wanted]:
                conn.execute("DELETE FROM passages WHERE graph = ?", (g,))
                conn.execute("DELETE FROM documents WHERE graph = ?", (g,))
            for g, (key, doc) in wanted.items():
                text, doc_id, title = texts.get(g, ("", None, None))
                conn.executemany("INSERT INTO passages (body, original, graph, start) VALUES (?, ?, ?, ?)",
                                 ((fold(text[a:b]), text[a:b], g, a) for a, b in passages(text)))
                conn.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?)", (g, key, doc, doc_id, title))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("search index: %d documents indexed, %d removed in %.2f s (%s)", len(wanted), len(gone),
                 time.perf_counter() - started, index_path(store))
        return {"added": len(wanted), "removed": len(gone), "unchanged": len(set(indexed) - set(wanted) - set(gone))}
    except sqlite3.Error as exc:
        raise SearchError(f"{index_path(store)}: {exc}", "search.index", path=str(index_path(store)),
                          detail=str(exc)) from None
    finally:
        conn.close()


def _variants(conn: sqlite3.Connection, word: str, cache: dict) -> list[str]:
    """The index's words a query word stands for: itself, and for four letters or more the
    words within 1 edit (2 from 8 letters), as a poor scan writes it ('tlem' for 'tiem').
    Also for a word the index holds: one document's clean text must not hide another's scan."""
    if len(word) < 4:  # one letter off a short word is another word
        return [word]
    if "terms" not in cache:
        cache["terms"] = [t for (t,) in conn.execute("SELECT term FROM vocabulary")]
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    limit = 1 if len(word) < 8 else 2
    near = process.extract(word, cache["terms"], scorer=Levenshtein.distance, score_cutoff=limit, limit=12)
    return [word] + [t for t, _, _ in near if t != word]


def _fts_query(groups: list[list[str]]) -> str:
    return " AND ".join("(" + " OR ".join(f'"{w}"' for w in g) + ")" for g in groups)


def _locate(folded: str, groups: list[list[str]]) -> tuple[list[tuple[int, int]], tuple[int, int] | None, bool]:
    """In a folded passage: every matched word, the best span holding one of each query word
    (the phrase as typed if it is there) and whether that span is the phrase."""
    per_group = []
    for g in groups:
        pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, sorted(g, key=len, reverse=True))) + r")(?![^\W_])")
        per_group.append([(m.start(), m.end()) for m in pattern.finditer(folded)])
    marks = sorted({s for occ in per_group for s in occ})
    if any(not occ for occ in per_group):
        return marks, None, False
    phrase = re.compile(r"(?<![^\W_])" + r"[\W_]+".join(
        "(?:" + "|".join(map(re.escape, sorted(g, key=len, reverse=True))) + ")" for g in groups) + r"(?![^\W_])")
    found = [(m.start(), m.end()) for m in phrase.finditer(folded)]
    if found:  # the words as typed: only those are marked ('co' alone is in every other line)
        return found, found[0], True
    # the smallest window with one occurrence of each word (few words, short passages)
    best: tuple[int, int] | None = None
    for a, _ in per_group[0]:
        ends = []
        for occ in per_group[1:]:
            after = [o for o in occ if o[0] >= a] or occ
            ends.append(min(after, key=lambda o: abs(o[0] - a)))
        lo = min([a] + [e[0] for e in ends])
        hi = max([b for s, b in per_group[0] if s == a] + [e[1] for e in ends])
        if best is None or hi - lo < best[1] - best[0]:
            best = (lo, hi)
    return marks, best, False


def search(store, query: str, *, limit: int = 20, per_document: int = PER_DOCUMENT, refresh_first: bool = True) -> list[Hit]:
    """The passages of held documents that hold every word of `query` (folded; OCR-damaged
    words matched approximately), best first, at most `per_document` per document."""
    if refresh_first:
        refresh(store)
    terms = list(dict.fromkeys(words(query)))
    if not terms:
        return []
    conn = _connect(index_path(store))
    try:
        cache: dict = {}
        groups = [_variants(conn, w, cache) for w in terms]
        exact = [re.compile(r"(?<![^\W_])" + re.escape(w) + r"(?![^\W_])") for w in terms]
        rows = conn.execute(
            "SELECT p.body, p.original, p.graph, p.start, bm25(passages) AS rank, d.doc, d.doc_id, d.title "
            "FROM passages p JOIN documents d ON d.graph = p.graph WHERE passages MATCH ? ORDER BY rank LIMIT ?",
            (_fts_query(groups), CANDIDATES)).fetchall()
    except sqlite3.Error as exc:
        raise SearchError(f"{index_path(store)}: {exc}", "search.index", path=str(index_path(store)),
                          detail=str(exc)) from None
    finally:
        conn.close()
    hits = []
    for body, original, graph, start, rank, doc, doc_id, title in rows:
        marks, span, is_phrase = _locate(body, groups)
        if span is None:
            continue
        fuzzy = sum(1 for e in exact if not e.search(body))  # words found only as a scan misread them
        closeness = 5.0 / (1 + max(0, (span[1] - span[0]) - len(" ".join(terms))) / 20)
        score = -rank + (10.0 if is_phrase else closeness) - 3.0 * fuzzy
        hits.append(_hit(doc, graph, doc_id, title, int(start), original, marks, span, score, fuzzy > 0))
    hits.sort(key=lambda h: (-h.score, h.doc_id or "", h.start))
    out: list[Hit] = []
    seen: dict[str, int] = {}
    for h in hits:
        if seen.get(h.doc, 0) >= per_document:
            continue
        seen[h.doc] = seen.get(h.doc, 0) + 1
        out.append(h)
        if len(out) >= limit:
            break
    return out


def _hit(doc, graph, doc_id, title, start: int, original: str, marks, span, score: float, approximate: bool) -> Hit:
    """A Hit whose passage is cut to SNIPPET_CHARS either side of the match (at spaces)."""
    a = max(0, span[0] - SNIPPET_CHARS)
    b = min(len(original), span[1] + SNIPPET_CHARS)
    if a > 0:
        space = original.find(" ", a, span[0])
        a = space + 1 if space >= 0 else a
    if b < len(original):
        space = original.rfind(" ", span[1], b)
        b = space if space >= 0 else b
    shown = original[a:b]
    lead = len(shown) - len(shown.lstrip())
    shown = shown.strip()
    a += lead
    return Hit(doc, graph, doc_id, title, start + span[0], start + span[1], start + a, shown,
               [(x - a, y - a) for x, y in marks if x >= a and y <= a + len(shown)], score, approximate)
