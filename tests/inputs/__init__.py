"""Tests of thidua_docs.inputs."""
