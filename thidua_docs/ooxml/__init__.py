"""Infrastructure · ooxml: the .docx package itself — read it, write it, join packages.

Shared by rendering (a deterministic zip writer, print files) and by both checkers (one reader of
any .docx and one resolver of effective formatting).
"""
