"""The budget of one rendering: what a template may spend before it is stopped, in one place.

Office staff edit templates; one mistyped loop or filter must end with a located error, not hang
or exhaust a clerk's PC. Every document is rendered under a ``Budget`` (``guard``), and the
sandbox's own hooks spend it: each loop iteration, each ``call``/``getattr``/``getitem``, each
intercepted operator and each filter. Nothing here is an outside timer or a signal, so it works
alike in the main thread, in threads and in worker processes.

=========================  =============  =====================================================
limit                      value          why this number
=========================  =============  =====================================================
``MAX_LOOP_ITERATIONS``    1 000 000      per document, all loops together; a Danh sách of
                                          10 000 rows takes about 10 000 (100× headroom)
``MAX_PART_BYTES``         100 000 000    UTF-8 bytes of one rendered XML part (body, header…);
                                          the body of a 10 000-row Danh sách is 21 MB
``MAX_DOCUMENT_BYTES``     150 000 000    all rendered parts of one document together
``MAX_TEXT_CHARS``         1 000 000      characters of one string made by an operator
                                          (``*``, ``+``, ``%``), a filter (``center``,
                                          ``format``, ``join``, ``replace``, ``indent``,
                                          ``wordwrap``…) or a string method (``ljust``…):
                                          some 500 pages of text, in one value
``MAX_ITEMS``              1 000 000      items of one list made by an operator or a filter
``MAX_INT_DIGITS``         1 000          digits of one integer made by ``*`` or ``**``;
                                          amounts of money have at most 15
``MAX_SECONDS``            60             wall time of one document; the 10 000-row Danh sách
                                          renders in about 2.5 s
=========================  =============  =====================================================

Sizes are checked before the work where the work is the danger (``'a' * 10**9``,
``9 ** 99999999``, ``center(2000000000)``, ``"%999999999s"|format``…) and on the result
otherwise. Output is counted while rendering (every ``{{ … }}`` value and, per loop iteration,
the literal text of the loop's body) and exactly on each rendered part. A breach raises
``LimitError``, which the engine reports like any template error, located at its paragraph.
"""

from __future__ import annotations

import math
import operator as op
import re
import string
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeGuard

from jinja2 import Environment, nodes
from jinja2.nodes import EvalContext
from jinja2.utils import _PassArg

from thidua_docs.errors import ThiduaError
from thidua_docs.formatting import so

MAX_LOOP_ITERATIONS = 1_000_000
MAX_PART_BYTES = 100_000_000
MAX_DOCUMENT_BYTES = 150_000_000
MAX_TEXT_CHARS = 1_000_000
MAX_ITEMS = 1_000_000
MAX_INT_DIGITS = 1_000
MAX_SECONDS = 60.0

_LIMIT = "(giới hạn của mẫu)"
_LOG10_2 = math.log10(2)


class LimitError(ThiduaError):
    """A template spent more than its budget; the message says which limit, in Vietnamese."""


def loop_error() -> LimitError:
    return LimitError(f"vòng lặp vượt quá {so(MAX_LOOP_ITERATIONS)} lần {_LIMIT}")


def time_error() -> LimitError:
    return LimitError(f"thời gian điền mẫu vượt quá {so(MAX_SECONDS)} giây {_LIMIT}")


def part_error(label: str) -> LimitError:
    return LimitError(f"{label} của văn bản tạo ra vượt quá {so(MAX_PART_BYTES)} byte {_LIMIT}")


def document_error() -> LimitError:
    return LimitError(f"văn bản tạo ra vượt quá {so(MAX_DOCUMENT_BYTES)} byte {_LIMIT}")


def _text_error(what: str) -> LimitError:
    return LimitError(f"{what} tạo ra chuỗi dài vượt quá {so(MAX_TEXT_CHARS)} ký tự {_LIMIT}")


def _items_error(what: str) -> LimitError:
    return LimitError(f"{what} tạo ra danh sách vượt quá {so(MAX_ITEMS)} phần tử {_LIMIT}")


def _digits_error(what: str) -> LimitError:
    return LimitError(f"{what} tạo ra số nguyên vượt quá {so(MAX_INT_DIGITS)} chữ số {_LIMIT}")


class Budget:
    """What one document has spent so far: loop iterations, output characters, time."""

    __slots__ = ("deadline", "document_bytes", "document_chars", "iterations", "part", "part_chars")

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS
        self.iterations = 0
        self.document_chars = 0  # counted while rendering, all parts
        self.part = "phần"  # the part being rendered, as messages name it
        self.part_chars = 0  # counted while rendering, the part being rendered
        self.document_bytes = 0  # exact, of the parts rendered so far

    def start_part(self, label: str) -> None:
        self.part = label
        self.part_chars = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise time_error()

    def output(self, chars: int) -> None:
        """Count ``chars`` characters of output (a character is at least one UTF-8 byte)."""
        self.part_chars += chars
        self.document_chars += chars
        if self.part_chars > MAX_PART_BYTES:
            raise part_error(self.part)
        if self.document_chars > MAX_DOCUMENT_BYTES:
            raise document_error()

    def iterate(self, iterable: Iterable[Any], chars: int) -> Iterator[Any]:
        """``iterable``, each item counted as a loop iteration writing ``chars`` literal characters."""
        for item in iterable:
            self.iterations += 1
            if self.iterations > MAX_LOOP_ITERATIONS:
                raise loop_error()
            if time.monotonic() > self.deadline:
                raise time_error()
            if chars:
                self.output(chars)
            yield item

    def part_done(self, label: str, size: int) -> None:
        """A part was rendered to ``size`` bytes: check it and the document's total."""
        self.document_bytes += size
        if size > MAX_PART_BYTES:
            raise part_error(label)
        if self.document_bytes > MAX_DOCUMENT_BYTES:
            raise document_error()


_ACTIVE: ContextVar[Budget | None] = ContextVar("thidua_budget", default=None)


@contextmanager
def guard() -> Iterator[Budget]:
    """Render under a fresh budget (per thread and per process: a context variable)."""
    budget = Budget()
    token = _ACTIVE.set(budget)
    try:
        yield budget
    finally:
        _ACTIVE.reset(token)


def active() -> Budget | None:
    return _ACTIVE.get()


def tick() -> None:
    """Check the deadline of the rendering under way, if any (not while compiling)."""
    budget = _ACTIVE.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise time_error()


def loop(iterable: Iterable[Any], chars: int) -> Iterable[Any]:
    """What a ``{% for %}`` iterates: counted under the active budget."""
    budget = _ACTIVE.get()
    return iterable if budget is None else budget.iterate(iterable, chars)


# --- sizes --------------------------------------------------------------------------------------


def _int_digits(value: int) -> int:
    """Decimal digits of ``value``, within one, without converting it."""
    return int(abs(value).bit_length() * _LOG10_2) + 1


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def check_value(value: Any, what: str) -> Any:
    """Refuse a string, list or integer made by ``what`` that is beyond the limits."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT_CHARS:
            raise _text_error(what)
    elif isinstance(value, list | tuple):
        if len(value) > MAX_ITEMS:
            raise _items_error(what)
    elif _is_int(value) and value.bit_length() > 64 and _int_digits(value) > MAX_INT_DIGITS:
        raise _digits_error(what)
    return value


def _check_repeat(sequence: Any, times: Any, what: str) -> None:
    if not _is_int(times) or times <= 0:
        return
    if isinstance(sequence, str) and len(sequence) * times > MAX_TEXT_CHARS:
        raise _text_error(what)
    if isinstance(sequence, list | tuple) and len(sequence) * times > MAX_ITEMS:
        raise _items_error(what)


_PRINTF = re.compile(
    r"%(?:\([^)]*\))?[#0\- +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?[a-zA-Z%]"
)


def _too_big(number: str | None) -> bool:
    if number is None or number == "*":
        return False
    return len(number.lstrip("0")) > 12 or int(number) > MAX_TEXT_CHARS


def check_printf(template: str, args: Any, what: str) -> None:
    """``template % args`` would be too long: a width or precision beyond the text limit."""
    star = False
    for match in _PRINTF.finditer(template):
        width, precision = match.group("width"), match.group("precision")
        if _too_big(width) or _too_big(precision):
            raise _text_error(what)
        star |= "*" in (width, precision)
    if star:
        values = args if isinstance(args, tuple) else (args,)
        if any(_is_int(v) and v > MAX_TEXT_CHARS for v in values):
            raise _text_error(what)


_SPEC_NUMBERS = re.compile(r"\d+")


def check_format_spec(spec: str, what: str) -> None:
    """A ``str.format`` field's spec (``>1000000000``, ``.99999999f``) beyond the text limit."""
    for number in _SPEC_NUMBERS.findall(spec):
        if _too_big(number):
            raise _text_error(what)


# --- operators ----------------------------------------------------------------------------------

#: Operators the sandbox hands to ``binop``: the ones that can make a value grow.
INTERCEPTED_BINOPS = frozenset({"+", "*", "**", "%"})


def binop(operator: str, left: Any, right: Any, table: dict[str, Callable[[Any, Any], Any]]) -> Any:
    """``left operator right``, refused beforehand when its result would be beyond the limits."""
    what = f"phép '{operator}'"
    if operator == "*":
        if _is_int(left) and _is_int(right):
            if (left.bit_length() + right.bit_length()) * _LOG10_2 > MAX_INT_DIGITS + 1:
                raise _digits_error(what)
        else:
            _check_repeat(left, right, what)
            _check_repeat(right, left, what)
    elif operator == "**":
        big = _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1
        if big and right * math.log10(abs(left)) > MAX_INT_DIGITS:
            raise _digits_error(what)
    elif operator == "+":
        if isinstance(left, str) and isinstance(right, str):
            if len(left) + len(right) > MAX_TEXT_CHARS:
                raise _text_error(what)
        elif (
            isinstance(left, list | tuple)
            and isinstance(right, list | tuple)
            and len(left) + len(right) > MAX_ITEMS
        ):
            raise _items_error(what)
    elif operator == "%" and isinstance(left, str):
        check_printf(left, right, what)
    return check_value(table[operator](left, right), what)


# --- string methods -----------------------------------------------------------------------------

_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill"}


def _replaced_length(text: str, old: Any, new: Any, count: Any) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    found = text.count(old) if old else len(text) + 1
    if _is_int(count) and count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


def _joined_length(separator: str, items: list[Any]) -> int:
    return sum(len(item) if isinstance(item, str) else 1 for item in items) + len(separator) * max(
        len(items) - 1, 0
    )


def check_str_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse beforehand a call of a string's method whose result would be beyond the limits;
    returns the arguments to call it with (``join``'s iterable read once into a list)."""
    name = getattr(method, "__name__", "")
    text = getattr(method, "__self__", None)
    if not isinstance(text, str):
        return args
    what = f"phương thức '{name}'"
    if name in _WIDTH_METHODS:
        width = args[0] if args else kwargs.get("width")
        if _is_int(width) and width > MAX_TEXT_CHARS:
            raise _text_error(what)
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if _is_int(size) and len(text) + text.count("\t") * size > MAX_TEXT_CHARS:
            raise _text_error(what)
    elif name == "replace" and len(args) >= 2:
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        if _replaced_length(text, args[0], args[1], count) > MAX_TEXT_CHARS:
            raise _text_error(what)
    elif name == "join" and len(args) == 1:
        items = list(args[0])
        if len(items) > MAX_ITEMS:
            raise _items_error(what)
        if _joined_length(text, items) > MAX_TEXT_CHARS:
            raise _text_error(what)
        return (items,)
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        if len(text) * longest > MAX_TEXT_CHARS:
            raise _text_error(what)
    return args


class SpecChecked(string.Formatter):
    """Mixed into the sandbox's formatters: each field's spec is checked, nested fields already
    filled in, before the field is formatted (``'{:>1000000000}'.format(x)``)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        check_format_spec(format_spec, "phương thức 'format'")
        tick()
        return super().format_field(value, format_spec)


# --- filters ------------------------------------------------------------------------------------


def _center(original: Callable[..., Any]) -> Callable[..., Any]:
    def center(value: Any, width: Any = 80) -> Any:
        if _is_int(width) and width > MAX_TEXT_CHARS:
            raise _text_error("bộ lọc 'center'")
        return original(value, width)

    return center


def _indent(original: Callable[..., Any]) -> Callable[..., Any]:
    def indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> Any:
        what = "bộ lọc 'indent'"
        step = len(width) if isinstance(width, str) else width if _is_int(width) else 0
        if step > MAX_TEXT_CHARS:
            raise _text_error(what)
        text = str(s)
        if len(text) + (text.count("\n") + 1) * step > MAX_TEXT_CHARS:
            raise _text_error(what)
        return original(s, width, first, blank)

    return indent


def _format(original: Callable[..., Any]) -> Callable[..., Any]:
    def format_(value: Any, *args: Any, **kwargs: Any) -> Any:
        check_printf(str(value), kwargs or args, "bộ lọc 'format'")
        return original(value, *args, **kwargs)

    return format_


def _join(original: Callable[..., Any]) -> Callable[..., Any]:
    def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        what = "bộ lọc 'join'"
        items = list(value)
        if len(items) > MAX_ITEMS:
            raise _items_error(what)
        if attribute is None and _joined_length(str(d), items) > MAX_TEXT_CHARS:
            raise _text_error(what)
        return original(eval_ctx, items, d, attribute)

    return join


def _replace(original: Callable[..., Any]) -> Callable[..., Any]:
    def replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> Any:
        if _replaced_length(str(s), old, new, count) > MAX_TEXT_CHARS:
            raise _text_error("bộ lọc 'replace'")
        return original(eval_ctx, s, old, new, count)

    return replace


def _wordwrap(original: Callable[..., Any]) -> Callable[..., Any]:
    def wordwrap(
        environment: Any,
        s: Any,
        width: int = 79,
        break_long_words: bool = True,
        wrapstring: str | None = None,
        break_on_hyphens: bool = True,
    ) -> Any:
        joint = environment.newline_sequence if wrapstring is None else wrapstring
        text = str(s)
        # Jinja's own code, the length counted before the lines are joined.
        lines = [
            textwrap.wrap(
                line,
                width=width,
                expand_tabs=False,
                replace_whitespace=False,
                break_long_words=break_long_words,
                break_on_hyphens=break_on_hyphens,
            )
            for line in text.splitlines()
        ]
        count = sum(len(wrapped) for wrapped in lines)
        size = sum(len(piece) for wrapped in lines for piece in wrapped)
        if size + max(count - 1, 0) * len(str(joint)) > MAX_TEXT_CHARS:
            raise _text_error("bộ lọc 'wordwrap'")
        return original(environment, s, width, break_long_words, wrapstring, break_on_hyphens)

    return wordwrap


def _batch(original: Callable[..., Any]) -> Callable[..., Any]:
    def batch(value: Any, linecount: Any, fill_with: Any = None) -> Any:
        if fill_with is not None and _is_int(linecount) and linecount > MAX_ITEMS:
            raise _items_error("bộ lọc 'batch'")
        return original(value, linecount, fill_with)

    return batch


def _slice(original: Callable[..., Any]) -> Callable[..., Any]:
    def slice_(eval_ctx: Any, value: Any, slices: Any, fill_with: Any = None) -> Any:
        if _is_int(slices) and slices > MAX_ITEMS:
            raise _items_error("bộ lọc 'slice'")
        return original(eval_ctx, value, slices, fill_with)

    return slice_


#: Filters whose result can grow with an argument: checked before they work.
_PRECHECKED: dict[str, Callable[[Callable[..., Any]], Callable[..., Any]]] = {
    "center": _center,
    "indent": _indent,
    "format": _format,
    "join": _join,
    "replace": _replace,
    "wordwrap": _wordwrap,
    "batch": _batch,
    "slice": _slice,
}


def budgeted_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` as the filter ``name`` under the budget: the deadline checked, the result's size
    checked (before the work for the filters of ``_PRECHECKED``). Jinja's way of passing the
    environment or context (``pass_eval_context``…) is kept."""
    inner = _PRECHECKED[name](func) if name in _PRECHECKED else func
    what = f"bộ lọc '{name}'"

    def budgeted(*args: Any, **kwargs: Any) -> Any:
        budget = _ACTIVE.get()
        if budget is not None and time.monotonic() > budget.deadline:
            raise time_error()
        return check_value(inner(*args, **kwargs), what)

    budgeted.__name__ = getattr(func, "__name__", name)
    budgeted.__doc__ = func.__doc__
    budgeted.__dict__.update(getattr(func, "__dict__", {}))  # jinja_pass_arg
    return budgeted


# --- what a template checker can tell without data ----------------------------------------------


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "+": op.add,
    "-": op.sub,
    "*": op.mul,
    "/": op.truediv,
    "//": op.floordiv,
    "**": op.pow,
    "%": op.mod,
}


class _NotConstant(Exception):
    """The expression depends on data (or on something not worth evaluating)."""


def _fold(node: nodes.Node, env: Environment) -> Any:
    """The value of an expression of constants, computed with the budget's checked operations
    (a breach raises ``LimitError``); ``_NotConstant`` when it needs data."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.List | nodes.Tuple):
        items = [_fold(item, env) for item in node.items]
        return items if isinstance(node, nodes.List) else tuple(items)
    if isinstance(node, nodes.BinExpr):
        left, right = _fold(node.left, env), _fold(node.right, env)
        if node.operator in INTERCEPTED_BINOPS:
            return binop(node.operator, left, right, _OPERATORS)
        try:
            return _OPERATORS[node.operator](left, right)
        except Exception as err:
            raise _NotConstant from err
    if isinstance(node, nodes.Concat):
        return check_value("".join(str(_fold(part, env)) for part in node.nodes), "phép '~'")
    if isinstance(node, nodes.Filter) and node.node is not None:
        func = env.filters.get(node.name)
        if func is None or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise _NotConstant
        args = [_fold(node.node, env), *(_fold(arg, env) for arg in node.args)]
        kwargs = {str(kw.key): _fold(kw.value, env) for kw in node.kwargs}
        passed = _PassArg.from_obj(func)
        if passed is _PassArg.context:
            raise _NotConstant
        if passed is _PassArg.eval_context:
            args.insert(0, EvalContext(env))
        elif passed is _PassArg.environment:
            args.insert(0, env)
        try:
            return func(*args, **kwargs)
        except LimitError:
            raise
        except Exception as err:
            raise _NotConstant from err
    if (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Name)
        and node.node.name == "range"
        and not node.kwargs
        and node.dyn_args is None
        and node.dyn_kwargs is None
    ):
        try:
            return range(*(_fold(arg, env) for arg in node.args))
        except TypeError as err:
            raise _NotConstant from err
    raise _NotConstant


def static_breaches(template: nodes.Template, env: Environment) -> list[tuple[int, str]]:
    """(line, message) of each breach a template makes whatever its data: an expression of
    constants beyond a limit (``{{ 9 ** 99999999 }}``, ``{{ 'x'|center(2000000000) }}``) and
    nested loops over constant ranges beyond ``MAX_LOOP_ITERATIONS`` together."""
    found: list[tuple[int, str]] = []
    with guard():
        for node in template.find_all((nodes.BinExpr, nodes.Concat, nodes.Filter)):
            try:
                _fold(node, env)
            except LimitError as err:
                found.append((node.lineno, err.message))
            except _NotConstant:
                pass

        def loops(body: Iterable[nodes.Node], times: int) -> None:
            for node in body:
                if isinstance(node, nodes.For):
                    try:
                        size = len(_fold(node.iter, env))
                    except (_NotConstant, LimitError, TypeError):
                        size = 1
                    if times * size > MAX_LOOP_ITERATIONS:
                        found.append((node.lineno, loop_error().message))
                        continue
                    loops(node.body, times * size)
                    loops(node.else_, times)
                else:
                    loops(node.iter_child_nodes(), times)

        loops(template.body, 1)
    return found
