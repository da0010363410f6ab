"""Saved SPARQL queries (`*.rq` here), their parameters, and bounded, read-only execution."""
from .catalog import SavedQuery, bind, catalog, get
from .runner import QueryBusy, QueryError, QueryRunner, QueryTimeout, Result, Term
from .table import Column, Table, run_saved

__all__ = ["Column", "QueryBusy", "QueryError", "QueryRunner", "QueryTimeout", "Result", "SavedQuery", "Table", "Term", "bind",
           "catalog", "get", "run_saved"]
