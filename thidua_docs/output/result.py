"""What `thidua build` did: the result of a run, light to import (a rerun with nothing to do
answers with it before the rest of the program is loaded: output.rerun)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # edited by the clerk since generation
    removed: list[Path] = field(default_factory=list)  # generated before, no longer in the dossier
    failed: list[tuple[str, str]] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    pdf_error: str | None = None
    notes: list[str] = field(default_factory=list)
    manifest: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and self.pdf_error is None
