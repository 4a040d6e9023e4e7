"""Source addresses: http(s) only, checked where they enter."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.claims import check_source_url, validate_document
from loaders.errors import InputError
from loaders.news.inputs import read_reports


@pytest.mark.parametrize("url", ["https://example.org/a?b=1#c", "http://example.org", "HTTPS://EXAMPLE.ORG/x"])
def test_http_urls_pass(url: str) -> None:
    assert check_source_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "/relative",
        "example.org",
        "https://",
        "http:///path",
        "https://exa mple.org",
        "https://example.org/\nx",
        "file:///etc/passwd",
    ],
)
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="http"):
        check_source_url(url)


def test_claims_document_names_the_field() -> None:
    with pytest.raises(InputError) as e:
        validate_document({"id": "x", "published": "2024-01-01", "source_url": "javascript:alert(1)"}, "x.json")
    assert "source_url" in str(e.value)
    assert validate_document({"id": "x", "source_url": ""}, "x.json").source_url is None


def test_jsonl_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"date": "2024-01-01", "text": "ok", "url": "https://e.org"}\n'
        '{"date": "2024-01-01", "text": "bad", "url": "javascript:alert(1)"}\n'
    )
    with pytest.raises(InputError) as e:
        read_reports(path)
    assert e.value.line == 2 and e.value.field == "url"
