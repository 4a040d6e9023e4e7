"""What Neo4j cannot bound, refused from the query text before the query reaches the server.

Neo4j stops a running query at its time limit and counts some of its memory (``collect``, sorts,
transaction state) against a cap, but it neither counts nor interrupts the evaluation of one
expression: a list comprehension over ``range(1, 60000000)`` or a string doubled by ``reduce``
fills the heap, and a ``reduce`` over ten billion numbers runs for minutes after its transaction
was terminated. Brackets nested a few hundred deep overflow the parser's stack, whose error never
comes back. So the text is read token by token (strings, comments and quoted names cannot hide
or fake anything) and refused when:

- it is longer than :data:`MAX_QUERY_CHARS` or nests ``(``, ``[`` or ``{`` deeper than
  :data:`MAX_NESTING` (checked while reading, before anything else);
- it starts with query options (``CYPHER runtime=...``, ``debug=...``) other than a language
  version, or with ``EXPLAIN``/``PROFILE``;
- a ``range()`` bound is not a number, a ``$parameter`` or arithmetic over those, or a range
  holds more than :data:`MAX_RANGE` numbers;
- iterations nest (a comprehension, ``reduce``, ``any``/``all``/``none``/``single`` or a pattern
  comprehension inside another) over more than :data:`MAX_ITERATIONS` elements in all, or over
  two lists whose size only the data knows;
- a ``reduce`` steps more than :data:`MAX_REDUCE_STEPS` times or over a list the text does not
  bound (only a path's ``nodes()`` and ``relationships()`` count as bounded), or uses its
  accumulator more than once in a step (``s + s`` doubles it). An accumulator that grows is
  copied at every step, so ``n`` steps count as ``n * n`` among nested iterations;
- nested iterations would build more than :data:`MAX_BUILT_BYTES` (elements times the strings
  and parameters each one adds), or copy more than :data:`MAX_COPIED_BYTES` in growing
  accumulators;
- its parameters take more than :data:`MAX_PARAM_BYTES` (a step may add a parameter to an
  accumulator: the larger the parameter, the larger each copy);
- it calls a procedure outside the allowlist or a function outside the built-in namespaces.

The plan check of :mod:`graph.query.readonly` still runs after this one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import QueryRefused
from .cypher_params import number_value, param_bytes, param_name
from .cypher_tokens import CLOSE, MAX_NESTING, MAX_QUERY_CHARS, OPEN, Token, tokenize

__all__ = ["MAX_NESTING", "MAX_QUERY_CHARS", "check_text", "tokenize"]

MAX_RANGE = 100_000
MAX_ITERATIONS = 1_000_000
MAX_REDUCE_STEPS = 100
MAX_PARAM_BYTES = 16 * 1024
MAX_BUILT_BYTES = 64 * 1024 * 1024
MAX_COPIED_BYTES = 2 * 1024 * 1024 * 1024
#: Query options that may precede a query: none, besides a Cypher language version (``CYPHER 5``).
ALLOWED_OPTIONS: frozenset[str] = frozenset()

_QUANTIFIERS = frozenset({"any", "all", "none", "single"})
_PATH_LISTS = frozenset({"nodes", "relationships", "labels", "keys"})


@dataclass
class _Iteration:
    """One comprehension, quantifier, ``reduce`` or pattern comprehension: where its body is, and
    how many elements it walks (``None``: only the data knows; ``"path"``: a path's own lists)."""

    kind: str
    body: tuple[int, int]  # token range of what runs once per element
    size: int | str | None
    source: str


class _Reader:
    def __init__(self, tokens: Sequence[Token], params: Mapping[str, Any]):
        self.t = tokens
        self.params = params
        self.close: dict[int, int] = {}
        stack: list[int] = []
        for k, tok in enumerate(tokens):
            if tok.kind == "punct" and tok.text in OPEN:
                stack.append(k)
            elif tok.kind == "punct" and tok.text in CLOSE:
                self.close[stack.pop()] = k

    def is_(self, k: int, text: str) -> bool:
        return 0 <= k < len(self.t) and self.t[k].kind == "punct" and self.t[k].text == text

    def word(self, k: int) -> str:
        return self.t[k].word if 0 <= k < len(self.t) and self.t[k].kind in ("name", "quoted") else ""

    def keyword(self, k: int) -> str:
        return self.t[k].word if 0 <= k < len(self.t) and self.t[k].kind == "name" else ""

    def split(self, start: int, end: int, sep: Iterable[str]) -> list[tuple[int, int]]:
        """Top-level pieces of ``[start, end)`` between the separators (punctuation or keywords)."""
        seps = set(sep)
        pieces, k, begin = [], start, start
        while k < end:
            tok = self.t[k]
            if tok.kind == "punct" and tok.text in OPEN:
                k = self.close[k] + 1
                continue
            if (tok.kind == "punct" and tok.text in seps) or (tok.kind == "name" and tok.word in seps):
                pieces.append((begin, k))
                begin = k + 1
            k += 1
        pieces.append((begin, end))
        return pieces

    def text(self, start: int, end: int) -> str:
        return " ".join(tok.text for tok in self.t[start:end])[:80]

    # --- static values: numbers, $parameters and arithmetic over them -----------------------

    def value(self, start: int, end: int) -> float | None:
        """The number ``[start, end)`` always evaluates to, or ``None`` when it depends on data."""
        terms = self.split_ops(start, end, ("+", "-"))
        if terms is None:
            return None
        total = 0.0
        for op, (a, b) in terms:
            v = self.product(a, b)
            if v is None:
                return None
            total = total - v if op == "-" else total + v
        return total

    def split_ops(self, start: int, end: int, ops: tuple[str, ...]) -> list[tuple[str, tuple[int, int]]] | None:
        out: list[tuple[str, tuple[int, int]]] = []
        op, k, begin = "+", start, start
        while k < end:
            tok = self.t[k]
            if tok.kind == "punct" and tok.text in OPEN:
                k = self.close[k] + 1
                continue
            if tok.kind == "punct" and tok.text in ops and k > begin and self.operand(k - 1):
                out.append((op, (begin, k)))
                op, begin = tok.text, k + 1
            k += 1
        out.append((op, (begin, end)))
        return out if all(a < b for _, (a, b) in out) else None

    def operand(self, k: int) -> bool:
        """Whether token ``k`` ends an operand (so a ``-`` after it subtracts rather than negates)."""
        tok = self.t[k]
        return tok.kind != "punct" or tok.text in CLOSE

    def product(self, start: int, end: int) -> float | None:
        factors = self.split_ops(start, end, ("*", "/", "%", "^"))
        if factors is None:
            return None
        acc: float | None = None
        for op, (a, b) in factors:
            v = self.atom(a, b)
            if v is None:
                return None
            if acc is None:
                acc = v
            elif op == "*":
                acc *= v
            elif op == "/" or op == "%":
                if v == 0:
                    return None
                acc = acc / v if op == "/" else math.fmod(acc, v)
            else:
                try:
                    acc = math.pow(acc, v)
                except (OverflowError, ValueError):
                    acc = math.inf
        return acc

    def atom(self, start: int, end: int) -> float | None:
        if end - start >= 2 and self.is_(start, "-"):
            v = self.atom(start + 1, end)
            return None if v is None else -v
        if end - start >= 2 and self.is_(start, "+"):
            return self.atom(start + 1, end)
        if self.is_(start, "(") and self.close[start] == end - 1:
            return self.value(start + 1, end - 1)
        if end - start != 1:
            return None
        tok = self.t[start]
        if tok.kind == "number":
            return number_value(tok.text)
        if tok.kind == "param":
            v = self.params.get(param_name(tok.text))
            return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
        return None

    def weight(self, start: int, end: int) -> int:
        """Bytes of the string literals and parameters in ``[start, end)``: what one element may add."""
        total = 0
        for tok in self.t[start:end]:
            if tok.kind == "string":
                total += len(tok.text) - 2
            elif tok.kind == "param":
                total += param_bytes(self.params.get(param_name(tok.text)), MAX_PARAM_BYTES)
        return total

    # --- iterations ---------------------------------------------------------------------------

    def size(self, start: int, end: int) -> int | str | None:
        """How many elements the list ``[start, end)`` holds, if the text says."""
        if start >= end:
            return None
        first = self.t[start]
        if self.is_(start, "[") and self.close[start] == end - 1:
            if self.comprehension(start) is None:
                return 0 if end - start == 2 else len(self.split(start + 1, end - 1, (",",)))
            return None
        if first.kind == "param" and end - start == 1:
            v = self.params.get(param_name(first.text))
            return len(v) if isinstance(v, (list, str)) else None
        if first.kind == "name" and self.is_(start + 1, "(") and self.close[start + 1] == end - 1:
            if first.word == "range":
                return self.range_size(start)
            if first.word in _PATH_LISTS:
                return "path"
        return None

    def range_size(self, k: int) -> int:
        """The number of values ``range(...)`` at token ``k`` yields; refused when not bounded."""
        open_ = k + 1
        args = self.split(open_ + 1, self.close[open_], (",",))
        where = self.text(k, self.close[open_] + 1)
        if len(args) not in (2, 3):
            raise QueryRefused(f"range() takes two or three numbers: {where}")
        values = [self.value(a, b) for a, b in args]
        if any(v is None for v in values):
            raise QueryRefused(
                f"range() bounds must be numbers or $parameters, so that the server can bound the list: {where}"
            )
        lo, hi, step = [*values, 1.0][:3]
        assert lo is not None and hi is not None and step is not None
        if step == 0 or not all(math.isfinite(v) for v in (lo, hi, step)):
            raise QueryRefused(f"range() needs finite bounds and a step other than 0: {where}")
        count = max(0, math.floor((hi - lo) / step) + 1)
        if count > MAX_RANGE:
            raise QueryRefused(f"range() would hold {count:,} numbers; at most {MAX_RANGE:,} are allowed: {where}")
        return int(count)

    def comprehension(self, k: int) -> _Iteration | None:
        """A list or pattern comprehension opened by the ``[`` at token ``k``."""
        end = self.close[k]
        if self.word(k + 1) and self.keyword(k + 2) == "in":
            parts = self.split(k + 3, end, ("where", "|"))
            src = parts[0]
            return _Iteration("list comprehension", (src[1], end), self.size(*src), self.text(*src))
        if self.is_(k + 1, "(") or (self.word(k + 1) and self.is_(k + 2, "=") and self.is_(k + 3, "(")):
            bar = [a for a, _ in self.split(k + 1, end, ("|",))][1:]
            if bar or any(self.keyword(j) == "where" for j in range(k + 1, end)):
                return _Iteration("pattern comprehension", (k + 1, end), "path", "the graph")
        return None

    def iteration(self, k: int) -> _Iteration | None:
        tok = self.t[k]
        if self.is_(k, "["):
            return self.comprehension(k)
        if tok.kind != "name" or not self.is_(k + 1, "(") or self.is_(k - 1, "."):
            return None
        open_, end = k + 1, self.close[k + 1]
        if tok.word in _QUANTIFIERS and self.word(open_ + 1) and self.keyword(open_ + 2) == "in":
            src = self.split(open_ + 3, end, ("where",))[0]
            return _Iteration(tok.word + "()", (src[1], end), self.size(*src), self.text(*src))
        if tok.word == "reduce":
            pieces = self.split(open_ + 1, end, (",",))
            if len(pieces) != 2 or not self.is_(pieces[0][0] + 1, "="):
                raise QueryRefused(f"reduce() reads reduce(acc = start, x IN list | step): {self.text(k, end + 1)}")
            acc = self.word(pieces[0][0])
            a, b = pieces[1]
            if not (self.word(a) and self.keyword(a + 1) == "in"):
                raise QueryRefused(f"reduce() reads reduce(acc = start, x IN list | step): {self.text(k, end + 1)}")
            halves = self.split(a + 2, b, ("|",))
            if len(halves) != 2:
                raise QueryRefused(f"reduce() needs one | before its step: {self.text(k, end + 1)}")
            src, step = halves
            uses = sum(
                1
                for j in range(*step)
                if self.t[j].kind in ("name", "quoted") and self.t[j].word == acc and not self.is_(j - 1, ".")
            )
            if uses > 1:
                raise QueryRefused(
                    f"reduce() uses its accumulator {acc} {uses} times in a step, which can double it "
                    f"each time: {self.text(k, end + 1)}"
                )
            size = self.size(*src)
            if size is None or (isinstance(size, int) and size > MAX_REDUCE_STEPS):
                raise QueryRefused(
                    f"reduce() may step over a path's nodes() or relationships(), or a list of at most "
                    f"{MAX_REDUCE_STEPS:,} elements written in the query; use sum() or UNWIND for others: "
                    f"{self.text(k, end + 1)}"
                )
            return _Iteration("reduce()", step, size, self.text(*src))
        return None


def _check_options(r: _Reader) -> None:
    """``CYPHER`` options before the query: a language version only; no ``EXPLAIN``/``PROFILE``."""
    k = 0
    while r.keyword(k) == "cypher":
        k += 1
        if r.t[k : k + 1] and r.t[k].kind == "number":  # CYPHER 5
            k += 1
        while r.word(k) and r.is_(k + 1, "="):
            option = r.word(k)
            if option not in ALLOWED_OPTIONS:
                raise QueryRefused(f"query option {option}= is not allowed")
            k += 3
    if r.keyword(k) in ("explain", "profile"):
        raise QueryRefused(f"{r.keyword(k).upper()} is not available here: send the query itself")


def _check_calls(r: _Reader, procedures: frozenset[str], namespaces: tuple[str, ...]) -> None:
    """Procedures named after ``CALL`` and dotted function names, as in the plan check."""
    for k, tok in enumerate(r.t):
        if tok.kind != "name" and tok.kind != "quoted":
            continue
        if r.keyword(k) == "call" and not r.is_(k + 1, "{") and not r.is_(k + 1, "("):
            j, parts = k + 1, []
            while r.word(j):
                parts.append(r.word(j))
                if not r.is_(j + 1, "."):
                    break
                j += 2
            name = ".".join(parts).lower()
            if name and name not in procedures:
                raise QueryRefused(f"procedure {name} is not allowed; allowed: " + ", ".join(sorted(procedures)))
        elif r.is_(k + 1, ".") and not r.is_(k - 1, ".") and r.keyword(k - 1) != "call":
            j, parts = k, []
            while r.word(j) and r.is_(j + 1, "."):
                parts.append(r.word(j))
                j += 2
            if r.word(j) and r.is_(j + 1, "("):
                name = ".".join([*parts, r.word(j)]).lower()
                if not name.startswith(namespaces) and name not in procedures:
                    raise QueryRefused(f"function {name} is not allowed in read-only queries")


def check_text(
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    procedures: frozenset[str] = frozenset(),
    namespaces: tuple[str, ...] = (),
) -> None:
    """Refuse ``text`` when Neo4j could not bound what it costs (see the module's notes). Pure."""
    tokens = tokenize(text)
    if params and param_bytes(params, MAX_PARAM_BYTES) > MAX_PARAM_BYTES:
        raise QueryRefused(f"the parameters take more than {MAX_PARAM_BYTES:,} bytes")
    if not tokens:
        raise QueryRefused("the query is empty")
    r = _Reader(tokens, params or {})
    _check_options(r)
    _check_calls(r, procedures, tuple(ns.lower() + "." for ns in namespaces))
    found: list[_Iteration] = []
    for k, tok in enumerate(tokens):
        if tok.kind == "name" and tok.word == "range" and r.is_(k + 1, "(") and not r.is_(k - 1, "."):
            r.range_size(k)
        it = r.iteration(k)
        if it is not None:
            found.append(it)
    open_: list[_Iteration] = []  # bodies nest like the brackets they sit in: a stack finds the chain
    for it in sorted(found, key=lambda o: (o.body[0], -o.body[1])):
        while open_ and not (open_[-1].body[0] <= it.body[0] and it.body[1] <= open_[-1].body[1]):
            open_.pop()
        open_.append(it)
        chain = list(open_)
        unknown = [o.source for o in chain if o.size is None]
        if len(unknown) > 1:
            raise QueryRefused(
                "iterations nest over lists whose size only the data knows ("
                + ", ".join(unknown)
                + "): Neo4j cannot bound what that costs"
            )
        sizes = [(o.kind, o.size) for o in chain if isinstance(o.size, int)]
        total = math.prod(n * n if kind == "reduce()" else n for kind, n in sizes)
        if total > MAX_ITERATIONS:
            raise QueryRefused(f"nested iterations would take {total:,} steps; at most {MAX_ITERATIONS:,} are allowed")
        each = 8 + r.weight(*it.body)
        built = math.prod(n for _, n in sizes) * each
        if built > MAX_BUILT_BYTES:
            raise QueryRefused(
                f"the iterations would build about {built:,} bytes ({each:,} per element); "
                f"at most {MAX_BUILT_BYTES:,} are allowed"
            )
        if it.kind == "reduce()" and total * each > MAX_COPIED_BYTES:
            raise QueryRefused(
                f"reduce() would copy about {total * each:,} bytes as its accumulator grows; "
                f"at most {MAX_COPIED_BYTES:,} are allowed"
            )
