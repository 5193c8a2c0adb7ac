"""``kiosk import``: a spreadsheet's CSV of quotes or facts to YAML the loader accepts, with
the row number in every error."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from kiosk import paths
from kiosk.commands import import_csv, new
from kiosk.content.loader import load_gallery


def _import(
    csv_file: Path, kind: str | None = None, out: Path | None = None
) -> tuple[int, str, str]:
    o, e = io.StringIO(), io.StringIO()
    code = import_csv.run(str(csv_file), kind, str(out) if out else None, o, e)
    return code, o.getvalue(), e.getvalue()


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    folder = tmp_path / "event"
    assert new.run(str(folder), "en,fr", io.StringIO(), io.StringIO()) == 0
    return folder


# as a French Excel saves "CSV UTF-8": a byte-order mark, semicolons, CRLF, a quoted cell
# holding the delimiter and a line break
QUOTES_CSV = (
    "\ufeffID;Text_EN;Text_FR;Speaker;Role;Posters\r\n"
    "harbour;The harbour belongs to everyone, all of us.;Le port appartient à tous.;"
    "B. Mayor;Mayor;first-case\r\n"
    ';"One; two\r\nthree";"Un; deux";A. Skipper;NO;first-case, second-case\r\n'
    ";;;;;\r\n"
    ";12:30;12:30;A. Skipper;;second-case\r\n"
)


def test_quotes_with_bom_and_semicolons_load_clean(tmp_path: Path, starter: Path) -> None:
    source = tmp_path / "quotes.csv"
    source.write_bytes(QUOTES_CSV.encode("utf-8"))
    target = starter / "quotes.yaml"
    target.unlink()
    for poster in (starter / "posters").glob("*-case.yaml"):  # they name the starter's quotes
        text = poster.read_text(encoding="utf-8")
        poster.write_text(text.replace("\nquotes: [", "\n# quotes: ["), encoding="utf-8")
    code, out, err = _import(source, out=target)
    assert code == 0, err
    assert "3 quotes" in out
    result = load_gallery(starter, paths.assets_dir())
    assert result.problems == [], [str(p) for p in result.problems]
    quotes = {q.id: q for q in result.gallery.quotes}
    assert list(quotes) == ["harbour", "a-skipper-1", "a-skipper-2"]
    assert quotes["harbour"].text.get("fr", "en") == "Le port appartient à tous."
    assert quotes["a-skipper-1"].text.get("en", "en") == "One; two\nthree"
    assert quotes["a-skipper-1"].posters == ("first-case", "second-case")
    # YAML 1.1 would read these as false and 750: they stay the words of the spreadsheet
    assert quotes["a-skipper-1"].role is not None
    assert quotes["a-skipper-1"].role.get("en", "en") == "NO"
    assert quotes["a-skipper-2"].text.get("en", "en") == "12:30"


def test_facts_with_commas_paste_into_a_poster(tmp_path: Path, starter: Path) -> None:
    source = tmp_path / "facts.csv"
    source.write_text(
        'value,unit,label,group\n"2,500",square feet,of workshops,Phase 1\n23%,,of procurement,\n',
        encoding="utf-8",
    )
    code, _out, err = _import(source)
    assert code == 0, err
    facts = yaml.safe_load((tmp_path / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    poster = starter / "posters" / "first-case.yaml"
    data = yaml.safe_load(poster.read_text(encoding="utf-8"))
    data["facts"] = facts
    poster.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = load_gallery(starter, paths.assets_dir())
    assert result.problems == [], [str(p) for p in result.problems]
    first = result.gallery.posters[1].facts
    assert [f.value_text("en", "en") for f in first] == ["2,500", "23%"]
    assert first[0].unit is not None and first[0].unit.get("en", "en") == "square feet"


@pytest.mark.parametrize(
    ("csv_text", "says"),
    [
        ("text,speaker\nFine words,A. Name\nMore words,\n", "row 3: speaker is empty"),
        ("text,speeker\nx,y\n", "'speeker' is not a column of quotes (did you mean 'speaker'?)"),
        ("id,text,speaker\nsame,a,b\nsame,c,d\n", "row 3: id 'same' is already the id of row 2"),
        ("id,text,speaker\nBad Id,a,b\n", "row 2: id 'Bad Id' may hold only lower-case"),
        ("text,speaker,posters\na,b,First Case\n", "row 2: posters: 'First' is not a poster id"),
        ("text,text_fr,speaker\na,b,c\n", "both 'text' and 'text_fr'"),
        ("speaker\nA. Name\n", "there is no 'text' column"),
    ],
)
def test_errors_name_the_row(tmp_path: Path, csv_text: str, says: str) -> None:
    source = tmp_path / "quotes.csv"
    source.write_text(csv_text, encoding="utf-8")
    code, _out, err = _import(source)
    assert code == 1
    assert says in err, err
    assert "nothing was written" in err
    assert not (tmp_path / "quotes.yaml").exists()


def test_a_latin1_file_says_how_to_save_it(tmp_path: Path) -> None:
    source = tmp_path / "quotes.csv"
    source.write_bytes("text;speaker\nBonjour;A\nLe port appartient à tous;B\n".encode("latin-1"))
    code, _out, err = _import(source)
    assert code == 1
    assert "quotes.csv: row 3 is not UTF-8 text: save the spreadsheet again as 'CSV UTF-8'" in err


def test_a_spreadsheet_file_is_not_csv(tmp_path: Path) -> None:
    source = tmp_path / "quotes.csv"
    source.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    code, _out, err = _import(source)
    assert code == 1 and "not CSV" in err and "CSV UTF-8" in err


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    source = tmp_path / "quotes.csv"
    source.write_text("text,speaker\na,b\n", encoding="utf-8")
    (tmp_path / "quotes.yaml").write_text("# mine\n", encoding="utf-8")
    code, _out, err = _import(source)
    assert code == 2 and "is not replaced" in err
    assert (tmp_path / "quotes.yaml").read_text(encoding="utf-8") == "# mine\n"


def test_the_kind_comes_from_the_columns_when_the_name_does_not_say(tmp_path: Path) -> None:
    source = tmp_path / "sheet1.csv"
    source.write_text("value,label\n42,boats\n", encoding="utf-8")
    code, out, err = _import(source)
    assert code == 0, err
    assert "1 fact from sheet1.csv" in out


def test_the_command_line_reaches_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.app import main

    source = tmp_path / "people.csv"
    source.write_text("text;speaker\nWords;A. Name\n", encoding="utf-8")
    target = tmp_path / "q.yaml"
    assert main(["import", str(source), "--kind", "quotes", "--out", str(target)]) == 0
    assert "1 quote from people.csv" in capsys.readouterr().out
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["quotes"][0]["id"] == "a-name-1"
