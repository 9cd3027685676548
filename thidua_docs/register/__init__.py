"""Sổ khen thưởng: the award register (SQLite by default, PostgreSQL for an office server).

Beside the pipeline, read and written only by the front door (``api``): the documents receive
what it holds as plain data, and never import it. ``db`` opens it and runs the Alembic migrations
shipped in ``migrations/``; ``models`` are its tables; ``store`` records decisions (số vào sổ
gapless per book and year) and answers questions; ``workbook`` imports and exports the clerk's
Excel book and writes the statistics; ``eligibility`` evaluates the dated, cited conditions of
``data/dieu-kien-khen-thuong.yaml`` against it.
"""
