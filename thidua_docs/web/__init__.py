"""The clerk's desk in a browser (``thidua web``): server-rendered Vietnamese pages over the same
front-door functions the CLI calls (:mod:`thidua_docs.api`), nothing else of the toolkit."""

from thidua_docs.web.app import create_app
from thidua_docs.web.security import ACCOUNTS_FILE, ROLES, add_account, needs_login
from thidua_docs.web.server import serve

__all__ = ["ACCOUNTS_FILE", "ROLES", "add_account", "create_app", "needs_login", "serve"]
