"""Layer 6 · output: the documents written to disk, safely.

All-or-nothing drafts and dossiers; the batch of `thidua build` (workers, manifest, edited files
kept, print files, resume); PDFs through LibreOffice; the evaluation's workbook and award list.
"""
