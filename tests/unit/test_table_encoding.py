"""The text encoding of a table is given, UTF-8, or the format's own, never guessed;
anything else is refused with the line of the first byte that is not UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import InputError
from loaders.registers.sipri import read_register
from loaders.textio import table_encoding

HEADER = "supplier,recipient,weapon,year,quantity,status,source,evidence,date,delivered_year\n"
ROWS = [
    "France,Russia,Mistral,2014,2,agreed,report-1,,,\n",
    "Iran,Russia,Shahed-136,2022,10,delivered,report-2,,,\n",
    "Société Générale,Côte d'Ivoire,Gepard,2021,3,reported,report-3,,,\n",
    "Iran,Russia,Mohajer-6,2022,4,reported,report-4,,,\n",
]


def table(tmp_path: Path, encoding: str, rows: list[str] = ROWS) -> Path:
    path = tmp_path / "table.csv"
    path.write_bytes(("# title: a table\n" + HEADER + "".join(rows)).encode(encoding))
    return path


def names(path: Path, encoding: str | None = None) -> list[str]:
    with read_register(path, encoding=encoding) as register:
        return [d.supplier.name for d in register.deals] + [q.reason for q in register.quarantine]


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig")])
def test_utf8_with_or_without_bom(tmp_path: Path, encoding: str, expected: str) -> None:
    path = table(tmp_path, encoding)
    assert table_encoding(path) == expected
    assert "Société Générale" in names(path)


def test_latin1_table_is_refused_naming_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = table(tmp_path, "iso-8859-1")
    with pytest.raises(InputError) as refused:
        names(path)
    assert refused.value.line == 5, "the comment, the header, two rows, then the row with 'Société'"
    assert "byte 0xe9" in refused.value.detail and "--encoding" in refused.value.detail
    assert "does not guess" in refused.value.detail
    assert refused.value.detail.startswith(f"{path}:5: not UTF-8")


def test_the_given_encoding_reads_the_names_as_written(tmp_path: Path) -> None:
    path = table(tmp_path, "iso-8859-1")
    assert "Société Générale" in names(path, "iso-8859-1")
    cp = table(tmp_path, "cp1252", [*ROWS, "“Rosoboronexport”,Syria,Pantsir,2019,1,reported,r,,,\n"])
    assert "“Rosoboronexport”" in names(cp, "cp1252")


def test_a_given_encoding_that_does_not_fit_is_refused_with_the_line(tmp_path: Path) -> None:
    path = table(tmp_path, "iso-8859-1")
    with pytest.raises(InputError, match="byte 0xe9 is not valid utf-8") as refused:
        names(path, "utf-8")
    assert refused.value.line == 5
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        names(path, "klingon")


def test_a_detector_would_have_guessed_wrong(tmp_path: Path) -> None:
    """Why nothing is detected: KOI8-R Russian, which charset-normalizer reads as Shift JIS."""
    path = table(tmp_path, "koi8-r", [*ROWS[:2], "Рособоронэкспорт,Индия,Су-30,2020,1,reported,r,,,\n"])
    with pytest.raises(InputError) as refused:
        names(path)
    assert refused.value.line == 5
    assert "Рособоронэкспорт" in names(path, "koi8-r")


def test_a_mixed_file_is_refused_rather_than_half_garbled(tmp_path: Path) -> None:
    """UTF-8 rows and a Latin-1 row: no single reading gives both 'Société's the same name."""
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        ("# title: mixed\n" + HEADER + ROWS[2]).encode("utf-8") + ROWS[2].replace("Générale", "X").encode("latin-1")
    )
    with pytest.raises(InputError) as refused:
        names(path)
    assert refused.value.line == 4


LEGACY = (
    "Transfers of major conventional arms from All countries  to All countries .\n"
    "Source: SIPRI Arms Transfers Database (c) SIPRI.\n"
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
    "SIPRI TIV of delivered weapons\n"
    "Côte d'Ivoire,France,2020,,2,,Gazelle,light helicopter,2,,2021,New,Désignation,1,2,2\n"
)


def test_legacy_sipri_export_is_read_in_its_documented_latin1_unless_it_holds_cp1252_bytes(tmp_path: Path) -> None:
    from loaders.registers.sipri import LEGACY as LEGACY_FORMAT
    from loaders.registers.sipri import detect

    path = tmp_path / "legacy.csv"
    path.write_bytes(LEGACY.encode("latin-1"))
    assert detect(path) == LEGACY_FORMAT
    assert table_encoding(path, stated="iso-8859-1") == "iso-8859-1"
    with read_register(path) as register:
        assert [d.recipient.key for d in register.deals] == ["CIV"] and register.encoding == "iso-8859-1"
    path.write_bytes(path.read_bytes().replace(b"Gazelle", "“Gazelle”".encode("cp1252")))
    with pytest.raises(InputError, match="not UTF-8") as refused:
        read_register(path)
    assert refused.value.line == 4
    with read_register(path, encoding="cp1252") as register:
        assert [d.properties()["weapon"] for d in register.deals] == ["“Gazelle”"]
