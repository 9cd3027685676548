"""Tests of the shared .docx reader and effective-format resolver (thidua_docs.ooxml)."""
