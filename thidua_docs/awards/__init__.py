"""Layer 2 · awards: the money of an award list, computed once (pure).

Fixed amounts, per head × headcount, or coefficient × mức lương cơ sở on the decision's date,
rounded up to 10.000 đồng; integer đồng only. Every document reads the same :class:`Dossier`, so a
total cannot differ between two documents.
"""
