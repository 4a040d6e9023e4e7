"""Report files: formats, dates, and bad input refused with a clear message."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from loaders.errors import InputError
from loaders.news import extract_file
from loaders.news.dates import date_near
from loaders.news.segment import sentences

PUB = dt.date(2022, 10, 19)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was signed on October 6.", dt.date(2022, 10, 6)),
        ("It was signed on 6 October 2021.", dt.date(2021, 10, 6)),
        ("It was signed on Tuesday.", dt.date(2022, 10, 18)),
        ("It was signed on Wednesday.", dt.date(2022, 10, 19)),
        ("It was signed today.", dt.date(2022, 10, 19)),
        ("It was signed yesterday.", dt.date(2022, 10, 18)),
        ("It was signed on Dec. 30.", dt.date(2021, 12, 30)),
        ("It was signed in October.", None),
        ("It was signed last week.", None),
        ("It was signed earlier this month.", None),
        ("Officials said on Monday that it was signed.", None),
    ],
)
def test_dates_against_publication(text: str, expected: dt.date | None) -> None:
    assert date_near(text, PUB) == expected


def test_sentences_keep_abbreviations() -> None:
    got = [s.text for s in sentences("The U.S. sent aid. Gen. Mark Milley spoke.Then it ended.")]
    assert got == ["The U.S. sent aid.", "Gen. Mark Milley spoke.", "Then it ended."]


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_corpus_txt_with_date_line(tmp_path: Path) -> None:
    path = write(tmp_path, "r1.txt", " date 2022-10-19 Canada sent drones to Poland on Tuesday.")
    (doc,) = extract_file(path)
    assert (doc.id, doc.published, doc.facts[0].date) == ("r1", PUB, dt.date(2022, 10, 18))


def test_plain_text_needs_a_date(tmp_path: Path) -> None:
    path = write(tmp_path, "r2.txt", "Canada sent drones to Poland.")
    with pytest.raises(InputError, match="--date YYYY-MM-DD"):
        extract_file(path)
    (doc,) = extract_file(path, date="2022-10-19")
    assert doc.published == PUB and doc.title == "Canada sent drones to Poland."


def test_bad_date_option(tmp_path: Path) -> None:
    path = write(tmp_path, "r3.txt", "Canada sent drones to Poland.")
    with pytest.raises(InputError, match="bad date"):
        extract_file(path, date="19/10/2022")


def test_html_main_text_and_title(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Drones for Poland</title><script>var x = 'Iran sent drones to Chile';</script>"
        "</head><body><nav>Home | Canada sent tanks to Peru</nav><article><p>Canada sent drones to Poland."
        "</p></article></body></html>"
    )
    (doc,) = extract_file(write(tmp_path, "r4.html", html), date="2022-10-19")
    assert doc.title == "Drones for Poland"
    assert [(f.subject, f.object) for f in doc.facts if f.predicate == "SUPPLIES"] == [("Canada", "Poland")]


def test_broken_html_is_read_or_refused_cleanly(tmp_path: Path) -> None:
    (doc,) = extract_file(
        write(tmp_path, "r5.html", "<html><body><p>Canada sent drones to Poland<div"), date="2022-10-19"
    )
    assert doc.published == PUB
    with pytest.raises(InputError, match="no text"):
        extract_file(write(tmp_path, "r6.html", "<html><body><script>x</script></body></html>"), date="2022-10-19")


def test_jsonl_reports(tmp_path: Path) -> None:
    lines = [
        {
            "date": "2022-10-19",
            "title": "Drones for Poland",
            "url": "https://example.org/a",
            "text": "Canada sent drones to Poland.",
        },
        {"date": "2022-10-20", "text": "Norway sent tanks to Latvia."},
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(x) for x in lines))
    docs = extract_file(path)
    assert [d.id for d in docs] == ["drones-for-poland", "feed-2"]
    assert docs[0].source_url == "https://example.org/a"


def test_jsonl_bad_line_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.jsonl", '{"date": "2022-10-19", "text": "x"}\n{not json\n')
    with pytest.raises(InputError) as e:
        extract_file(path)
    assert e.value.line == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b" date 2022-10-19 caf\xe9 \xff\xfe\x00", "binary")],
)
def test_bad_files(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        extract_file(write(tmp_path, "bad.txt", data))


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "l1.txt",
        " date 2022-10-19 Canada sent drones to Poland, said the café owner.".encode("latin-1"),
    )
    (doc,) = extract_file(path)
    assert doc.facts


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="MB"):
        extract_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        extract_file(tmp_path / "nope.txt")
