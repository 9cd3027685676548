"""Tests of the checkers (thidua_docs.checks) and the .docx reader they share (thidua_docs.ooxml)."""
