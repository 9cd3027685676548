"""The front door: one function per task a clerk does, for the CLI, the web desk and scripts.

Every function is keyword-only and typed, takes paths (or an already loaded :class:`Campaign`),
returns a typed result and raises only :class:`~thidua_docs.errors.ThiduaError` subclasses with
Vietnamese messages. Today's date is a parameter (``today``), defaulting to the clock here, at
the edge, and nowhere below.

    from pathlib import Path
    from thidua_docs import api
    result = api.draft(campaign=Path("campaigns/bhxh-2024-nuoc-rut"))
    print(result.files)

The pipeline each function walks, layer by layer: ``inputs`` (load and validate) →
``evaluation`` (apply the rules) → ``awards`` (money, once) → ``documents`` (one context per
document, from the registry of kinds) → ``render`` → ``output`` (write, manifest, PDF).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thidua_docs.awards.money import MucLuongCoSo
from thidua_docs.checks.nd30 import KINDS as ND30_KINDS
from thidua_docs.checks.nd30 import Violation, check_document
from thidua_docs.diagnostics import LOI, Diagnostic, Problem
from thidua_docs.documents.catalogue import Variable, example_contexts
from thidua_docs.documents.catalogue import template_variables as _template_variables
from thidua_docs.documents.common import dossier_year as _dossier_year
from thidua_docs.documents.registry import (
    Sources,
    certificate_folders,
    dossier_choices,
    dossier_jobs,
    launch_jobs,
    template_titles,
)
from thidua_docs.errors import InputError, OutputError, SpecError, ThiduaError
from thidua_docs.evaluation.rules import Evaluation
from thidua_docs.evaluation.rules import evaluate as apply_rules
from thidua_docs.evaluation.selection import (
    Cell,
    award_list,
    format_report,
    money_summary,
    statutory_notes,
    table_cells,
)
from thidua_docs.files import (
    atomic_target,
    check_output_folder,
    check_writable,
    folder_lock,
    read_input,
    write_atomic,
)
from thidua_docs.formatting import ngay_so
from thidua_docs.inputs.campaign import CAMPAIGN_FILE, Campaign, load_campaign
from thidua_docs.inputs.dossier import AwardDossier, load_dossier, salary_table
from thidua_docs.inputs.results import read_results, write_results_template
from thidua_docs.inputs.yamlfile import load_data
from thidua_docs.output import rerun
from thidua_docs.output.build import (
    MANIFEST,
    MANIFEST_CSV,
    PDF_FOLDER,
    PRINT_FOLDER,
    Workers,
    write_batch,
)
from thidua_docs.output.documents import write_documents
from thidua_docs.output.pdf import INSTALL_LIBREOFFICE, convert_to_pdf, find_libreoffice
from thidua_docs.output.record import is_ours
from thidua_docs.output.reports import write_award_list, write_report_xlsx
from thidua_docs.output.result import BuildResult
from thidua_docs.register.db import Register, is_url, locate, open_register
from thidua_docs.register.eligibility import DU, SAP_DU, Answer, load_rules
from thidua_docs.register.eligibility import evaluate as evaluate_eligibility
from thidua_docs.register.store import (
    AwardEntry,
    Decision,
    History,
    Recorded,
    Subject,
    SubjectRow,
    candidates,
    counts,
    history,
    history_of,
    record_in,
    search,
)
from thidua_docs.register.text import khoa
from thidua_docs.register.workbook import ImportSummary, export_book, import_book, statistics_book
from thidua_docs.render.engine import render_file
from thidua_docs.render.templates import find_template
from thidua_docs.schema import DanhGia, DotXet

if TYPE_CHECKING:  # the template checker is imported by the command that checks
    from thidua_docs.checks.templates import Finding

#: Where the documents go by default, inside the campaign folder.
DRAFT_FOLDER = "du-thao"
DOSSIER_FOLDER = "ho-so"
#: What `evaluate` writes beside the results and in the campaign folder.
REPORT_FILE = "danh-gia.xlsx"
AWARD_LIST_FILE = "danh-sach-de-nghi.yaml"

__all__ = [
    "BuildResult",
    "CampaignState",
    "CheckResult",
    "DossierResult",
    "DraftResult",
    "EvaluationResult",
    "PackedDossier",
    "PreviewResult",
    "RegisterEligibilityResult",
    "RegisterFileResult",
    "RegisterHistoryResult",
    "RegisterImportResult",
    "RegisterRecordResult",
    "RegisterSearchResult",
    "RenderResult",
    "RoundState",
    "SelectionResult",
    "SelectionTable",
    "SpecResult",
    "TemplateCheckResult",
    "TemplateInUse",
    "TemplateReport",
    "TemplateVariables",
    "blank_results",
    "build",
    "campaign_state",
    "campaigns",
    "check",
    "check_kinds",
    "check_templates",
    "dossier",
    "dossier_kinds",
    "draft",
    "evaluate",
    "list_templates",
    "new_results",
    "pack_dossier",
    "preview",
    "read_spec",
    "register_eligibility",
    "register_export",
    "register_history",
    "register_import",
    "register_record",
    "register_search",
    "register_statistics",
    "render",
    "save_results",
    "save_spec",
    "selection",
    "template_variables",
]


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class DraftResult:
    """The launch documents written."""

    files: list[Path]


@dataclass(frozen=True)
class DossierResult:
    """The dossier documents written, with the figures they share."""

    files: list[Path]
    so_tap_the: int
    so_ca_nhan: int
    tong_tien: int  # đồng


@dataclass(frozen=True)
class EvaluationResult:
    """The explained selection, the award list it gives, and what was written."""

    evaluation: Evaluation
    award_list: list[dict[str, Any]]  # ``de_nghi`` items, as written to the award-list file
    report_file: Path  # danh-gia.xlsx
    award_list_file: Path  # danh-sach-de-nghi.yaml
    money: str  # the reward money of the selection, as the documents will compute it
    #: The round evaluated ("Quý II năm 2026"), None for a campaign without rounds.
    round_name: str | None = None
    #: Proposed awardees the award register shows not meeting the conditions, and why.
    canh_bao: list[str] = field(default_factory=list)

    @property
    def so_tap_the(self) -> int:
        """The collectives selected, each once (a collective of two fields is one collective)."""
        return len(self.evaluation.collectives())

    @property
    def so_ca_nhan(self) -> int:
        return sum(1 for person in self.evaluation.people if person.selected)

    @property
    def report(self) -> str:
        """The ranked table of every group and field, with each competitor's reason, as text."""
        head = f"Đợt xét: {self.round_name}\n" if self.round_name else ""
        return head + format_report(self.evaluation)


@dataclass(frozen=True)
class RenderResult:
    file: Path


@dataclass(frozen=True)
class CheckResult:
    """ND30 violations of every file checked, in file then document order."""

    files: list[Path]
    violations: list[Violation]


@dataclass(frozen=True)
class TemplateReport:
    """One template's findings; with ``fix``, the repaired copy written and how many repairs."""

    template: Path
    findings: list[Finding]
    repaired_copy: Path | None = None
    repairs: int = 0


@dataclass(frozen=True)
class TemplateCheckResult:
    """The report of every template checked, in order."""

    reports: list[TemplateReport]

    @property
    def errors(self) -> int:
        return sum(1 for r in self.reports for f in r.findings if f.level == LOI)

    @property
    def warnings(self) -> int:
        return sum(len(r.findings) for r in self.reports) - self.errors


@dataclass(frozen=True)
class TemplateInUse:
    """A template file, the document it makes, the file used, and whether it is the office's."""

    name: str
    title: str
    path: Path
    own: bool


@dataclass(frozen=True)
class TemplateVariables:
    name: str
    title: str
    variables: list[Variable]


# ------------------------------------------------------------------ tasks


def draft(
    *,
    campaign: Path | Campaign,
    out: Path | None = None,
    templates: Path | None = None,
    force: bool = False,
    today: dt.date | None = None,
) -> DraftResult:
    """Write the campaign's launch documents (công văn phát động, kế hoạch) into ``out``
    (default: the campaign's du-thao/). Nothing is written if any document fails or exists
    (unless ``force``)."""
    c = _campaign(campaign)
    target = out if out is not None else c.folder / DRAFT_FOLDER
    check_output_folder(target)
    jobs = launch_jobs(Sources(c, None, today or dt.date.today()))
    files = write_documents(
        jobs,
        target,
        layout=c.co_quan.bang_khen,
        force=force,
        templates_dir=_templates(templates, c.templates_dir),
    )
    return DraftResult(files)


def dossier(
    *,
    campaign: Path | Campaign,
    out: Path | None = None,
    only: Sequence[str] = (),
    templates: Path | None = None,
    force: bool = False,
    today: dt.date | None = None,
    dot: str | None = None,
) -> DossierResult:
    """Write the award dossier of khen-thuong.yaml into ``out`` (default: ho-so/), all or nothing:
    Tờ trình and its list, Biên bản, Quyết định and its list, a Báo cáo thành tích draft and a
    certificate per awardee; ``only`` limits it to some kinds. With rounds, ``dot`` names the
    round: its khen-thuong.yaml and its ho-so/ are in the round's folder."""
    c = _round(_campaign(campaign), dot)
    target = out if out is not None else c.folder / DOSSIER_FOLDER
    check_output_folder(target)
    award = load_dossier(c)
    jobs = dossier_jobs(_sources(c, award, today or dt.date.today()), tuple(only))
    files = write_documents(
        jobs,
        target,
        layout=c.co_quan.bang_khen,
        force=force,
        templates_dir=_templates(templates, c.templates_dir),
    )
    total = award.dossier
    return DossierResult(files, total.so_tap_the, total.so_ca_nhan, total.tong_tien)


def new_results(*, campaign: Path | Campaign, force: bool = False, dot: str | None = None) -> Path:
    """Write the blank results workbook the campaign's rules need; returns its path. A campaign
    with rounds (``dot``) needs ``dot``: the workbook goes in that round's folder."""
    c = _round(_campaign(campaign), dot)
    rules = _rules(c)
    path = c.folder / rules.ket_qua
    check_output_folder(path.parent)
    return write_results_template(path, rules, force=force)


def evaluate(
    *,
    campaign: Path | Campaign,
    force: bool = False,
    dot: str | None = None,
    today: dt.date | None = None,
) -> EvaluationResult:
    """Apply the announced rules to the results; write danh-gia.xlsx and the award list
    (neither is overwritten without ``force``). With rounds, ``dot`` names the round: its rules,
    results and files are the round's, in the round's folder. With an award register, warn of
    each proposed awardee that does not meet the conditions of the award proposed
    (``canh_bao``)."""
    c = _round(_campaign(campaign), dot)
    rules, evaluation, items = _evaluation(c)
    report, awards = _evaluation_files(c, rules)
    for path in (report, awards):
        check_output_folder(path.parent)
        check_writable(path, force=force)
    with _undone_on_error(report):  # both files or neither: a rerun is not refused by half
        write_report_xlsx(report, evaluation, force=force)
        write_award_list(awards, items, rules.ket_qua, force=force)
    table, on = _money_basis(c)
    notes = statutory_notes(rules, evaluation, on)
    money = "\n".join([*notes, money_summary(items, table, on)])
    name = _round_name(rules.dot[0]) if dot is not None and rules.dot else None
    warnings = _eligibility_warnings(c, items, today or dt.date.today())
    return EvaluationResult(evaluation, items, report, awards, money, name, warnings)


def build(
    *,
    campaign: Path | Campaign,
    out: Path | None = None,
    only: Sequence[str] = (),
    templates: Path | None = None,
    force: bool = False,
    pdf: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
    dot: str | None = None,
    pdf_progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Close the campaign in one call: evaluate the results when the campaign has rules and
    results, then write the whole dossier with print files, manifest and, with ``pdf``, PDFs (see
    :mod:`thidua_docs.output.build`). The evaluation's files (danh-gia.xlsx, the award list) are
    replaced only while they are the toolkit's own unedited output; one a clerk edited is kept
    unless ``force``. The output folder, the templates and every input are checked before anything
    is written; the folder is locked for the run (a second build on it is refused).
    Failures of single documents are in the result (``ok`` is False), not raised. With rounds,
    ``dot`` names the round, whose results, evaluation, award list and dossier are all in the
    round's folder (``dot › thu_muc``, default dot/<ma>/). ``pdf_progress(done, total)``
    follows the PDF conversion (PDF/A-2b on ``workers`` LibreOffice processes, signature
    fields at the signers' blocks: output.pdf)."""
    day = today or dt.date.today()
    request = rerun.Request.of(
        campaign=campaign, out=out, only=only, templates=templates, dot=dot, today=day
    )
    if not force and not pdf and (done := rerun.unchanged(request)) is not None:
        return done  # nothing changed since the last run: its result (output.rerun)
    # The rendering processes start before the inputs are loaded: none holds a copy of them.
    with rerun.Recording(request) as recording, Workers(workers).start() as processes:
        result, target = _build(
            campaign,
            out,
            only,
            templates,
            force,
            pdf,
            processes,
            progress,
            day,
            dot,
            pdf_progress,
            recording,
        )
        recording.save(result, target, pdf=pdf)
        return result


def _build(
    campaign: Path | Campaign,
    out: Path | None,
    only: Sequence[str],
    templates: Path | None,
    force: bool,
    pdf: bool,
    workers: Workers,
    progress: Callable[[int, int], None] | None,
    today: dt.date | None,
    dot: str | None,
    pdf_progress: Callable[[int, int], None] | None,
    recording: rerun.Recording,
) -> tuple[BuildResult, Path]:
    c = _round(_campaign(campaign), dot)
    target = out if out is not None else c.folder / DOSSIER_FOLDER
    check_output_folder(target)
    templates_dir = _templates(templates, c.templates_dir)
    recording.watch(c.folder, target.parent, templates_dir)
    result = BuildResult()
    rules = c.chien_dich.danh_gia
    evaluated = None
    if rules is not None and (c.folder / rules.ket_qua).is_file():
        _, evaluation, items = _evaluation(c)
        report, awards = _evaluation_files(c, rules)
        for path in (report, awards):
            check_output_folder(path.parent)
            check_writable(path, force=True)  # a folder in its place is refused here
        evaluated = (rules, evaluation, items, report, awards)
    else:
        award = load_dossier(c)
    with folder_lock(target):
        if evaluated is not None:
            rules, evaluation, items, report, awards = evaluated
            if force or is_ours(awards):
                with _restored_on_error(awards):  # the dossier read from it must load first
                    write_award_list(awards, items, rules.ket_qua, force=True)
                    award = load_dossier(c)
                result.notes.append(f"Đã lập danh sách đề nghị từ kết quả: {awards}")
            else:
                award = load_dossier(c)
                result.notes.append(
                    f"Giữ danh sách đề nghị đã có (đã sửa tay hoặc không do chương trình lập): "
                    f"{awards} (dùng --force để lập lại từ kết quả)"
                )
        jobs = dossier_jobs(_sources(c, award, today or dt.date.today()), tuple(only))
        if evaluated is not None:
            result.notes.append(_list_used(award, awards))
            result.notes += [
                f"Cần Hội đồng Thi đua - Khen thưởng quyết định: {note}"
                for note in evaluation.council
            ]
            if force or is_ours(report):
                write_report_xlsx(report, evaluation, force=True)
            else:
                result.notes.append(
                    f"Giữ bảng đánh giá đã sửa tay: {report} (dùng --force để lập lại từ kết quả)"
                )
        built = write_batch(
            jobs,
            target,
            layout=c.co_quan.bang_khen,
            force=force,
            pdf=pdf,
            workers=workers,
            templates_dir=templates_dir,
            progress=progress,
            result=result,
            pdf_progress=pdf_progress,
        )
        return built, target


def render(*, template: Path, data: Path, output: Path, force: bool = False) -> RenderResult:
    """Fill any .docx template with the data of a YAML or JSON file."""
    check_output_folder(Path(output).parent)
    values, _ = load_data(data)
    if not isinstance(values, dict):
        raise InputError(f"{data}: dữ liệu phải là một nhóm khóa: giá trị ở mức ngoài cùng")
    return RenderResult(render_file(template, values, output, force=force))


def check(*, paths: Sequence[Path], kind: str | None = None) -> CheckResult:
    """Check .docx files against ND30. A folder means every .docx in it, except certificates,
    print files and PDFs (ND30 does not apply to a Bằng khen)."""
    skipped = {*certificate_folders(), PRINT_FOLDER, PDF_FOLDER}
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*.docx")
                if not p.name.startswith(("~$", "."))
                and not set(p.relative_to(path).parts[:-1]) & skipped
            )
        else:
            files.append(path)
    if not files:
        raise InputError("Không có tệp .docx nào để kiểm tra")
    violations = [violation for file in files for violation in check_document(file, kind)]
    return CheckResult(files, violations)


def check_templates(
    *, files: Sequence[Path] = (), templates: Path | None = None, fix: bool = False
) -> TemplateCheckResult:
    """Check templates (by default every template in use); with ``fix``, write a repaired copy
    NAME.da-sua.docx beside each template that has fixable findings (the original is untouched)."""
    from thidua_docs.checks.templates import check_template, fix_template

    paths = list(files) or [t.path for t in list_templates(templates=templates)]
    reports = []
    for path in paths:
        copy, repairs = None, 0
        if fix:
            target = path.with_name(f"{path.stem}.da-sua.docx")
            fixed = fix_template(path, target)
            if fixed:
                copy, repairs = target, len(fixed)
            else:
                target.unlink(missing_ok=True)
        reports.append(TemplateReport(path, check_template(path), copy, repairs))
    return TemplateCheckResult(reports)


def list_templates(
    *, campaign: Path | Campaign | None = None, templates: Path | None = None
) -> list[TemplateInUse]:
    """Each template, the document it makes, and the file used: the office's own folder
    (``templates``, else the campaign profile's thu_muc_mau) first, then the shipped one."""
    from_profile = _campaign(campaign).templates_dir if campaign is not None else None
    own = _templates(templates, from_profile)
    rows = []
    for name, title in template_titles().items():
        path = find_template(name, own)
        is_own = own is not None and path.parent.resolve() == own.resolve()
        rows.append(TemplateInUse(name, title, path, is_own))
    return rows


def template_variables(
    *, names: Sequence[str] = (), today: dt.date | None = None
) -> list[TemplateVariables]:
    """The variables each template receives (``names``: template names, with or without .docx;
    all when empty), walked from real contexts of the bundled example."""
    titles = template_titles()
    wanted = [n if n.endswith(".docx") else f"{n}.docx" for n in names] or list(titles)
    contexts = example_contexts(today)
    return [
        TemplateVariables(name, titles.get(name, ""), _template_variables(name, contexts))
        for name in wanted
    ]


def dossier_kinds() -> tuple[str, ...]:
    """The dossier kinds a clerk can ask for by themselves (``only``)."""
    return dossier_choices()


def check_kinds() -> list[str]:
    """The ND30 checker's document kinds (``kind`` of :func:`check`)."""
    return list(ND30_KINDS)


# ------------------------------------------------------------------ the desk (thidua web)
#
# What a screen needs beyond the commands: a folder's campaigns and their state, the spec as text
# with its problems and a checked save, the selection without writing it, an uploaded results
# workbook checked before it replaces anything, a preview of one kind's documents as PDF, and the
# built dossier as one zip.


@dataclass(frozen=True)
class RoundState:
    """How far one round (đợt xét) of a campaign has come; ``code`` None: a campaign without."""

    code: str | None
    title: str
    results_in: bool
    evaluated: bool
    built: bool


@dataclass(frozen=True)
class CampaignState:
    """A campaign folder inside the desk's folder and how far it has come."""

    name: str  # the folder's name: how the desk names the campaign in its addresses
    folder: Path
    title: str | None  # the campaign's ``ten`` when the spec loads
    problems: int  # problems of the spec (and the profile it names); 0 when valid
    first_problem: str | None
    has_rules: bool  # danh_gia declared: results can be uploaded and evaluated
    results_in: bool
    evaluated: bool  # danh-gia.xlsx written
    built: bool  # the dossier's manifest written (of any round)
    rounds: list[RoundState] = field(default_factory=list)  # with rounds (dot): each one's state

    @property
    def spec_ok(self) -> bool:
        return self.problems == 0


@dataclass(frozen=True)
class SpecResult:
    """A campaign's spec as text, its fingerprint (to notice an edit on disk) and its problems."""

    file: Path
    text: str
    sha256: str
    problems: list[Diagnostic]
    saved: bool = False


@dataclass(frozen=True)
class SelectionTable:
    """One group's field: the explained ranking, with figures as numbers (for sorting)."""

    group: str
    field: str
    chosen: int
    quota: int
    headers: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class SelectionResult:
    """The selection the results give, nothing written."""

    evaluation: Evaluation
    tables: list[SelectionTable]
    money: str

    @property
    def so_tap_the(self) -> int:
        """The collectives selected, each once, as `thidua evaluate` counts them."""
        return len(self.evaluation.collectives())

    @property
    def so_ca_nhan(self) -> int:
        return sum(1 for person in self.evaluation.people if person.selected)


@dataclass(frozen=True)
class PreviewResult:
    """One kind's documents written into a scratch folder, and their PDFs."""

    kind: str
    documents: list[Path]
    pdfs: list[Path]


@dataclass(frozen=True)
class PackedDossier:
    """The built dossier as one zip: every file of its manifest, and the manifest."""

    name: str
    data: bytes
    files: list[str]


def campaigns(*, folder: Path) -> list[CampaignState]:
    """The campaign folders directly inside ``folder`` (each with a chien-dich.yaml), in name
    order, with their state; a campaign whose spec has problems is listed with their count."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục chiến dịch {folder}")
    return [
        _campaign_state(child)
        for child in sorted(folder.iterdir())
        if not child.name.startswith(".") and (child / CAMPAIGN_FILE).is_file()
    ]


def campaign_state(*, campaign: Path) -> CampaignState:
    """One campaign folder's state, as :func:`campaigns` lists it."""
    if not (Path(campaign) / CAMPAIGN_FILE).is_file():
        raise InputError(
            f"Thư mục {campaign} không có tệp {CAMPAIGN_FILE} (tệp khai báo chiến dịch thi đua)"
        )
    return _campaign_state(Path(campaign))


def _campaign_state(child: Path) -> CampaignState:
    title, problems, first = None, 0, None
    stages: list[tuple[str | None, str, Campaign]] = []  # (code, title, campaign as seen)
    try:
        c = load_campaign(child)
        title = c.chien_dich.ten
        stages = [(r.ma, r.ten, _round(c, r.ma)) for r in c.chien_dich.dot] or [(None, "", c)]
    except SpecError as err:
        problems, first = len(err.problems), str(err.problems[0]) if err.problems else None
    except ThiduaError as err:
        problems, first = 1, err.message
    rounds = [_stage_state(code, name, seen) for code, name, seen in stages]
    return CampaignState(
        name=child.name,
        folder=child,
        title=title,
        problems=problems,
        first_problem=first,
        has_rules=any(seen.chien_dich.danh_gia is not None for _, _, seen in stages),
        results_in=any(r.results_in for r in rounds),
        evaluated=any(r.evaluated for r in rounds),
        built=any(r.built for r in rounds),
        rounds=[r for r in rounds if r.code is not None],
    )


def _stage_state(code: str | None, title: str, campaign: Campaign) -> RoundState:
    rules = campaign.chien_dich.danh_gia
    results = campaign.folder / rules.ket_qua if rules is not None else None
    return RoundState(
        code=code,
        title=title,
        results_in=results is not None and results.is_file(),
        evaluated=results is not None and results.with_name(REPORT_FILE).is_file(),
        built=(campaign.folder / DOSSIER_FOLDER / MANIFEST).is_file(),
    )


def read_spec(*, campaign: Path) -> SpecResult:
    """The campaign's chien-dich.yaml as text, with every problem of it (and of its profile)."""
    spec = _spec_file(campaign)
    data = read_input(spec)
    return SpecResult(spec, _text(spec, data), _sha256(data), _spec_problems(spec, spec))


def save_spec(*, campaign: Path, text: str, base_sha256: str) -> SpecResult:
    """Replace chien-dich.yaml by ``text`` only if it is valid (atomically), and only if the file
    on disk is still the one read (``base_sha256``): an edit made meanwhile is never overwritten,
    it is refused (OutputError). An invalid text is not saved: the result lists its problems."""
    spec = _spec_file(campaign)
    data = text.replace("\r\n", "\n").encode("utf-8")

    class _Invalid(Exception):
        pass

    problems: list[Diagnostic] = []
    try:
        with atomic_target(spec) as temp:
            temp.write_bytes(data)
            problems = _spec_problems(temp, spec)
            if problems:
                raise _Invalid
            if _sha256(read_input(spec)) != base_sha256:
                raise OutputError(
                    f"{spec}: tệp đã được sửa trên đĩa sau khi mở trang này; không ghi đè. "
                    "Mở lại trang để xem bản trên đĩa rồi sửa lại."
                )
    except _Invalid:
        return SpecResult(spec, text, base_sha256, problems, saved=False)
    return SpecResult(spec, data.decode("utf-8"), _sha256(data), [], saved=True)


def selection(*, campaign: Path | Campaign, dot: str | None = None) -> SelectionResult:
    """The ranked, explained selection the campaign's results (of round ``dot``) give, per group
    and field, without writing anything (``evaluate`` and ``build`` write it)."""
    c = _round(_campaign(campaign), dot)
    _, evaluation, items = _evaluation(c)
    tables = []
    for result in evaluation.fields:
        headers, rows = table_cells(result)
        tables.append(
            SelectionTable(
                result.group.ten,
                result.field.ten,
                len(result.selected),
                result.field.so_luong,
                headers,
                rows,
            )
        )
    return SelectionResult(evaluation, tables, money_summary(items, *_money_basis(c)))


def save_results(
    *, campaign: Path | Campaign, data: bytes, force: bool = False, dot: str | None = None
) -> Path:
    """Put an uploaded results workbook in place (the file the rules name, ket_qua) after reading
    it as ``evaluate`` would: a workbook with problems is refused with all of them, named as the
    campaign's file, and nothing is written; an existing one is replaced only with ``force``.
    With rounds, ``dot`` names the round whose results they are."""
    c = _round(_campaign(campaign), dot)
    rules = _rules(c)
    target = c.folder / rules.ket_qua
    check_output_folder(target.parent)
    check_writable(target, force=force)
    with tempfile.TemporaryDirectory(prefix="thidua-ket-qua-") as scratch:
        trial = Path(scratch) / target.name
        trial.write_bytes(data)
        try:
            read_results(Path(scratch), rules.model_copy(update={"ket_qua": target.name}))
        except SpecError as err:
            raise SpecError(_renamed(p, trial, target) for p in err.problems) from None
        except InputError as err:
            raise InputError(err.message.replace(str(trial), str(target))) from None
    write_atomic(target, data, force=force)
    return target


def blank_results(*, campaign: Path | Campaign, dot: str | None = None) -> tuple[str, bytes]:
    """The blank results workbook of ``new_results`` as a file name and bytes (nothing written)."""
    c = _round(_campaign(campaign), dot)
    rules = _rules(c)
    with tempfile.TemporaryDirectory(prefix="thidua-mau-ket-qua-") as scratch:
        name = Path(rules.ket_qua).name
        path = write_results_template(Path(scratch) / name, rules)
        return name, path.read_bytes()


def preview(
    *,
    campaign: Path | Campaign,
    kind: str,
    out: Path,
    templates: Path | None = None,
    today: dt.date | None = None,
    dot: str | None = None,
) -> PreviewResult:
    """One dossier kind's documents, as ``dossier`` writes them, into the scratch folder ``out``
    (the campaign folder is not touched), and their PDFs made by LibreOffice in one call."""
    if kind not in dossier_choices():
        raise InputError(
            f"Không có loại văn bản {kind!r}; chọn một trong: {', '.join(dossier_choices())}"
        )
    soffice = find_libreoffice()
    if soffice is None:
        raise OutputError(f"Xem trước cần LibreOffice; cài bằng: {INSTALL_LIBREOFFICE}")
    c = _round(_campaign(campaign), dot)
    award = load_dossier(c)
    jobs = dossier_jobs(Sources(c, award, today or dt.date.today()), (kind,))
    files = write_documents(
        jobs,
        out / "docx",
        layout=c.co_quan.bang_khen,
        force=True,
        templates_dir=_templates(templates, c.templates_dir),
    )
    by_folder: dict[Path, list[Path]] = {}
    for file in files:
        by_folder.setdefault(file.parent, []).append(file)
    pdfs = [
        pdf
        for folder, group in by_folder.items()
        for pdf in convert_to_pdf(group, out / "pdf" / folder.relative_to(out / "docx"), soffice)
    ]
    return PreviewResult(kind, files, pdfs)


def pack_dossier(
    *, campaign: Path | Campaign, out: Path | None = None, dot: str | None = None
) -> PackedDossier:
    """The dossier ``build`` wrote (default ho-so/) as one zip: every file its manifest lists,
    with manifest.json and manifest.csv; refused when there is no manifest yet. With rounds,
    ``dot`` names the round whose dossier it is."""
    c = _round(_campaign(campaign), dot)
    folder = out if out is not None else c.folder / DOSSIER_FOLDER
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise InputError(
            f"Chưa có hồ sơ đã soạn trong {folder} (không có {MANIFEST}): soạn hồ sơ trước"
        )
    try:
        rows = json.loads(read_input(manifest).decode("utf-8"))["tep"]
        names = [str(row["tep"]) for row in rows]
    except (ValueError, KeyError, TypeError) as err:
        raise InputError(f"{manifest}: danh mục hồ sơ không đọc được ({err})") from err
    root = folder.resolve()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in [*names, MANIFEST, MANIFEST_CSV]:
            path = (folder / name).resolve()
            if not path.is_relative_to(root):
                raise InputError(f"{manifest}: tệp {name!r} nằm ngoài thư mục hồ sơ")
            if path.is_file():
                archive.writestr(name, read_input(path))
    name = f"{_campaign(campaign).folder.name}{f'-{dot}' if dot else ''}-ho-so.zip"
    return PackedDossier(name, buffer.getvalue(), names)


def _spec_file(campaign: Path) -> Path:
    folder = Path(campaign)
    spec = folder / CAMPAIGN_FILE if folder.is_dir() else folder
    if not spec.is_file():
        raise InputError(
            f"Thư mục {folder} không có tệp {CAMPAIGN_FILE} (tệp khai báo chiến dịch thi đua)"
        )
    return spec


def _spec_problems(file: Path, named: Path) -> list[Diagnostic]:
    """Every problem of the spec ``file`` (and its profile), the spec named ``named``."""
    try:
        load_campaign(file)
    except SpecError as err:
        return [_renamed(p, file, named) for p in err.problems]
    except InputError as err:  # the file does not parse: "file:line:column: message"
        message = err.message.replace(str(file), str(named))
        located = re.match(rf"{re.escape(str(named))}:(\d+)(?::\d+)?: (.*)", message, re.S)
        if located:
            return [Problem(named, int(located[1]), "", located[2])]
        return [Problem(named, None, "", message)]
    return []


def _renamed(problem: Diagnostic, old: Path, new: Path) -> Problem:
    """The problem of a scratch copy told as a problem of the file it stands for."""
    same = Path(problem.file) == old
    return Problem(
        new if same else problem.file,
        problem.line,
        problem.place,
        problem.message.replace(str(old), str(new)),
        problem.found,
    )


def _text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: tệp không phải văn bản UTF-8 (byte {err.start})") from err


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------ shared steps


def _campaign(campaign: Path | Campaign) -> Campaign:
    return campaign if isinstance(campaign, Campaign) else load_campaign(Path(campaign))


def _rules(campaign: Campaign) -> DanhGia:
    if campaign.chien_dich.danh_gia is None:
        raise InputError(
            f"{campaign.spec_file}: chiến dịch chưa khai báo quy tắc đánh giá (mục danh_gia)"
        )
    return campaign.chien_dich.danh_gia


def _evaluation(campaign: Campaign) -> tuple[DanhGia, Evaluation, list[dict[str, Any]]]:
    """The rules, the evaluation of the campaign's results by them, and the award list."""
    rules = _rules(campaign)
    results, people = read_results(campaign.folder, rules, _new_command(campaign))
    evaluation = apply_rules(rules, results, people)
    try:
        items = award_list(rules, evaluation, _money_basis(campaign)[1])
    except InputError as err:  # the award's money: located in the spec
        raise InputError(f"{campaign.spec_file}: {err.message}") from err
    return rules, evaluation, items


def _round_name(round_: DotXet) -> str:
    """A round as evaluate names it: "Quý II năm 2026 (từ 01/4/2026 đến 30/6/2026)"."""
    if round_.bat_dau and round_.ket_thuc:
        return f"{round_.ten} (từ {ngay_so(round_.bat_dau)} đến {ngay_so(round_.ket_thuc)})"
    if round_.ket_thuc:
        return f"{round_.ten} (đến {ngay_so(round_.ket_thuc)})"
    return round_.ten


def _new_command(campaign: Campaign) -> str | None:
    """The command that writes a round's empty results workbook (None: the usual one)."""
    rules = campaign.chien_dich.danh_gia
    spec_folder = campaign.spec_file.parent
    if rules is None or len(rules.dot) != 1 or campaign.folder == spec_folder:
        return None
    return f"thidua new {spec_folder} --dot {rules.dot[0].ma}"


def _round(campaign: Campaign, dot: str | None) -> Campaign:
    """The campaign as one round sees it: the round's rules (period, form, money, quotas, caps)
    and the round's folder, where its results, evaluation, award list, khen-thuong.yaml and
    dossier live, so one round never writes over another's. Without rounds, the campaign itself."""
    rounds = campaign.chien_dich.dot
    codes = ", ".join(r.ma for r in rounds)
    if dot is None:
        if rounds:
            raise InputError(
                f"{campaign.spec_file}: chiến dịch có {len(rounds)} đợt xét (dot: {codes}); hãy "
                f"chọn một đợt, ví dụ --dot {rounds[0].ma}"
            )
        return campaign
    round_ = next((r for r in rounds if r.ma == dot), None)
    if round_ is None:
        known = f"các đợt có: {codes}" if rounds else "chiến dịch không khai báo đợt xét nào"
        raise InputError(f"{campaign.spec_file}: không có đợt xét mã '{dot}' (mục dot); {known}")
    folder = campaign.folder / round_.folder
    if not folder.resolve().is_relative_to(campaign.folder.resolve()):
        raise InputError(
            f"{campaign.spec_file}: thư mục của đợt xét {round_.ma} (dot › thu_muc: "
            f"{round_.folder!r}) phải nằm trong thư mục chiến dịch"
        )
    rules = campaign.chien_dich.danh_gia
    chien_dich = campaign.chien_dich.model_copy(
        update={"danh_gia": rules.for_round(round_) if rules is not None else None}
    )
    return replace(campaign, folder=folder, chien_dich=chien_dich)


def _evaluation_files(campaign: Campaign, rules: DanhGia) -> tuple[Path, Path]:
    return (
        (campaign.folder / rules.ket_qua).with_name(REPORT_FILE),
        campaign.folder / AWARD_LIST_FILE,
    )


def _money_basis(campaign: Campaign) -> tuple[list[MucLuongCoSo], dt.date | None]:
    """The salary table and the decision's date, when khen-thuong.yaml has one: money by
    coefficient depends on it."""
    try:
        award: AwardDossier | None = load_dossier(campaign)
    except ThiduaError:
        award = None
    return salary_table(campaign.co_quan), award.ngay_tinh_tien if award else None


@contextlib.contextmanager
def _restored_on_error(path: Path) -> Iterator[None]:
    """``path`` as it was before the block if the block fails (a file the block rewrote)."""
    before = read_input(path) if path.is_file() else None  # unreadable: one located message
    try:
        yield
    except BaseException:
        with contextlib.suppress(ThiduaError, OSError):
            if before is None:
                path.unlink(missing_ok=True)
            elif path.read_bytes() != before:
                write_atomic(path, before, force=True)
        raise


@contextlib.contextmanager
def _undone_on_error(path: Path) -> Iterator[None]:
    """``path``, when the block creates it, removed again if the block fails after that."""
    existed = path.exists()
    try:
        yield
    except BaseException:
        if not existed:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise


def _list_used(award: AwardDossier, evaluated: Path) -> str:
    """Which award list the dossier is written from, said plainly when it is not the evaluated one."""
    used = award.list_file or award.file
    if used.resolve() == evaluated.resolve():
        return f"Hồ sơ soạn theo danh sách đề nghị lập từ kết quả: {evaluated}"
    return (
        f"Lưu ý: hồ sơ soạn theo danh sách đề nghị ghi trong {used} (mục de_nghi), không theo "
        f"danh sách vừa lập từ kết quả ({evaluated}). Muốn dùng danh sách lập từ kết quả, ghi trong "
        f"{award.file.name}: de_nghi: {evaluated.name}"
    )


def _templates(option: Path | None, from_profile: Path | None) -> Path | None:
    """The office templates folder: the command-line option wins over the agency profile."""
    folder = option if option is not None else from_profile
    if folder is not None and not folder.is_dir():
        raise InputError(f"Không tìm thấy thư mục mẫu {folder}")
    return folder


# ------------------------------------------------------------------ the award register (sổ khen thưởng)
#
# The register sits beside the pipeline: only these functions open it. What the documents need of
# it (earlier awards for the Báo cáo thành tích, số vào sổ for the certificates) is read here and
# passed down as plain data in ``Sources``.


@dataclass(frozen=True)
class RegisterRecordResult:
    """A decision recorded: each award with its number in its book, and the certificates
    reprinted with those numbers."""

    register: str
    so_quyet_dinh: str
    ngay: dt.date
    entries: list[Recorded]
    files: list[Path]


@dataclass(frozen=True)
class RegisterImportResult:
    register: str
    file: Path
    summary: ImportSummary


@dataclass(frozen=True)
class RegisterFileResult:
    """A workbook written from the register (export, statistics) and how many rows it holds."""

    register: str
    file: Path
    rows: int


@dataclass(frozen=True)
class RegisterSearchResult:
    register: str
    query: str
    hits: list[SubjectRow]


@dataclass(frozen=True)
class RegisterHistoryResult:
    register: str
    history: History


@dataclass(frozen=True)
class RegisterEligibilityResult:
    """The answers for one form of award and year, with their reasons and citations."""

    register: str
    hinh_thuc: str
    nam: int
    answers: list[Answer]


def register_record(
    *,
    campaign: Path | Campaign,
    so: int,
    ngay: dt.date,
    register: str | Path | None = None,
    out: Path | None = None,
    templates: Path | None = None,
    force: bool = False,
    today: dt.date | None = None,
    dot: str | None = None,
) -> RegisterRecordResult:
    """Record the campaign's issued decision (number ``so`` and date ``ngay`` as the clerk gives
    them) and every award of its dossier in the register, each with the next số vào sổ of its book
    for the decision's year (gapless, safe with several clerks at once); then reprint the
    certificates (Bằng khen, and in phôi when the profile places it) with their numbers into
    ``out`` (default: ho-so/so-vao-so/). All or nothing: the register is left as it was if any of
    this fails. Recording a decision twice is refused, as is a second award for one achievement.
    With rounds, ``dot`` names the round whose dossier is recorded."""
    if so < 1:
        raise InputError(f"Số quyết định phải là số nguyên dương (giá trị: {so})")
    c = _round(_campaign(campaign), dot)
    award = load_dossier(c)
    qd = award.ho_so.quyet_dinh
    code = f"QĐ-{c.co_quan.ten_viet_tat}"
    so_ky_hieu = f"{so:02d}/{code}"
    signer_name = ""
    if qd is not None:
        signer_name = c.co_quan.nguoi_ky[qd.nguoi_ky].ho_ten
        award = replace(
            award,
            ho_so=award.ho_so.model_copy(
                update={"quyet_dinh": qd.model_copy(update={"so": so, "ngay": ngay})}
            ),
        )
    now = today or dt.date.today()
    year = _achievement_year(c, _dossier_year(award, now))
    decision = Decision(so_ky_hieu, ngay, _issuer(c), signer_name)
    awardees = award.dossier.awardees
    entries = [
        AwardEntry(
            _subject(a.tap_the, a.ten, a.don_vi, a.chuc_vu),
            a.hinh_thuc,
            year,
            a.thanh_tich,
            a.tien,
            _kind_of_award(a.thanh_tich, a.loai_khen_thuong),
        )
        for a in awardees
    ]
    target = out if out is not None else c.folder / DOSSIER_FOLDER / RECORD_FOLDER
    check_output_folder(target)
    reg = open_register(_register_location(c, register))
    files: list[Path] = []
    try:
        with reg.write() as conn:
            recorded = record_in(conn, decision, entries, new_decision=True)
            numbers = {
                a.so_thu_tu: f"{r.so_vao_so:02d}/{r.nam_so}"
                for a, r in zip(awardees, recorded, strict=True)
            }
            if qd is not None:
                jobs = [
                    job
                    for job in dossier_jobs(Sources(c, award, now, so_vao_so=numbers), ())
                    if job.kind in CERTIFICATE_KINDS
                ]
                files = write_documents(
                    jobs,
                    target,
                    layout=c.co_quan.bang_khen,
                    force=force,
                    templates_dir=_templates(templates, c.templates_dir),
                )
    except BaseException:  # not recorded (the commit failed): no certificate claims a number
        for path in files:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    finally:
        reg.close()
    return RegisterRecordResult(reg.where, so_ky_hieu, ngay, recorded, files)


def register_import(
    *,
    file: Path,
    register: str | Path | None = None,
    campaign: Path | Campaign | None = None,
    co_quan: str | None = None,
) -> RegisterImportResult:
    """Import past years from the clerk's Excel book (sheets Khen thưởng, Xếp loại, Sáng kiến, Kỷ
    luật; Vietnamese headers) in one transaction: every bad row is located and nothing is
    imported unless every row is right. ``co_quan``: the issuing body of decisions whose row names
    none (default: the agency of the campaign's profile)."""
    c = _campaign(campaign) if campaign is not None else None
    issuer = co_quan or (_issuer(c) if c is not None else "")
    reg = open_register(_register_location(c, register))
    try:
        summary = import_book(reg, Path(file), co_quan=issuer)
    finally:
        reg.close()
    return RegisterImportResult(reg.where, Path(file), summary)


def register_export(
    *,
    out: Path,
    register: str | Path | None = None,
    campaign: Path | Campaign | None = None,
    nam: int | None = None,
    force: bool = False,
) -> RegisterFileResult:
    """Write the register (or one year of it) as an Excel book in the import layout."""
    check_output_folder(Path(out).parent)
    reg = _open_existing(campaign, register)
    try:
        path, rows = export_book(reg, Path(out), nam=nam, force=force)
    finally:
        reg.close()
    return RegisterFileResult(reg.where, path, rows)


def register_statistics(
    *,
    out: Path,
    register: str | Path | None = None,
    campaign: Path | Campaign | None = None,
    force: bool = False,
) -> RegisterFileResult:
    """The statistics workbook: counts and money by year and form, by unit, and in detail."""
    check_output_folder(Path(out).parent)
    reg = _open_existing(campaign, register)
    try:
        rows = counts(reg)
        path = statistics_book(rows, Path(out), force=force)
    finally:
        reg.close()
    return RegisterFileResult(reg.where, path, len(rows))


def register_search(
    *,
    query: str,
    register: str | Path | None = None,
    campaign: Path | Campaign | None = None,
    limit: int = 50,
) -> RegisterSearchResult:
    """Collectives and people whose name contains ``query``, diacritics and case ignored."""
    reg = _open_existing(campaign, register)
    try:
        return RegisterSearchResult(reg.where, query, search(reg, query, limit=limit))
    finally:
        reg.close()


def register_history(
    *, ma: str, register: str | Path | None = None, campaign: Path | Campaign | None = None
) -> RegisterHistoryResult:
    """Everything the register holds of one collective or person (by its code)."""
    reg = _open_existing(campaign, register)
    try:
        return RegisterHistoryResult(reg.where, history(reg, ma))
    finally:
        reg.close()


def register_eligibility(
    *,
    hinh_thuc: str,
    nam: int,
    ma: str | None = None,
    register: str | Path | None = None,
    campaign: Path | Campaign | None = None,
    rules: Path | None = None,
    today: dt.date | None = None,
) -> RegisterEligibilityResult:
    """Whether one subject (``ma``), or everyone the register knows for the years concerned, meets
    the conditions of ``hinh_thuc`` for the achievements of ``nam``: each answer with its reasons
    and citations. ``rules``: the agency's own rules file (default: the profile's)."""
    c = _campaign(campaign) if campaign is not None else None
    rule_set = load_rules(_own_rules(c, rules))
    on = today or dt.date.today()
    reg = _open_existing(c, register)
    try:
        if ma is not None:
            histories = [history(reg, ma)]
        else:
            histories = candidates(reg, nam, rule_set.span(hinh_thuc, on))
        answers = [evaluate_eligibility(rule_set, h, hinh_thuc, nam, on) for h in histories]
    finally:
        reg.close()
    if ma is None:
        answers = [a for a in answers if a.ket_luan in (DU, SAP_DU)]
    return RegisterEligibilityResult(reg.where, hinh_thuc, nam, answers)


#: Where `register_record` reprints the certificates, inside the dossier folder.
RECORD_FOLDER = "so-vao-so"
CERTIFICATE_KINDS = ("bang_khen", "in_phoi")


def _sources(campaign: Campaign, award: AwardDossier, today: dt.date) -> Sources:
    """What the dossier's kinds build from, with what the award register knows of the awardees."""
    numbers, earlier, statement = _register_facts(campaign, award, today)
    return Sources(
        campaign,
        award,
        today,
        so_vao_so=numbers,
        khen_thuong_da_co=earlier,
        du_dieu_kien=statement,
    )


def _register_location(campaign: Campaign | None, option: str | Path | None) -> str:
    if campaign is None:
        return locate(option, None, None)
    return locate(option, campaign.co_quan.so_khen_thuong, campaign.profile_file.parent)


def _open_existing(campaign: Path | Campaign | None, option: str | Path | None) -> Register:
    c = _campaign(campaign) if campaign is not None else None
    location = _register_location(c, option)
    try:
        return open_register(location, create=False)
    except InputError as err:
        if c is not None or is_url(location) or Path(location).exists():
            raise
        # The default file of the current folder is missing: a register beside a profile one
        # folder down (campaigns/co-quan/so-khen-thuong.sqlite) is what the clerk meant.
        here = Path.cwd()
        near = [
            n.relative_to(here) if n.is_relative_to(here) else n
            for n in sorted(Path(location).parent.glob(f"*/{Path(location).name}"))
        ]
        if not near:
            raise
        found = ", ".join(str(n) for n in near[:3])
        raise InputError(
            f"{err.message}. Có sổ khen thưởng ở {found}: dùng --chien-dich THƯ_MỤC_CHIẾN_DỊCH "
            f"(sổ của hồ sơ cơ quan của chiến dịch) hoặc -S {near[0]}"
        ) from err


def _own_rules(campaign: Campaign | None, option: Path | None) -> Path | None:
    if option is not None:
        return option
    if campaign is not None and campaign.co_quan.dieu_kien_khen_thuong:
        return campaign.profile_file.parent / campaign.co_quan.dieu_kien_khen_thuong
    return None


def _achievement_year(campaign: Campaign, otherwise: int) -> int:
    """The year of the achievements a campaign rewards: the year its period ends."""
    period = campaign.chien_dich.thoi_gian
    return period.ket_thuc.year if period is not None else otherwise


def _issuer(campaign: Campaign) -> str:
    """Who issues the campaign's award decisions, as the register names it."""
    return campaign.co_quan.tham_quyen_khen_thuong or campaign.co_quan.ten_co_quan


def _subject(tap_the: bool, ten: str, don_vi: str, chuc_vu: str) -> Subject:
    """An awardee of a dossier as the register knows it: a collective by its name, a person by
    name and unit (the dossier carries no mã cán bộ)."""
    return Subject(tap_the, ten, "" if tap_the else don_vi, "" if tap_the else chuc_vu)


def _kind_of_award(thanh_tich: str, stated: str | None = None) -> str:
    """The kind of an award: as khen-thuong.yaml states it (``loai_khen_thuong``), else by the
    words of its achievement: đột xuất; chuyên đề for an award of a campaign (an "đợt thi đua", a
    "phong trào thi đua", which the Law rewards under its own points, not the yearly
    conditions); otherwise công trạng (the year's work)."""
    if stated:
        return stated
    words = thanh_tich.lower()
    if "đột xuất" in words:
        return "dot_xuat"
    if "chuyên đề" in words or "đợt thi đua" in words:
        return "chuyen_de"
    if "phong trào thi đua" in words and "hoàn thành xuất sắc nhiệm vụ" not in words:
        return "chuyen_de"
    return "cong_trang"


def _register_if_any(campaign: Campaign) -> Register | None:
    """The campaign's register when one is named (option, environment, profile) or its default
    file exists; None otherwise, so documents are what they always were without a register."""
    location = _register_location(campaign, None)
    if not is_url(location) and not Path(location).is_file():
        return None
    return open_register(location, create=False)


def _register_facts(
    campaign: Campaign, award: AwardDossier, today: dt.date
) -> tuple[dict[int, str], dict[int, list[dict[str, Any]]], str]:
    """From the register, for each awardee of the dossier: its số vào sổ when this very award
    (the same form, year and achievement) is recorded, and its other awards (section III of the
    Báo cáo thành tích); and the tờ trình's statement that every awardee meets the conditions."""
    reg = _register_if_any(campaign)
    if reg is None:
        return {}, {}, ""
    year = _achievement_year(campaign, _dossier_year(award, today))
    numbers: dict[int, str] = {}
    earlier: dict[int, list[dict[str, Any]]] = {}
    histories: dict[int, History | None] = {}  # read once, for section III and the statement
    try:
        for a in award.dossier.awardees:
            h = history_of(reg, _subject(a.tap_the, a.ten, a.don_vi, a.chuc_vu))
            histories[a.so_thu_tu] = h
            if h is None:
                continue
            this = khoa(a.thanh_tich or a.hinh_thuc)
            past = []
            for row in h.awards:
                if (row.nam, row.hinh_thuc, khoa(row.thanh_tich or row.hinh_thuc)) == (
                    year,
                    a.hinh_thuc,
                    this,
                ):
                    numbers[a.so_thu_tu] = f"{row.so_vao_so:02d}/{row.nam_so}"
                    continue
                past.append(
                    {
                        "nam": row.nam,
                        "hinh_thuc": row.hinh_thuc,
                        "so_quyet_dinh": row.so_quyet_dinh,
                        "ngay_quyet_dinh": row.ngay_quyet_dinh,
                        "co_quan": row.co_quan,
                    }
                )
            earlier[a.so_thu_tu] = past
    finally:
        reg.close()
    return numbers, earlier, _conditions_statement(histories, campaign, award, year, today)


def _conditions_statement(
    histories: dict[int, History | None],
    campaign: Campaign,
    award: AwardDossier,
    year: int,
    today: dt.date,
) -> str:
    """ "Đối chiếu sổ khen thưởng, … đều đủ điều kiện … theo quy định tại …" when the register
    (``histories``: each awardee's, by its so_thu_tu) shows every proposed awardee meeting the conditions of its award under rules verified
    against the legal text; empty when any awardee is not in the register, has no rule to check
    (nothing was checked, so nothing is stated), falls short, or is judged by an unverified rule.
    Judged on the tờ trình's own date (today for a draft)."""
    to_trinh = award.ho_so.to_trinh
    if to_trinh is None:
        return ""
    on = to_trinh.ngay if isinstance(to_trinh.ngay, dt.date) else today
    rule_set = load_rules(_own_rules(campaign, None))
    cited: list[str] = []
    for a in award.dossier.awardees:
        kind = _kind_of_award(a.thanh_tich or "", a.loai_khen_thuong)
        if not rule_set.for_form(a.hinh_thuc, a.tap_the, on, kind):
            return ""
        h = histories.get(a.so_thu_tu)
        if h is None:
            return ""
        answer = evaluate_eligibility(rule_set, h, a.hinh_thuc, year, on, kind)
        if not answer.du or answer.chua_doi_chieu:
            return ""
        cited += [c for c in answer.can_cu if c not in cited]
    bases = "; ".join(_citation_in_words(c) for c in cited)
    return (
        "Đối chiếu sổ khen thưởng, các tập thể, cá nhân được đề nghị khen thưởng đều đủ điều "
        f"kiện khen thưởng qua các năm theo quy định tại {bases}."
    )


def _citation_in_words(can_cu: str) -> str:
    """A rule's citation as a document writes it, from the smallest part to the text:
    "Luật …, Điều 74, khoản 1, điểm d" → "điểm d khoản 1 Điều 74 Luật …"."""
    at = can_cu.find(", Điều ")
    if at < 0:
        return can_cu
    parts = can_cu[at + 2 :].split(", ")
    return " ".join([*reversed(parts), can_cu[:at]])


def _eligibility_warnings(
    campaign: Campaign, items: list[dict[str, Any]], today: dt.date
) -> list[str]:
    """`thidua evaluate`'s warnings: each proposed awardee the register shows not meeting the
    conditions of the award proposed, and why (with the citation)."""
    reg = _register_if_any(campaign)
    if reg is None:
        return []
    rule_set = load_rules(_own_rules(campaign, None))
    year = _achievement_year(campaign, today.year)
    warnings: list[str] = []
    unknown: dict[str, list[str]] = {}
    try:
        for item in items:
            form = str(item.get("hinh_thuc", ""))
            kind = _kind_of_award(
                str(item.get("thanh_tich", "") or ""), item.get("loai_khen_thuong")
            )
            people = [(True, str(t.get("ten", "")), "", "") for t in item.get("tap_the", []) or []]
            people += [
                (
                    False,
                    str(p.get("ho_ten", "")),
                    str(p.get("don_vi", "")),
                    str(p.get("chuc_vu", "") or ""),
                )
                for p in item.get("ca_nhan", []) or []
            ]
            for tap_the, ten, don_vi, chuc_vu in people:
                if not rule_set.for_form(form, tap_the, today, kind):
                    continue
                h = history_of(reg, _subject(tap_the, ten, don_vi, chuc_vu))
                who = ten + (f" ({don_vi})" if don_vi else "")
                if h is None:
                    unknown.setdefault(form, []).append(who)
                    continue
                answer = evaluate_eligibility(rule_set, h, form, year, today, kind)
                if not answer.du:
                    cited = "; ".join(
                        c + (" — chưa đối chiếu với văn bản" if c in answer.chua_doi_chieu else "")
                        for c in answer.can_cu
                    )
                    warnings.append(f"{who}: đề nghị {form} — {answer.text} (căn cứ: {cited})")
    finally:
        reg.close()
    for proposed, names in unknown.items():
        warnings.append(
            f"{len(names)} tập thể, cá nhân được đề nghị {proposed} chưa có trong sổ khen thưởng, "
            f"chưa kiểm tra được điều kiện: {', '.join(names)}"
        )
    return warnings
