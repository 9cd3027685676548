"""Tests of thidua_docs.evaluation."""
