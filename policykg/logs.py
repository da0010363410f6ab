"""Logging (stdlib `logging`) of what an operator may want to read back: documents loaded,
files refused, queries stopped at their time limit, stores opened and switched.

Every module logs to its own logger under `policykg` (`logging.getLogger(__name__)`); the
command line and the app each attach one handler to the `policykg` logger:

- the command line: stderr, `policykg: cảnh báo: …`; warnings by default, `-q` errors only,
  `-v` what was loaded and opened too, `-vv` everything (each query's time);
- the app: a file, `$POLICYKG_LOG`, else `policykg.log` in the store's folder, else (a
  SPARQL endpoint as the store) one file per endpoint in the per-user data folder,
  `$XDG_DATA_HOME/policykg/logs/<host>-<port>-<hash>.log`.
"""
import hashlib
import logging
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

LOGGER = "policykg"
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE = "policykg.log"


# The command line speaks Vietnamese; the messages themselves are the operator's log.
_LEVELS_VI = {"DEBUG": "gỡ lỗi", "INFO": "thông tin", "WARNING": "cảnh báo", "ERROR": "lỗi", "CRITICAL": "lỗi"}


class _CliFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"policykg: {_LEVELS_VI.get(record.levelname, record.levelname.lower())}: {record.getMessage()}"


# Marked handlers: setup_cli replaces its own, setup_file keeps the file it opened first.
class _CliHandler(logging.StreamHandler):
    _policykg_cli = True


class _FileHandler(logging.FileHandler):
    _policykg_file = True


def cli_level(verbose: int = 0, quiet: bool = False) -> int:
    if quiet:
        return logging.ERROR
    return {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)


def setup_cli(verbose: int = 0, quiet: bool = False, stream=None) -> logging.Handler:
    """The command line's log: one line a record on stderr, at the level -v/-q choose."""
    logger = logging.getLogger(LOGGER)
    for h in [h for h in logger.handlers if getattr(h, "_policykg_cli", False)]:
        logger.removeHandler(h)
    handler = _CliHandler(stream or sys.stderr)
    handler.setFormatter(_CliFormatter())
    logger.addHandler(handler)
    logger.setLevel(cli_level(verbose, quiet))
    logger.propagate = False
    return handler


def app_log_path(store_location: str | Path) -> Path:
    """Where the app writes its log: $POLICYKG_LOG, else the store's folder, else (an
    endpoint) the per-user data folder's logs/, a file named from the endpoint's URL."""
    if os.environ.get("POLICYKG_LOG"):
        return Path(os.environ["POLICYKG_LOG"])
    from policykg.graph.backends import is_endpoint

    if is_endpoint(str(store_location)):
        from policykg.graph.store import user_data_dir

        return user_data_dir() / "logs" / endpoint_log_name(str(store_location))
    return Path(store_location) / LOG_FILE


def endpoint_log_name(url: str) -> str:
    """'127.0.0.1-7878-<hash>.log': the host and port, to be read by a person, then a hash
    of the whole URL, so that two endpoints on one host keep two logs. The name holds only
    letters, digits, dots and dashes (never a user name or password the URL may carry)."""
    host = re.sub(r"[^A-Za-z0-9.]+", "-", urlsplit(url).netloc.rpartition("@")[2]).strip("-.") or "endpoint"
    return f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}.log"


def setup_file(path: str | Path, level: int = logging.INFO) -> Path:
    """Log to this file (appending), once per process: a second call, from another page or
    after a store switch, keeps the file the first one opened and returns its path."""
    logger = logging.getLogger(LOGGER)
    for h in logger.handlers:
        if isinstance(h, logging.FileHandler) and getattr(h, "_policykg_file", False):
            return Path(h.baseFilename)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = _FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    return path
