"""The registry of document kinds: each kind declared once, everything else derived from it.

A kind is one module in :mod:`thidua_docs.documents.kinds` that defines ``KIND``, a
:class:`DocumentKind`: its key (the ``--only`` choice and the manifest's kind), its titles, its
template file, its stage (launch or dossier), whether it is an administrative document (checked
against ND30, with which checker profile) or a certificate (merged into a print file), and the
function that turns the inputs into its documents (:class:`Job`). The modules of that package are
found by walking it, so adding a kind is adding one module (plus its template and data); the
``--only`` choices, the template list, the manifest titles, the variable catalogue, the checker's
folders and the print files all come from here.

Pure: building jobs reads nothing but the validated inputs it is given (today's date included).
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, overload

from thidua_docs.awards.dossier import Awardee
from thidua_docs.errors import InputError
from thidua_docs.inputs.campaign import Campaign
from thidua_docs.inputs.dossier import AwardDossier

#: "phat_dong": launch documents (`thidua draft`); "ho_so": the award dossier (`thidua dossier`).
Stage = Literal["phat_dong", "ho_so"]


@dataclass(frozen=True)
class DocumentProperties:
    """What Word shows of a document in File › Info and what archives index."""

    title: str  # "Quyết định khen thưởng: Về việc khen thưởng …"
    subject: str  # the kind of document: "Quyết định khen thưởng"
    creator: str  # the issuing agency
    created: dt.date | None = None  # the document's own date; None for a draft without one


@dataclass(frozen=True)
class Job:
    """One document to write: where it goes (relative to the output folder), what kind it is, for
    whom, and how it is made — a template and its context, or (print-on-stock certificates) the
    texts to place on the stock."""

    target: Path
    kind: str
    awardee: str
    template: str | None = None
    context: dict[str, Any] | None = None
    stock_texts: dict[str, str] | None = None
    properties: DocumentProperties | None = None  # the document's own title, agency and date


@dataclass(frozen=True)
class Sources:
    """What a kind builds its documents from. ``award`` is None at the launch stage."""

    campaign: Campaign
    award: AwardDossier | None
    today: dt.date
    #: From the award register (read by the front door, passed down as plain data), by an
    #: awardee's ``so_thu_tu``: its number in the book, and its earlier awards (section III of the
    #: Báo cáo thành tích): dicts of nam, hinh_thuc, so_quyet_dinh, ngay_quyet_dinh, co_quan.
    so_vao_so: Mapping[int, str] = field(default_factory=dict)
    khen_thuong_da_co: Mapping[int, list[dict[str, Any]]] = field(default_factory=dict)
    #: The tờ trình's statement that every proposed awardee meets the conditions of the award
    #: proposed, with their citations, when the register shows it (else empty).
    du_dieu_kien: str = ""

    def dossier(self) -> AwardDossier:
        """The award dossier, which every dossier-stage kind needs."""
        if self.award is None:
            raise InputError(
                f"{self.campaign.folder}: chưa có hồ sơ khen thưởng (khen-thuong.yaml)"
            )
        return self.award


@dataclass(frozen=True)
class Examples:
    """The bundled example campaign, from which the variable catalogue is walked."""

    campaign: Campaign  # a campaign with a công văn and an award dossier
    award: AwardDossier
    plan: Campaign  # a campaign with a kế hoạch
    awardee: Awardee
    today: dt.date


class Made(Sequence[Job]):
    """One document per item, each made when it is reached: a dossier of 10,000 awardees holds
    the contexts of the batch being written, not of all 30,000 documents (output.build)."""

    def __init__(self, items: Sequence[Awardee], make: Callable[[Awardee], Job]) -> None:
        self._items = items
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Job]:
        return map(self._make, self._items)

    @overload
    def __getitem__(self, index: int) -> Job: ...
    @overload
    def __getitem__(self, index: slice) -> list[Job]: ...
    def __getitem__(self, index: int | slice) -> Job | list[Job]:
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])


class Jobs(Sequence[Job]):
    """The documents of several kinds, one after another, each made when it is reached."""

    def __init__(self, parts: Iterable[Sequence[Job]] = ()) -> None:
        self._parts = [part for part in parts if len(part)]

    def __len__(self) -> int:
        return sum(len(part) for part in self._parts)

    def __iter__(self) -> Iterator[Job]:
        for part in self._parts:
            yield from part

    @overload
    def __getitem__(self, index: int) -> Job: ...
    @overload
    def __getitem__(self, index: slice) -> list[Job]: ...
    def __getitem__(self, index: int | slice) -> Job | list[Job]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        for part in self._parts:
            if 0 <= index < len(part):
                return part[index]
            index -= len(part)
        raise IndexError("job index out of range")


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document the toolkit writes, declared once."""

    key: str  # "quyet_dinh": the --only choice, the manifest's kind
    title: str  # "Quyết định khen thưởng": what `thidua templates list` shows
    short_title: str  # "Quyết định": the manifest's "Loại văn bản"
    stage: Stage
    order: int  # position among the kinds: the order documents are listed and written in
    jobs: Callable[[Sources], Sequence[Job]]  # this kind's documents (none when data is absent)
    template: str | None = None  # the .docx template; None for text placed on certificate stock
    example: Callable[[Examples], dict[str, Any]] | None = None  # a real context, for the catalogue
    nd30: str | None = None  # the ND30 checker's profile; None: not an administrative document
    folder: str | None = None  # per-awardee documents go in this folder of the dossier
    print_file: str | None = None  # certificates merged, in list order, into in-an/THIS
    selectable: bool = True  # offered by --only (a danh sách comes with its tờ trình/quyết định)
    spec_key: str | None = None  # launch kinds: the part of chien-dich.yaml that declares it
    #: Certificate kinds: which awardees get this certificate (by their award form); None for the
    #: default certificate, which every awardee no other kind claims gets.
    claims: Callable[[Awardee], bool] | None = None
    #: What the inputs must have for this kind to have documents, said when ``--only`` asks for a
    #: kind that has none ("mục quyet_dinh trong khen-thuong.yaml").
    needs: str = ""
    #: Descriptions of this kind's own template variables, for `thidua templates vars`.
    descriptions: Mapping[str, str] = field(default_factory=dict)

    @property
    def administrative(self) -> bool:
        """An administrative document (ND30 applies), as opposed to a certificate."""
        return self.nd30 is not None

    def one(self, sources: Sources, filename: str, context: dict[str, Any]) -> Job:
        """The single document of this kind (not an awardee's), written as ``filename``."""
        properties = self.properties(sources, context, "")
        return Job(Path(filename), self.key, "", self.template, context, properties=properties)

    def each(
        self,
        sources: Sources,
        awardees: Iterable[Awardee],
        context: Callable[[Awardee], dict[str, Any]],
    ) -> Made:
        """One document of this kind per awardee, in the kind's folder, named by the awardee,
        each made (its context built) when it is reached."""

        def make(a: Awardee) -> Job:
            values = context(a)
            return Job(
                Path(str(self.folder)) / f"{a.slug}.docx",
                self.key,
                a.ten,
                self.template,
                values,
                properties=self.properties(sources, values, a.ten),
            )

        return Made(list(awardees), make)

    def properties(
        self, sources: Sources, context: dict[str, Any], awardee: str
    ) -> DocumentProperties:
        """The document's own properties: its subject line (or the kind and the awardee), the
        issuing agency, and its date — the document's, or for a certificate its decision's; none
        for a draft dated by its year only."""
        document = context.get("van_ban")
        document = document if isinstance(document, dict) else {}
        subject = document.get("trich_yeu") or document.get("tieu_de") or awardee
        title = f"{self.title}: {subject}" if subject else self.title
        issued = document.get("ngay")
        decision = sources.award.ho_so.quyet_dinh if sources.award is not None else None
        if issued is None and decision is not None:
            issued = decision.ngay  # a certificate carries its decision's date
        created = issued if isinstance(issued, dt.date) else None
        return DocumentProperties(title, self.title, sources.campaign.co_quan.ten_co_quan, created)


@cache
def kinds() -> tuple[DocumentKind, ...]:
    """Every kind, in order: the ``KIND`` of each module of :mod:`thidua_docs.documents.kinds`."""
    from thidua_docs.documents import kinds as package

    found = []
    for module in pkgutil.iter_modules(package.__path__):
        kind = getattr(importlib.import_module(f"{package.__name__}.{module.name}"), "KIND", None)
        if isinstance(kind, DocumentKind):
            found.append(kind)
    keys = [kind.key for kind in found]
    duplicated = {key for key in keys if keys.count(key) > 1}
    if duplicated:  # a programming error in a kind module, not a user's input
        raise RuntimeError(f"document kinds declared twice: {sorted(duplicated)}")
    return tuple(sorted(found, key=lambda kind: (kind.order, kind.key)))


def kind(key: str) -> DocumentKind:
    """The kind ``key``; an unknown key is a located input error listing the known ones."""
    for candidate in kinds():
        if candidate.key == key:
            return candidate
    raise InputError(f"Không có loại văn bản {key}; các loại: {', '.join(k.key for k in kinds())}")


def stage_kinds(stage: Stage) -> tuple[DocumentKind, ...]:
    return tuple(k for k in kinds() if k.stage == stage)


def dossier_choices() -> tuple[str, ...]:
    """What ``--only`` offers: the dossier kinds a clerk can ask for by themselves."""
    return tuple(k.key for k in stage_kinds("ho_so") if k.selectable)


def template_titles() -> dict[str, str]:
    """Every template file, in order, with the document it makes."""
    titles: dict[str, str] = {}
    for k in kinds():
        if k.template is not None:
            titles.setdefault(k.template, k.title)
    return titles


def short_titles() -> dict[str, str]:
    """The manifest's "Loại văn bản" of each kind key."""
    return {k.key: k.short_title for k in kinds()}


def certificate_folders() -> tuple[str, ...]:
    """Folders of a dossier that hold documents ND30 does not apply to (certificates)."""
    return tuple(k.folder for k in kinds() if k.folder is not None and not k.administrative)


def certificate_awardees(kind: DocumentKind, award: AwardDossier) -> list[Awardee]:
    """The awardees whose certificate ``kind`` makes: those it claims, or (the default kind) those
    no other certificate kind claims. None before there is a decision: a certificate cites it."""
    if award.ho_so.quyet_dinh is None:
        return []
    awardees = award.dossier.awardees
    if kind.claims is not None:
        return [a for a in awardees if kind.claims(a)]
    others = [k.claims for k in kinds() if k.claims is not None and k.key != kind.key]
    return [a for a in awardees if not any(claims(a) for claims in others)]


def launch_jobs(sources: Sources) -> list[Job]:
    """The launch documents the campaign declares (công văn phát động, kế hoạch…)."""
    jobs = [job for k in stage_kinds("phat_dong") for job in k.jobs(sources)]
    if not jobs:
        parts = " hoặc ".join(str(k.spec_key) for k in stage_kinds("phat_dong") if k.spec_key)
        raise InputError(
            f"{sources.campaign.spec_file}: chiến dịch chưa khai báo văn bản phát động nào "
            f"(mục {parts})"
        )
    return jobs


def dossier_jobs(sources: Sources, only: tuple[str, ...] = ()) -> Jobs:
    """Every document of the award dossier, in list order, of the kinds ``only`` names (all when
    empty). A document whose data is missing (no ``to_trinh`` in khen-thuong.yaml, no certificate
    positions in the profile…) is left out."""
    choices = dossier_choices()
    unknown = set(only) - set(choices)
    if unknown:
        raise InputError(
            f"Không có loại văn bản {', '.join(sorted(unknown))}; các loại: {', '.join(choices)}"
        )
    wanted = set(only or choices)
    parts = []
    for k in stage_kinds("ho_so"):
        if k.selectable and k.key in wanted:
            made = k.jobs(sources)
            if not made and k.key in only:  # asked for by name: say why there is nothing
                raise InputError(
                    f"Không có {k.short_title.lower()} nào để soạn: cần {k.needs or 'dữ liệu của loại này'}"
                )
            parts.append(made)
    return Jobs(parts)
