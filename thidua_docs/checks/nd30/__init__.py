"""The ND30 checker: ``check_document(path, kind=None)`` lists the thể thức violations of a .docx."""

from thidua_docs.checks.nd30.checker import KINDS, Violation, check_document

__all__ = ["KINDS", "Violation", "check_document"]
