"""Loaders: a policy document's file → its parse record.

Text, Word (.docx), PDF (text layer or scanned, by OCR), images and saved web pages are
each read into one text-and-tables intermediate (`extract` → `Extracted`), which the
text parser reads (`parse_extracted`); `parse_bytes`/`parse_file` do both. Each returns the
record as its JSON shape (a dict); `parse_record` / `parse_extracted_record` return the typed
`Record` (loaders/model.py), the contract `graph/` reads, and `Record.to_dict()` is that dict.

    >>> from policykg.loaders import parse_file
    >>> record = parse_file("data/corpus/003_de43d9b20077fde2.txt")
    >>> record["document"]["id"], record["implements"]
    ('542/KH-UBND', ['281/QĐ-TTg', '1093/QĐ-BYT', '229-KH/TU'])
"""
from .decode import decode_bytes
from .errors import ParseError
from .extract import extract
from .extracted import Extracted
from .model import Record
from .record import PARSER_VERSION, parse_bytes, parse_extracted, parse_extracted_record, parse_file, parse_record, parse_text

__all__ = ["Extracted", "ParseError", "PARSER_VERSION", "Record", "decode_bytes", "extract", "parse_bytes",
           "parse_extracted", "parse_extracted_record", "parse_file", "parse_record", "parse_text"]
