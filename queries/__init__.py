"""Saved SPARQL queries (`*.rq` here), their parameters, and bounded, read-only execution."""
from .catalog import SavedQuery, bind, catalog, get
from .runner import QueryError, QueryRunner, QueryTimeout, Result, Term

__all__ = ["QueryError", "QueryRunner", "QueryTimeout", "Result", "SavedQuery", "Term", "bind", "catalog", "get"]
