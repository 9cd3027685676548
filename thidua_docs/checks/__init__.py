"""Beside the pipeline · checks: products that read any .docx, generated or typed by hand.

:mod:`.nd30` checks a document against Nghị định 30/2020; :mod:`.templates` checks a template
(tags, variables, Word damage). Both read through :mod:`thidua_docs.ooxml`.
"""
