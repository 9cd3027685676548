"""What the rules engine reads and says: competitors and individuals in, explained standings out.

Plain frozen records with no behaviour beyond reading them back, shared by the rule classes
(``criteria``) and the engine that runs them (``rules``).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from thidua_docs.schema import LinhVuc, NhomDanhGia


def key(name: str) -> str:
    """How two spellings of one name are matched: NFC, case-insensitive, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True)
class Competitor:
    """One row of results: a competitor's name and its metric values (None where blank)."""

    ten: str
    values: dict[str, Decimal | None]
    row: int = 0


@dataclass(frozen=True)
class Person:
    """An individual proposed by a unit, in the unit's order of preference."""

    ho_ten: str
    chuc_vu: str
    don_vi: str
    uu_tien: int | None = None
    row: int = 0


@dataclass(frozen=True)
class CriterionResult:
    """One criterion applied to one competitor: pass or fail and the sentence that says why."""

    ma: str
    ten: str
    value: Decimal | None
    passed: bool
    explanation: str


@dataclass
class Entry:
    """A competitor's standing in one award field."""

    competitor: Competitor
    value: Decimal | None
    criteria: list[CriterionResult]
    rank: int | None = None
    selected: bool = False
    reason: str = ""


@dataclass(frozen=True)
class FieldResult:
    group: NhomDanhGia
    field: LinhVuc
    entries: list[Entry]
    #: What the council must decide: a complete tie the quota cuts through.
    council: list[str] = dataclasses.field(default_factory=list)

    @property
    def selected(self) -> list[Entry]:
        return [e for e in self.entries if e.selected]


@dataclass(frozen=True)
class PersonResult:
    person: Person
    selected: bool
    reason: str
    group: NhomDanhGia | None = None


@dataclass
class Evaluation:
    fields: list[FieldResult] = field(default_factory=list)
    people: list[PersonResult] = field(default_factory=list)

    def awarded(self) -> list[tuple[NhomDanhGia, LinhVuc, Competitor]]:
        """Every field slot selected: a collective selected in two fields appears twice."""
        return [(f.group, f.field, e.competitor) for f in self.fields for e in f.selected]

    def collectives(self) -> list[Competitor]:
        """The awarded collectives, each once, in field then rank order."""
        seen: dict[str, Competitor] = {}
        for _, _, competitor in self.awarded():
            seen.setdefault(key(competitor.ten), competitor)
        return list(seen.values())

    @property
    def council(self) -> list[str]:
        """Every note for the council, field by field."""
        return [note for f in self.fields for note in f.council]
