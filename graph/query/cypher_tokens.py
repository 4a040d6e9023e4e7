"""Cypher text as tokens: strings, quoted names, parameters, numbers, names and punctuation, with
comments dropped, so that nothing in a string or a comment is read as Cypher (:mod:`.cypher_guard`).

The reader refuses overlong text and brackets nested past a limit while it reads, before any
later step (or Neo4j's parser, whose stack a few hundred brackets overflow) sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QueryRefused

MAX_QUERY_CHARS = 10_000
MAX_NESTING = 24

OPEN = {"(": ")", "[": "]", "{": "}"}
CLOSE = {v: k for k, v in OPEN.items()}
_PUNCT = re.compile(r"\.\.|<=|>=|<>|!=|=~|\+=|->|<-|::|\|\||.", re.S)
_SPACE = re.compile(r"\s+")
_NAME = re.compile(r"[^\W\d]\w*", re.UNICODE)
_NUMBER = re.compile(r"0x[0-9a-fA-F_]+|0o[0-7_]+|(?:\d[\d_]*)?(?:\.\d[\d_]*)?(?:[eE][-+]?\d+)?")
_PARAM = re.compile(r"\$(?:`(?:[^`]|``)*`|\w+)", re.UNICODE)


@dataclass(frozen=True)
class Token:
    kind: str  # name, quoted (`...`), string, number, param, punct
    text: str
    pos: int

    @property
    def word(self) -> str:
        """The name as Cypher reads it (case-folded for keywords; quoted names unquoted)."""
        if self.kind == "quoted":
            return self.text[1:-1].replace("``", "`")
        return self.text.lower() if self.kind == "name" else self.text


def tokenize(text: str) -> list[Token]:
    """Cypher tokens, comments dropped; refuses overlong text and nesting over :data:`MAX_NESTING`
    while it reads, so that no later step ever sees either."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(f"the query is longer than {MAX_QUERY_CHARS} characters")
    tokens: list[Token] = []
    stack: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise QueryRefused("a /* comment is not closed")
            i = end + 2
        elif c in "'\"":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise QueryRefused(f"a string opened at character {i + 1} is not closed")
            tokens.append(Token("string", text[i : j + 1], i))
            i = j + 1
        elif c == "`":
            m = re.compile(r"`(?:[^`]|``)*`").match(text, i)
            if m is None:
                raise QueryRefused(f"a `quoted name` opened at character {i + 1} is not closed")
            tokens.append(Token("quoted", m.group(), i))
            i = m.end()
        elif c == "$":
            m = _PARAM.match(text, i)
            if m is None:
                raise QueryRefused(f"a $ at character {i + 1} names no parameter")
            tokens.append(Token("param", m.group(), i))
            i = m.end()
        elif c.isdecimal() or (c == "." and i + 1 < n and text[i + 1].isdecimal()):  # what \d matches
            m = _NUMBER.match(text, i)
            if m is None or m.end() <= i:
                raise QueryRefused(f"a number at character {i + 1} cannot be read")
            tokens.append(Token("number", m.group(), i))
            i = m.end()
        elif (m := _NAME.match(text, i)) is not None:
            tokens.append(Token("name", m.group(), i))
            i = m.end()
        else:
            op = _PUNCT.match(text, i).group()  # type: ignore[union-attr]
            if op in OPEN:
                stack.append(op)
                if len(stack) > MAX_NESTING:
                    raise QueryRefused(f"brackets nest deeper than {MAX_NESTING} levels (at character {i + 1})")
            elif op in CLOSE and (not stack or stack.pop() != CLOSE[op]):
                raise QueryRefused(f"unbalanced {op!r} at character {i + 1}")
            tokens.append(Token("punct", op, i))
            i += len(op)
    if stack:
        raise QueryRefused(f"{len(stack)} bracket(s) not closed")
    return tokens
