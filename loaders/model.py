"""The parse record as types: the one contract between `loaders/` (which build it) and
`graph/` (which turns it into quads).

`Record.to_dict()` gives the JSON shape `policykg parse --json` prints (docs/parser.md),
key for key and in the same order; `Record.from_dict()` reads that shape back, so records
saved as JSON (and the records written by hand in tests/) load as they are. Every class is
a plain dataclass serialised by its field list and type hints, so adding a field to the
record is one line here: a typed field with a default (old JSON without the key still
loads); its key in the JSON is the field's name (or `metadata={"key": …}` when the name is
a Python keyword). Reading a dict keeps what the types do not cover: a key the dict lacks
stays absent when written back (hand records have no `spans`), and a key the model does
not know is written back as it was (a record of a newer parser loses nothing).
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

Span = list[int]  # [start, end) offsets in the source text (decoded, NFC)
T = TypeVar("T", bound="Model")


_FIELDS: dict[type, tuple[tuple[str, str, Any, bool], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, str, Any, bool], ...]:
    """(attribute, JSON key, type, omitted when None) of a model class, in order."""
    if cls not in _FIELDS:
        hints = typing.get_type_hints(cls)
        _FIELDS[cls] = tuple((f.name, f.metadata.get("key", f.name), hints[f.name], f.metadata.get("omit_none", False))
                             for f in dataclasses.fields(cls) if f.init)
    return _FIELDS[cls]


def _dump(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(tp: Any, value: Any) -> Any:
    """A JSON value as the type `tp` says: model classes (also inside lists, dicts and
    `X | None`) are built; scalars are kept as they are (no coercion: 150 stays 150)."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _load(inner[0], value) if len(inner) == 1 else value
    if origin is list and isinstance(value, list):
        (item,) = typing.get_args(tp)
        return [_load(item, v) for v in value]
    if origin is dict and isinstance(value, dict):
        _, item = typing.get_args(tp)
        return {k: _load(item, v) for k, v in value.items()}
    if isinstance(tp, type) and issubclass(tp, Model) and isinstance(value, dict):
        return tp.from_dict(value)
    return value


@dataclass
class Model:
    """Base of the record's classes: dict ⇄ dataclass by the field list."""

    # Keys a dict read by from_dict lacked, and keys it had that the model does not know.
    _absent: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    _extra: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, key, _tp, omit_none in _fields(type(self)):
            if key in self._absent:
                continue
            value = getattr(self, name)
            if omit_none and value is None:
                continue
            out[key] = _dump(value)
        out.update(self._extra)
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        fields = _fields(cls)
        known = {key for _, key, _, _ in fields}
        obj = cls(**{name: _load(tp, data[key]) for name, key, tp, _ in fields if key in data})
        obj._absent = frozenset(key for key in known if key not in data)
        obj._extra = {k: v for k, v in data.items() if k not in known}
        return obj


@dataclass
class Document(Model):
    """The document itself, from its header, symbol and closing block."""
    id: str | None = None             # '542/KH-UBND'; None for a blank number
    number: str | None = None
    symbol: str | None = None
    type: str | None = None           # 'Kế hoạch', 'Quyết định', …
    issuer: str | None = None
    issuer_level: str | None = None   # one of the levels in docs/parser.md
    province: str | None = None
    district: str | None = None
    date: str | None = None           # ISO
    place: str | None = None
    title: str | None = None
    signer: str | None = None


@dataclass
class Citation(Model):
    """A document this one cites, as this one describes it."""
    id: str
    type: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None          # what the citing text says it is about (loaders/citations.py)
    implements: list[str] = field(default_factory=list)  # what the text says the cited one carries out


@dataclass
class Baseline(Model):
    year: int | None
    value: str
    number: float | None = None


@dataclass
class Target(Model):
    year: int | None
    value: str                        # as written, without the comparator
    number: float | None = None       # its leading number read the Vietnamese way
    comparator: str | None = None     # '>', '≥', '<', '≤'
    # 'yearly': the value is each year's ('mỗi năm', 'hằng năm', '8%/năm'), not a level to
    # reach by `year`; the key is left out otherwise (records before parser 2.5 lack it)
    period: str | None = field(default=None, metadata={"omit_none": True})


@dataclass
class Indicator(Model):
    """A row of an indicator table, or a target stated in prose."""
    section: str | None
    from_: str = field(metadata={"key": "from"})  # 'table' | 'prose'
    no: str | None = None
    name: str = ""
    unit: str | None = None
    baseline: Baseline | None = None
    targets: list[Target] = field(default_factory=list)
    reporting_unit: str | None = None


@dataclass
class Task(Model):
    """A row of a task table."""
    no: str | None
    name: str = ""
    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    deadline: str | None = None
    group: str | None = None          # the group row it is under, without its numbering


@dataclass
class Responsibility(Model):
    """An agency's heading in 'Tổ chức thực hiện' and how many duties it lists."""
    agency: str
    section: str
    duties_count: int


@dataclass
class Duty(Model):
    """A task assigned in prose."""
    agency: str                       # who must do it; several leads joined by '; '
    section: str | None
    no: str | None
    text: str
    coordinating: list[str] = field(default_factory=list)
    deadline: str | None = None       # the phrase as written


@dataclass
class ExpectedImplementer(Model):
    """Who the plan asks to make a plan of its own, and the sentence that says so."""
    who: str
    quote: str
    due: str | None = None            # by when their plan is due, ISO (loaders/plan_due.py)
    due_as_written: str | None = None  # the phrase that says so


@dataclass
class Validity(Model):
    """When a document enters into force or stops being in force (loaders/history.py)."""
    date: str | None                  # ISO, when it can be computed
    text: str                         # as written


@dataclass
class Change(Model):
    """A document this one replaces, amends or repeals (loaders/history.py)."""
    kind: str                         # 'replaces' | 'amends' | 'repeals'
    target: str                       # the changed document's id
    date: str | None = None           # the day the change takes effect, ISO
    date_text: str | None = None      # as written


@dataclass
class Source(Model):
    """Where the text came from, for other formats than text: the format and, for PDFs
    and images, the page ranges in the text and the page(s) of every span."""
    format: str
    pages: list[list[int]] | None = field(default=None, metadata={"omit_none": True})  # [start, end, page number]
    span_pages: dict[str, list[int]] | None = field(default=None, metadata={"omit_none": True})
    ocr_pages: list[int] | None = field(default=None, metadata={"omit_none": True})


@dataclass
class Record(Model):
    """One document's parse record."""
    document: Document = field(default_factory=Document)
    implements: list[str] = field(default_factory=list)   # ids of cited documents it carries out
    based_on: list[str] = field(default_factory=list)     # ids it is based on (Căn cứ)
    cited: list[Citation] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    expected_implementers: list[ExpectedImplementer] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    entry_into_force: Validity | None = None
    no_longer_in_force: Validity | None = None
    changes: list[Change] = field(default_factory=list)
    # 'document.title', 'cited[0]', 'tasks[3]', …: the passage each item was read from
    spans: dict[str, Span] = field(default_factory=dict)
    source: Source | None = field(default=None, metadata={"omit_none": True})
