"""The text guard of read-only Cypher: what Neo4j cannot bound is refused, ordinary reads pass,
and strings and comments neither hide nor fake anything."""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import QueryRefused
from graph.query.cypher_guard import MAX_NESTING, MAX_QUERY_CHARS, check_text, tokenize
from graph.query.readonly import FUNCTION_NAMESPACES, PROCEDURE_ALLOWLIST, json_size


def check(text: str, params: dict[str, Any] | None = None) -> None:
    check_text(text, params, procedures=PROCEDURE_ALLOWLIST, namespaces=FUNCTION_NAMESPACES)


REFUSED = [
    # the probes: string doubling, huge comprehension, endless reduce, parser stack
    ("RETURN size(reduce(s='a', x IN range(1,28) | s+s))", "accumulator"),
    ("RETURN size([x IN range(1,60000000) | x])", "range()"),
    ("RETURN reduce(a=0, x IN range(1,10000000000) | a+x)", "range()"),
    ("RETURN " + "[" * 300 + "]" * 300, "nest deeper"),
    ("RETURN " + "(" * 40 + "1" + ")" * 40, "nest deeper"),
    ("RETURN " + "{a:" * 30 + "1" + "}" * 30, "nest deeper"),
    # relatives: spellings of a large range
    ("UNWIND range(1, 10^6) AS x RETURN x", "range()"),
    ("UNWIND range(1, 1000 * 1000) AS x RETURN x", "range()"),
    ("UNWIND range(1, 1e12) AS x RETURN x", "range()"),
    ("UNWIND range(-0x7fffffffffffffff, 0) AS x RETURN x", "range()"),
    ("UNWIND RANGE (1, 200000) AS x RETURN x", "range()"),
    ("UNWIND range(1, 10, 0) AS x RETURN x", "step"),
    ("MATCH (n) RETURN range(1, n.count)", "bounds must be numbers"),
    ("RETURN range(1, size([1, 2]))", "bounds must be numbers"),
    ("RETURN [x IN range(1, toInteger('99999999999')) | x]", "bounds must be numbers"),
    ("RETURN any(x IN range(1, 200000) WHERE x = 3)", "range()"),
    # nested iterations
    ("RETURN [x IN range(1, 1001) | [y IN range(1, 1000) | x * y]]", "nested iterations"),
    ("RETURN [x IN range(1,100) | [y IN range(1,100) | [z IN range(1,101) | x]]]", "nested iterations"),
    ("RETURN [x IN range(1, 10000) WHERE any(y IN range(1, 10000) WHERE y = x) | x]", "nested iterations"),
    ("MATCH (n) WITH collect(n) AS ns RETURN [a IN ns | [b IN ns | a]]", "only the data knows"),
    ("MATCH (n) WITH collect(n) AS ns RETURN [a IN ns | size([b IN ns WHERE b = a])]", "only the data knows"),
    # reduce: doubling and repetition, long or unbounded walks
    ("RETURN reduce(l = [1], x IN range(1, 30) | l + l)", "accumulator"),
    ("RETURN reduce(s = 'ab', x IN [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20] | s + s + s)", "accumulator"),
    ("RETURN reduce(`s` = 'a', x IN range(1, 30) | `s` + s)", "accumulator"),
    ("RETURN reduce(s = 'a', x IN range(1, 101) | s + 'aaaaaaaaaa')", "at most 100"),
    ("MATCH (n) WITH collect(n.name) AS names RETURN reduce(s = '', x IN names | s + x)", "at most 100"),
    ("UNWIND range(1, 10) AS i RETURN reduce(s = '', x IN $big | s + x)", "at most 100"),
    ("RETURN [i IN range(1, 101) | reduce(s = '', x IN range(1, 100) | s + 'a')]", "nested iterations"),
    ("RETURN reduce(s = '', x IN range(1, 10) | s + $huge)", "parameters take more"),
    ("RETURN [x IN range(1, 100000) | toString(x) + '" + "a" * 1000 + "']", "build about"),
    ("RETURN [i IN range(1, 100) | reduce(s = '', x IN range(1, 100) | s + '" + "a" * 2500 + "')]", "copy about"),
    # query options, EXPLAIN/PROFILE
    ("CYPHER debug=tostring RETURN 1", "debug="),
    ("CYPHER runtime=parallel MATCH (n) RETURN n", "runtime="),
    ("CYPHER 5 planner=dp RETURN 1", "planner="),
    ("/* hi */ cypher expressionEngine=compiled RETURN 1", "expressionengine="),
    ("EXPLAIN MATCH (n) RETURN n", "EXPLAIN"),
    ("PROFILE MATCH (n) RETURN n", "PROFILE"),
    # procedures and functions, however spelled
    ("CALL dbms.components()", "procedure dbms.components"),
    ("CALL `db.createLabel`('x')", "procedure db.createlabel"),
    ("CALL db . createLabel('x')", "procedure db.createlabel"),
    ("CALL apoc.load.json('file:///etc/passwd')", "procedure apoc.load.json"),
    ("RETURN apoc.text.join(['a'], ',')", "function apoc.text.join"),
    ("RETURN `apoc`.`text`.join(['a'], ',')", "function apoc.text.join"),
    # text that does not read as Cypher
    ("MATCH (n) RETURN n /* not closed", "comment"),
    ("RETURN 'not closed", "string"),
    ("RETURN [1, 2", "not closed"),
    ("RETURN 1)", "unbalanced"),
    ("RETURN " + "1 + " * (MAX_QUERY_CHARS // 4) + "1", "longer than"),
]


@pytest.mark.parametrize(("text", "says"), REFUSED)
def test_what_neo4j_cannot_bound_is_refused(text: str, says: str) -> None:
    with pytest.raises(QueryRefused) as caught:
        check(text, {"big": ["a"] * 500, "huge": "h" * 20_000} if "$huge" in text else {"big": ["a"] * 500})
    assert says.lower() in caught.value.detail.lower()


ALLOWED = [
    "MATCH (n:Country) RETURN n.name LIMIT 5",
    "MATCH p = (a:Country {key: 'IRN'})-[:SUPPLIES*1..3]->(b) "
    "RETURN [n IN nodes(p) | n.name] AS names, reduce(t = 0.0, r IN relationships(p) | t + r.tiv) AS tiv",
    "MATCH p = (a)-->(b) RETURN [n IN nodes(p) | [l IN labels(n) | toLower(l)]]",
    "MATCH (n) WITH collect(n) AS ns RETURN [a IN ns WHERE a.name STARTS WITH 'I' | a.name]",
    "RETURN [x IN range(1, 1000) | [y IN range(1, 1000) | x * y]][0][0]",
    "UNWIND range(1, 100000) AS x RETURN sum(x)",
    "UNWIND range(1, $n) AS x RETURN x",
    "UNWIND range(1, 2 * -3) AS x RETURN x",
    "RETURN range(0x10, 0o20), range(1, (2 + 3) * 4, 2)",
    "RETURN reduce(s = '', x IN range(1, 100) | s + 'a')",
    "RETURN [i IN range(1, 100) | reduce(s = '', x IN range(1, 100) | s + 'a')]",
    "RETURN reduce(acc = {n: 0}, x IN [1, 2, 3] | {n: acc.n + x})",
    "RETURN [x IN $list | x * 2]",
    "RETURN 'range(1, 100000000000)' AS s, \"reduce(s='a', x IN range(1,28) | s+s)\" AS t",
    "RETURN 1 // range(1, 100000000000)\n",
    "RETURN 1 /* CYPHER debug=tostring [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ */",
    "MATCH (`range`:Country) RETURN `range`.name",
    "CYPHER 5 MATCH (n) RETURN count(n)",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.index.fulltext.queryNodes('entity_names', 'iran') YIELD node RETURN node.key",
    "CALL { MATCH (n) RETURN n } RETURN count(*)",
    "MATCH (n) CALL (n) { RETURN 1 AS one } RETURN one",
    "RETURN date.truncate('year', date()), duration.between(date('2020-01-01'), date())",
    "RETURN [(a:Country)-[:SUPPLIES]->(b) | [(b)-->(c) | c.name]]",
    "MATCH (a) RETURN a {.name, .key} AS m",
    "RETURN [1, 2, 3][1..2], [x IN [1, 2, 3] WHERE x > 1]",
]


@pytest.mark.parametrize("text", ALLOWED)
def test_ordinary_reads_pass(text: str) -> None:
    check(text, {"n": 100, "list": [1, 2, 3]})


def test_range_bounds_from_parameters_are_checked() -> None:
    check("UNWIND range(1, $n) AS x RETURN x", {"n": 100_000})
    for params in ({"n": 10**12}, {"n": "10"}, {}, {"n": True}):
        with pytest.raises(QueryRefused):
            check("UNWIND range(1, $n) AS x RETURN x", params)
    with pytest.raises(QueryRefused, match="nested"):
        check("RETURN [a IN $l | [b IN $l | a]]", {"l": list(range(1001))})


def test_nesting_is_refused_at_the_first_bracket_past_the_limit() -> None:
    text = "RETURN " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1)
    with pytest.raises(QueryRefused, match=f"at character {len('RETURN ') + MAX_NESTING + 1}"):
        tokenize(text)
    tokenize("RETURN " + "[" * MAX_NESTING + "]" * MAX_NESTING)


def test_tokens_of_strings_comments_and_quoted_names() -> None:
    tokens = tokenize("MATCH (`a b`) // c\nWHERE a.x = 'it''s \\' [' /* ( */ RETURN $`p q`, 1..2, .5e3")
    kinds = [(t.kind, t.text) for t in tokens]
    assert ("quoted", "`a b`") in kinds
    assert ("param", "$`p q`") in kinds
    assert ("punct", "..") in kinds and ("number", ".5e3") in kinds
    assert not any("(" in t.text and t.kind == "punct" for t in tokens[5:])  # the ( in the comment is gone
    assert [t.kind for t in tokens].count("string") == 2


def test_json_size_counts_as_json() -> None:
    row = {"a": "x" * 100, "b": [1, 2, 3], "c": None, "d": "\u00e9"}
    assert json_size(row) == len(('{"a":"' + "x" * 100 + '","b":[1,2,3],"c":null,"d":"\u00e9"}').encode())


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("\u00b2", ["name"]),
        ("RETURN 1\u00b2", ["name", "number", "name"]),
        ("RETURN .\u00b2", ["name", "punct", "name"]),
    ],
)
def test_digits_that_are_not_decimal_are_names_not_numbers(text: str, kinds: list[str]) -> None:
    """Superscripts are digits to str.isdigit() but not to the number pattern: read as names (the
    plan check then refuses them), never an internal error (a 500)."""
    assert [t.kind for t in tokenize(text)] == kinds
