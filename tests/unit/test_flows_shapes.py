"""Where the map draws a country: its ISO numeric code, a successor's for a former state, or a name."""

from __future__ import annotations

import pytest

from graph.errors import InvalidInput
from graph.query.flows import check_statuses, country_shape


@pytest.mark.parametrize(
    ("key", "shape"),
    [
        ("IRN", {"numeric": "364"}),
        ("RUS", {"numeric": "643"}),
        ("SUN", {"numeric": "643", "placed_as": "RUS"}),
        ("DDR", {"numeric": "276", "placed_as": "DEU"}),
        ("YUG", {"numeric": "688", "placed_as": "SRB"}),
        ("XKX", {"shape_name": "Kosovo"}),
        ("ZZZ", {}),
    ],
)
def test_country_shape(key: str, shape: dict[str, str]) -> None:
    assert country_shape(key) == shape


def test_statuses_are_checked_and_kept_in_order() -> None:
    assert check_statuses(None) is None and check_statuses([]) is None
    assert check_statuses(["Delivered", "agreed", "delivered"]) == ["delivered", "agreed"]
    with pytest.raises(InvalidInput, match="status must be one of"):
        check_statuses(["sold"])


def test_the_docstring_examples_hold() -> None:
    import doctest

    import graph.query.flows

    result = doctest.testmod(graph.query.flows)
    assert result.attempted >= 5 and result.failed == 0
