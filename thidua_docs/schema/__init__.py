"""Layer 1 · schema: the validated, immutable models of what a clerk declares (pydantic).

The agency profile (hồ sơ cơ quan), the campaign spec (chien-dich.yaml: its parts, its evaluation
rules) and the award dossier (khen-thuong.yaml). Keys are the clerk's Vietnamese words without
diacritics. No I/O: the models are filled by :mod:`thidua_docs.inputs`, which locates problems.
"""
