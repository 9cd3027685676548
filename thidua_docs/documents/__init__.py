"""Layer 4 · documents: what each template receives, declared once per kind (pure).

:mod:`.registry` declares the kinds and derives everything else from them; :mod:`.kinds` has one
module per kind (its context builder and its ``KIND``); :mod:`.common` the parts every document
shares (numbers, ND30 list lines, signers); :mod:`.catalogue` the variables, for office staff.
"""
