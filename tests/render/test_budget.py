"""Templates under budget: a typo'd loop or filter ends quickly with a located Vietnamese error.

Each case is a small real template built here; through the `thidua` command it exits 2 with the
located message within seconds, prints no traceback and writes no file, and `thidua templates
check` on the same template ends too. The limits are generous for real dossiers: a Danh sách of
10,000 individuals renders inside them.
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment

from thidua_docs.errors import TemplateError
from thidua_docs.formatting import so
from thidua_docs.render import budget
from thidua_docs.render.engine import PreparedTemplate, excerpt, make_environment

from .test_render import make_template

ROOT = Path(__file__).resolve().parents[2]
DATA = {"ten": "Nguyễn Văn A"}
#: The point is that it ends: generous for a slow machine, far below "never".
ENDS_WITHIN_S = 20.0
#: A wall-time limit low enough for a test; the cases below it would run for minutes.
TEST_SECONDS = 2.0
LOOP = f"vòng lặp vượt quá {so(budget.MAX_LOOP_ITERATIONS)} lần (giới hạn của mẫu)"
TEXT = f"tạo ra chuỗi dài vượt quá {so(budget.MAX_TEXT_CHARS)} ký tự (giới hạn của mẫu)"
DIGITS = f"tạo ra số nguyên vượt quá {so(budget.MAX_INT_DIGITS)} chữ số (giới hạn của mẫu)"
ITEMS = f"tạo ra danh sách vượt quá {so(budget.MAX_ITEMS)} phần tử (giới hạn của mẫu)"
TIME = f"thời gian điền mẫu vượt quá {so(TEST_SECONDS)} giây (giới hạn của mẫu)"
PART = f"phần thân của văn bản tạo ra vượt quá {so(budget.MAX_PART_BYTES)} byte (giới hạn của mẫu)"
#: Runs for minutes without a deadline: ~1 ms an iteration, far under the loop limit.
SLOW = "{% for i in range(100000) %}{% set s = ('ab' * 200000)|replace('a', 'bb') %}{% endfor %}"

# (id, the template's second paragraph, the message, whether `templates check` finds it without data)
CASES = [
    (
        "nested-range",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        LOOP,
        True,
    ),
    ("power", "{{ 9 ** 99999999 }}", f"phép '**' {DIGITS}", True),
    ("constant-string-times", "{{ 'a' * 10**9 }}", f"phép '*' {TEXT}", True),
    ("center", "{{ 'x'|center(2000000000) }}", f"bộ lọc 'center' {TEXT}", True),
    ("data-value-times", "{{ ten * 1000000000 }}", f"phép '*' {TEXT}", False),
    ("format-width", "{{ '%999999999s'|format(ten) }}", f"bộ lọc 'format' {TEXT}", False),
    ("wall-time", SLOW, TIME, False),
    ("join", "{{ range(100000)|join(', ' * 10) }}", f"bộ lọc 'join' {TEXT}", True),
    (
        "output-size",
        "{% for i in range(1000) %}{% for j in range(1000) %}"
        + "x" * 200
        + "{% endfor %}{% endfor %}",
        PART,
        False,
    ),
]

# More ways to the same limits, through the engine (fast, no process).
ENGINE_CASES = [
    ("ljust-method", "{{ 'x'.ljust(2000000000) }}", f"phương thức 'ljust' {TEXT}"),
    ("zfill-data", "{{ ten.zfill(2000000000) }}", f"phương thức 'zfill' {TEXT}"),
    ("str-format-width", "{{ '{:>2000000000}'.format(1) }}", f"phương thức 'format' {TEXT}"),
    (
        "str-format-nested-width",
        "{{ '{:>{w}}'.format(ten, w=2000000000) }}",
        f"phương thức 'format' {TEXT}",
    ),
    ("printf-operator", "{{ '%0999999999d' % 1 }}", f"phép '%' {TEXT}"),
    ("printf-star", "{{ '%*s'|format(2000000000, ten) }}", f"bộ lọc 'format' {TEXT}"),
    (
        "method-replace",
        "{{ (ten * 1000).replace('', ten * 100) }}",
        f"phương thức 'replace' {TEXT}",
    ),
    (
        "method-join",
        "{{ (ten * 10000).join(range(1000)|map('string')) }}",
        f"phương thức 'join' {TEXT}",
    ),
    ("filter-replace", "{{ (ten * 1000)|replace('', ten * 100) }}", f"bộ lọc 'replace' {TEXT}"),
    ("indent", "{{ ('a\\n' * 100000)|indent(100) }}", f"bộ lọc 'indent' {TEXT}"),
    (
        "wordwrap",
        "{{ (ten * 10000)|wordwrap(1, wrapstring=ten * 10) }}",
        f"bộ lọc 'wordwrap' {TEXT}",
    ),
    ("string-plus", "{{ ten * 50000 + ten * 50000 }}", f"phép '+' {TEXT}"),
    ("list-times", "{{ [1, 2] * 1000000 }}", f"phép '*' {ITEMS}"),
    ("batch-fill", "{{ [1]|batch(2000000000, 0)|list }}", f"bộ lọc 'batch' {ITEMS}"),
    ("slice", "{{ [1]|slice(2000000000)|list }}", f"bộ lọc 'slice' {ITEMS}"),
    ("integer-times", "{{ (10 ** 600) * (10 ** 600) }}", f"phép '*' {DIGITS}"),
    (
        "doubling-namespace",
        "{% set ns = namespace(s=ten) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        f"phép '~' {TEXT}",
    ),
    (
        "recursive-loop",
        "{% for x in range(1000) recursive %}{% if loop.depth < 3 %}{{ loop(range(1000)) }}"
        "{% endif %}{% endfor %}",
        LOOP,
    ),
    (
        "loop-over-a-long-string",
        "{% for c in ten * 50000 %}{% for d in range(20) %}{% endfor %}{% endfor %}",
        LOOP,
    ),
]


#: Ordinary uses of what the budget wraps: the same text as Jinja's own sandbox gives.
ORDINARY = [
    "{{ 'x'|center(9) }}|{{ 'a\nb'|indent(2, true) }}|{{ 'a\n\nb'|indent('> ', blank=true) }}",
    "{{ '%05d %s'|format(3, ten) }}|{{ '%(a)s'|format(a=ten) }}|{{ '%5.1f' % 2.25 }}",
    "{{ ds|join(', ', attribute='ten') }}|{{ [1, 2]|join }}|{{ ten.join(['<', '>']) }}",
    "{{ ten|replace('n', 'N', 1) }}|{{ (ten ~ ' ') * 3 }}|{{ ten.ljust(15) }}|{{ ten.zfill(14) }}",
    "{{ (ten * 9)|wordwrap(20, wrapstring='/') }}|{{ 'a-b c'|wordwrap(3, false) }}",
    "{{ [1, 2, 3]|batch(2, 0)|list }}|{{ [1, 2, 3]|slice(2, 9)|list }}|{{ 2 ** 10 * 3 + 1 }}",
    "{{ '{:>8}|{:.2f}|{x}'.format(ten[:3], 1.5, x=ten) }}|{{ '{a}'.format_map({'a': 1}) }}",
    "{% for x in ds recursive %}{{ loop.index }}/{{ loop.length }}{{ loop(x.con) }}{% endfor %}",
]


@pytest.mark.parametrize("source", ORDINARY, ids=[f"ordinary-{i}" for i in range(len(ORDINARY))])
def test_ordinary_uses_render_as_jinja_renders_them(source: str) -> None:
    context = {"ten": "Nguyễn Văn A", "ds": [{"ten": "B & C", "con": [{"ten": "D", "con": []}]}]}
    plain = ImmutableSandboxedEnvironment(autoescape=True, keep_trailing_newline=True)
    with budget.guard():
        ours = make_environment().from_string(source).render(context)
    assert ours == plain.from_string(source).render(context)


def _template(tmp_path: Path, paragraph: str) -> Path:
    return make_template(tmp_path / "mau.docx", "Mở đầu", paragraph)


def _located(template: Path, paragraph: str, message: str) -> str:
    return f'Lỗi mẫu {template}, phần thân, đoạn 2 "{excerpt(paragraph)}": {message}'


@pytest.fixture
def test_seconds(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(budget, "MAX_SECONDS", TEST_SECONDS)
    yield


def _command(*args: str, seconds: float | None) -> list[str]:
    """The `thidua` command; with ``seconds``, the same entry point with a lower wall-time limit."""
    if seconds is None:
        return [sys.executable, "-m", "thidua_docs", *args]
    bootstrap = (
        "import sys; import thidua_docs.render.budget as b; "
        f"b.MAX_SECONDS = {seconds!r}; "
        "from thidua_docs.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    return [sys.executable, "-c", bootstrap, *args]


def _run_timed(commands: list[list[str]]) -> list[tuple[subprocess.CompletedProcess[str], float]]:
    """Run the commands side by side; each one's result and seconds from start to exit."""
    started = time.perf_counter()
    processes = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    results = []
    for command, process in zip(commands, processes, strict=True):
        try:
            out, err = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            pytest.fail(f"{command[-3:]} did not end within 120 s")
        results.append(
            (
                subprocess.CompletedProcess(command, process.returncode, out, err),
                time.perf_counter() - started,
            )
        )
    return results


@pytest.mark.parametrize(
    ("paragraph", "message", "static"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_command_ends_with_a_located_error(
    tmp_path: Path, paragraph: str, message: str, static: bool
) -> None:
    template = _template(tmp_path, paragraph)
    data = tmp_path / "du-lieu.yaml"
    data.write_text(f"ten: {DATA['ten']}\n", encoding="utf-8")
    out = tmp_path / "ra.docx"
    seconds = TEST_SECONDS if message == TIME else None
    (render, render_s), (check, check_s) = _run_timed(
        [
            _command("render", str(template), str(data), "-o", str(out), seconds=seconds),
            _command("templates", "check", str(template), seconds=seconds),
        ]
    )
    assert render.returncode == 2, render.stderr
    assert render.stderr == f"Lỗi: {_located(template, paragraph, message)}\n"
    assert render.stdout == ""
    assert "Traceback" not in render.stderr
    assert not out.exists()
    assert render_s < ENDS_WITHIN_S
    assert "Traceback" not in check.stderr + check.stdout
    assert check.returncode == (1 if static else 0), check.stdout + check.stderr
    assert check_s < ENDS_WITHIN_S
    assert (f'đoạn 2 "{excerpt(paragraph)}" — lỗi: {message}' in check.stdout) is static


@pytest.mark.parametrize(
    ("paragraph", "message"), [c[1:] for c in ENGINE_CASES], ids=[c[0] for c in ENGINE_CASES]
)
def test_the_engine_stops_each_way_to_a_limit(tmp_path: Path, paragraph: str, message: str) -> None:
    template = _template(tmp_path, paragraph)
    started = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate(template).render(DATA)
    assert caught.value.message == _located(template, paragraph, message)
    assert time.perf_counter() - started < ENDS_WITHIN_S


def _slow_render(path: str) -> str:
    try:
        PreparedTemplate(path).render(DATA)
    except TemplateError as err:
        return err.message
    return "rendered"


@pytest.mark.usefixtures("test_seconds")
def test_the_deadline_holds_in_threads_each_with_its_own_budget(tmp_path: Path) -> None:
    slow = str(_template(tmp_path, SLOW))
    quick = str(make_template(tmp_path / "nhanh.docx", "{{ ten }}"))
    started = time.perf_counter()
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(_slow_render, [slow, slow, quick]))
    assert results[:2] == [_located(Path(slow), SLOW, TIME)] * 2
    assert results[2] == "rendered"
    assert time.perf_counter() - started < ENDS_WITHIN_S
    assert budget.active() is None


@pytest.mark.usefixtures("test_seconds")
def test_the_deadline_holds_in_worker_processes(tmp_path: Path) -> None:
    slow = str(_template(tmp_path, SLOW))
    started = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:  # forked: the lowered limit is inherited
        results = list(pool.map(_slow_render, [slow, slow]))
    assert results == [_located(Path(slow), SLOW, TIME)] * 2
    assert time.perf_counter() - started < ENDS_WITHIN_S


def test_budgets_do_not_add_up_across_documents(tmp_path: Path) -> None:
    """Each document has its own: 900,000 iterations twice is within the limit each time."""
    paragraph = (
        "{% for i in range(900) %}{% for j in range(1000) %}{% endfor %}{% endfor %}{{ ten }}"
    )
    prepared = PreparedTemplate(_template(tmp_path, paragraph))
    for _ in range(2):
        assert prepared.render(DATA)


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location(
        "bench_build", ROOT / "benchmarks" / "bench_build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_danh_sach_of_10000_rows_renders_inside_the_limits() -> None:
    bench = _bench()
    campaign, award = bench.award_of(10_000)
    context = bench.danh_sach_context(campaign, award, "quyet_dinh")
    data = PreparedTemplate(ROOT / "templates" / "danh_sach.docx").render(context)
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert body.count("Nguyễn Văn Thi Đua ") == 10_000
    assert "Nguyễn Văn Thi Đua 09999" in body


def test_every_limit_is_in_the_table_and_the_office_guide() -> None:
    guide = (ROOT / "docs" / "huong-dan-mau.md").read_text(encoding="utf-8")
    section = guide.split(". Giới hạn của mẫu\n", 1)[1]
    limits = {name: value for name, value in vars(budget).items() if name.startswith("MAX_")}
    assert len(limits) == 7
    for name, value in limits.items():
        assert f"``{name}``" in (budget.__doc__ or "")
        assert so(value) in section, name
