"""The parameter objects the routes and the commands share: parsed and checked in one place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph.analytics.projection import Slice
from graph.errors import ArmsgraphError, Forbidden, InvalidInput, NotFound, QueryRefused, ServerError, Unavailable
from graph.export import Selection
from graph.query.params import ChainQuery, PathQuery, check_years, split_types

ROOT = Path(__file__).resolve().parents[2]


def test_slice_from_params_reads_comma_separated_types_in_any_case() -> None:
    s = Slice.from_params(" supplies,Manufactures ", 2019, 2023, "order", "tiv")
    assert s == Slice(types=("MANUFACTURES", "SUPPLIES"), since=2019, until=2023, basis="order", weight="tiv")
    assert s.exclude_statuses == ("denied",)
    assert Slice.from_params("SUPPLIES", include_denied=True).exclude_statuses == ()
    assert Slice.from_params("SUPPLIES").weight == "count"  # unweighted measures still count deals


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"types": "SELLS"}, "types must be among"),
        ({"types": " , "}, "types must be among"),
        ({"types": "SUPPLIES", "since": 2020, "until": 2019}, "since (2020) is after until (2019)"),
        (
            {"types": "SUPPLIES", "since": 2020, "until": 2019, "window": "before"},
            "before_since (2020) is after before_until (2019)",
        ),
    ],
)
def test_slice_from_params_refuses_with_the_parameter_named(kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        Slice.from_params(**kwargs)


def test_year_window_and_type_list_checks() -> None:
    check_years(None, 2000)
    check_years(2000, 2000)
    with pytest.raises(InvalidInput, match="since"):
        check_years(2001, 2000)
    assert split_types("A,,B") == ["A", "B"] and split_types("") is None and split_types(None) is None


def test_chain_query_is_its_own_cache_key() -> None:
    a = ChainQuery("Russia", view="tiers", edges_per_link=3)
    b = ChainQuery("Russia", view="tiers", edges_per_link=7)
    assert a == b and hash(a) == hash(b)  # tiers list no edges: one answer
    assert ChainQuery("Russia", edges_per_link=3) != ChainQuery("Russia", edges_per_link=7)
    assert ChainQuery("Russia", since=2020) != ChainQuery("Russia", until=2020)
    options = ChainQuery("Russia", max_hops=2).options()
    assert "root" not in options and options["max_hops"] == 2 and options["edges_per_link"] == 3


def test_path_query_options_are_the_keyword_arguments_of_paths() -> None:
    q = PathQuery("Iran", "Ukraine", types=("SUPPLIES",), mode="all")
    assert q.options() == {
        "max_hops": 4,
        "types": ["SUPPLIES"],
        "since": None,
        "until": None,
        "mode": "all",
        "as_of": None,
        "limit": 10,
        "offset": 0,
    }
    assert hash(q) == hash(PathQuery("Iran", "Ukraine", types=("SUPPLIES",), mode="all"))


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"around": "Iran", "keys": ("IRN",)}, {"everything": True, "chains": "Russia"}, {"path": ("Iran",)}],
)
def test_selection_takes_exactly_one_choice(kwargs: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(InvalidInput):
        Selection(**kwargs)


def test_selection_names_its_choice() -> None:
    assert Selection(path=("Iran", "Ukraine")).choice == "path"
    assert Selection(everything=True).choice == "everything"
    assert Selection(keys=("IRN", "RUS"), since=2020).choice == "keys"


@pytest.mark.parametrize(
    "error,code",
    [
        (ArmsgraphError("x"), 2),
        (InvalidInput("x"), 2),
        (QueryRefused("x"), 2),
        (NotFound("x"), 2),
        (Forbidden("x"), 2),
        (Unavailable("x"), 3),
        (ServerError("x"), 3),
    ],
)
def test_the_exit_code_belongs_to_the_error_class(error: ArmsgraphError, code: int) -> None:
    assert error.exit_code == code


def test_python_m_api_cli_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "extract" in done.stdout and "centrality" in done.stdout and "neo4j" in done.stdout
