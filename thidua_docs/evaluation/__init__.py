"""Layer 2 · evaluation: the announced rules applied to the competitors' results (pure).

The rules engine ranks, selects and explains; each criterion type both applies itself and writes
its announced sentence, so what the circular announces is what is applied. The selection becomes
the award list (``de_nghi``) the dossier is built from. No I/O, no clock.
"""
