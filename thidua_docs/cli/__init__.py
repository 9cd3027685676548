"""The ``thidua`` command line: parses, calls one function of :mod:`thidua_docs.api`, prints."""

from thidua_docs.cli.main import cli, main

__all__ = ["cli", "main"]
