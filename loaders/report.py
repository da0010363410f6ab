"""What the parser finds in a folder of documents: one row per file and the totals.

`policykg parse DIR --summary` prints it; the README keeps the totals for the bundled
corpus and the development corpus, before and after each parser change.
"""
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ParseError
from .record import parse_file

log = logging.getLogger(__name__)

COUNTED = ("implements", "cited", "indicators", "tasks", "duties", "responsibilities")


@dataclass
class FileReport:
    name: str
    refused: str | None = None          # the ParseError's message
    id: str | None = None
    issuer: str | None = None
    level: str | None = None
    date: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class CorpusReport:
    files: list[FileReport]
    seconds: float

    def totals(self) -> dict[str, int]:
        """Files read and refused; files with an id, issuer, level, date; files with at least
        one item of each list, and the items in all."""
        read = [f for f in self.files if f.refused is None]
        out = {"files": len(self.files), "read": len(read), "refused": len(self.files) - len(read)}
        for key in ("id", "issuer", "level", "date"):
            out[f"with {key}"] = sum(1 for f in read if getattr(f, key))
        for key in COUNTED:
            out[f"with {key}"] = sum(1 for f in read if f.counts.get(key))
            out[f"{key} in all"] = sum(f.counts.get(key, 0) for f in read)
        return out


def corpus_report(paths: list[Path]) -> CorpusReport:
    """Parse every file (folders are walked) and report what was found in each."""
    files = sorted(p for path in paths for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file())
    rows: list[FileReport] = []
    started = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        row = FileReport(path.name)
        try:
            record = parse_file(path)
        except ParseError as exc:
            row.refused = str(exc)
            log.info("refused %s: %s", path, exc)
        else:
            doc = record["document"]
            row.id, row.issuer, row.level, row.date = doc["id"], doc["issuer"], doc["issuer_level"], doc["date"]
            row.counts = {key: len(record.get(key, [])) for key in COUNTED}
        row.seconds = time.perf_counter() - t0
        rows.append(row)
    return CorpusReport(rows, time.perf_counter() - started)
