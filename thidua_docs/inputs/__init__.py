"""Layer 3 · inputs: the clerk's files read into validated models, every problem at once.

YAML with the line of every value, the campaign folder and its agency profile, the award dossier,
the results workbook and the award-list workbook. Each problem names the file, the line (or sheet
and cell), the key, the value found and what was expected.
"""
