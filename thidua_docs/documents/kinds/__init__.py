"""One module per document kind, each defining ``KIND`` (a :class:`~thidua_docs.documents.registry.DocumentKind`).

The registry finds every module here by walking this package: a new kind is a new module.
"""
