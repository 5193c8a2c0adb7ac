"""The shipped content keeps every figure of the report, and quotes it word for word.

The default content in ``content/`` retells the UCLG report "Vital Neighborhoods in Metropolitan
Cities" (peer learning #21, Montreal, June 2017). These tests guard against a figure being lost
when a poster is edited, and against a quote drifting from the report's words.

They read the YAML with ``yaml.safe_load`` only, so that they check the data independently of the
app's loader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
REPORT = Path(__file__).resolve().parents[3] / "shared/seed/vital-neighborhoods-uclg-2017.txt"

# Every figure in each case section of the report (body, boxes and footnotes), as the report
# writes it. Each must appear in that case's poster file.
FIGURES: dict[str, list[str]] = {
    "montreal-technopole-angus": [
        # the project
        "1996",  # Ellin, 1996
        "1995",
        "580,000",
        # brief history
        "1902",
        "1904",
        "4.7 hectare",
        "second largest industrial complex in North America",
        "12,000",
        "Second World War",
        "1950s",
        "1970",
        "1992",
        "1980s",
        "20%",
        "1970s",
        "early 1990s",
        # footnote 1
        "134,000",
        "2011",
        # three approaches
        "3 values",
        "2000",
        "first green industrial building in Canada",
        "2006",
        "first real estate project in Quebec",
        "13 buildings",
        "second largest responsible construction project in Canada",
        # footnote 2
        "1 metro line",
        "5 bus lines",
        "2 bike paths",
        "a BIXI station",
        "car sharing",
        # social economy
        "33,000 square feet",
        "2005",
        # facts and figures (current status)
        "2 million square feet",
        "50%",
        "13",
        "LEED and BOMA BEST",
        "56",
        "2,500",
        "6 from the Social Economy",
        "77 million",
        "Canadian Dollars",
        # phase II
        "2017",
        "about 40 additional businesses",
        "1,500",
        "350-400",
        "20% of which will be social housing",
        "1 million square feet",
        "50% of 2 million square feet",
        "1,500 additional workers",
        "15",
        "400",
        "affordable housing units",
        "3",
        "new public squares",
    ],
    "seoul-sse-special-districts": [
        "90%",
        "30%",
        "35.6%",
        "1,200",
        "25 districts",  # footnote 3
        "109%",
        "6 months",  # Laurence Kwark
        "50 meetings",
    ],
    "johannesburg-hillbrow-ekhaya": [
        "2004",
        "late 19th century",
        "1950s",
        "1960s",
        "Hong Kong",
        "early 1970s",
        "1980s",
        "1978",
        "1982",
        "safety, cleanliness and friendliness",
        "33 neighbouring buildings",  # footnote 6
        "ZAR 500,000",
        "ZAR 24",
        "ZAR 6400",
        "ZAR 7 million",
        "Pooe (2016)",
        "2007",
        "2012",
        "2013",
    ],
    "barcelona-growing-sse": [
        "2007",
        "double",
        "2014",
        "nearly 3.5 times",
        "over 6 times",
        "10 districts",  # footnote 7
        "2015",
        "2016 to 2019",
        "2016-2019",
        "16 neighborhoods",
        "6 districts",
        "5 neighborhoods",
        "(2016)",
        "4,718",
        "2,400",
        "197",
        "861",
        "260",
        "53,000",
        "100,000",
        "500,000",
        "113,000",
        "20%",
        "77%",
        "667",
        "36",
        "31",
        "1993",
        "2,093",
        "19",
        "80%",
        "10%",
    ],
    # Not case posters, but their figures are guarded the same way.
    "introduction": [
        "19th of June, 2017",
        "12th Metropolis World Congress",
        "SDG 8",
        "SDG 11",
        "More than 30",
        "four cases",
        "April 2017",
    ],
    "transferability": [
        "23%",
        "30%",
        "end of 2019",
        "more than 25",
    ],
}

# The names each case poster must keep, spelled as in the report.
NAMES: dict[str, list[str]] = {
    "montreal-technopole-angus": [
        "Technopole Angus",
        "Rosemont–La Petite-Patrie",
        "Canadian Pacific Railway",
        "Société de Développement Angus",
        "SDA",
        "Locoshop Angus",
        "Carrefour de l'économie sociale Angus",
        "le Groupe Part",
        "Insertech",
        "CLSC",
        "Taxelco",
        "Ubisoft",
        "studios Mels",
        "OIIQ",
        "MEC",
        "Central Island",
        "William-Tremblay",
        "Augustin Frigon",
        "Mont-Royal",
        "Molson",
        "Christian Yaccarini",
        "Ellin",
    ],
    "seoul-sse-special-districts": [
        "Seoul Metropolitan Government",
        "SMG",
        "Gangdong-gu",
        "Seongsu-dong",
        "Seongdong-gu",
        "Seoul Leather Scouts",
        "Seongsu Social Fashion Project",
        "SSFP",
        "Social Fashion Competition",
        "On-site Fashion School",
        "Social Fashion Show",
        "China",
        "Brooklyn of Seoul",
        "Urban Regeneration New Deal Policy",
        "Jangwi-dong",
    ],
    "johannesburg-hillbrow-ekhaya": [
        "Hillbrow",
        "eKhaya",
        "Residential City Improvement District",
        "RCID",
        "Johannesburg Housing Company",
        "JHC",
        "Apartheid",
        "Rental Control Act",
        "Influx Control Act",
        "Trafalgar",
        "Pietersen Street",
        "Know Your Neighbourhood",
        "Our Clean eKhaya Neighbourhood",
        "Bad Boy'z Security",
        "Pikitup",
        "Johannesburg Development Agency",
        "JDA",
        "Our Healthy eKhaya",
        "Safe New Year",
        "eKhaya Street Soccer",
        "eKhaya Kidz' Day",
        "eKhaya Park",
        "Badboyz Security Services",
        "City Improvement District",
        "CID",
        "eKhaya Hillbrow north",
    ],
    "barcelona-growing-sse": [
        "El Eixample",
        "Les Corts",
        "Sarrià-Sant Gervasi",
        "Gràcia",
        "Ciutat Vella",
        "Nou Barris",
        "Tres Torres",
        "Trinitat Nova",
        "Sants-Montjuïc",
        "Horta-Guinardó",
        "Sant Andreu",
        "Sant Martí",
        "Commission for Cooperative, Social and Solidarity Economy and Consumption",
        "Impetus Plan for the Social and Solidarity Economy",
        "Neighborhood Action Plan",
        "Economic Development Plan",
        "Barcelona Activa",
        "Catalonia",
        "wheelbarrow",
        "watering",
        "Toolbox",
    ],
}

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})


def normalise(text: str) -> str:
    """One space between words, straight quotes, no emphasis markers."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES).replace("**", "")).strip()


def is_language_map(node: object) -> bool:
    """A text in several languages: {en: .., fr: .., es: ..}."""
    return (
        isinstance(node, dict)
        and "en" in node
        and all(isinstance(k, str) and re.fullmatch(r"[a-z]{2,3}", k) for k in node)
    )


def flatten(node: object) -> list[str]:
    """Every string and number value of a loaded YAML document (keys left out); of a text in
    several languages, the English only: the report is in English, and a figure or a name
    that only a translation kept would not count."""
    if is_language_map(node):
        assert isinstance(node, dict)
        return flatten(node["en"])
    if isinstance(node, dict):
        return [s for value in node.values() for s in flatten(value)]
    if isinstance(node, list):
        return [s for item in node for s in flatten(item)]
    if isinstance(node, bool) or node is None:
        return []
    return [str(node)]


def load(path: Path) -> object:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def poster_files() -> dict[str, Path]:
    files = sorted(CONTENT.glob("posters/*.yaml")) + sorted(CONTENT.glob("posters/*.yml"))
    return {load(p)["id"]: p for p in files}


def poster_text(poster_id: str) -> str:
    path = poster_files()[poster_id]
    return normalise(" ".join(flatten(load(path))))


@pytest.mark.parametrize("poster_id", sorted(FIGURES))
def test_every_figure_of_the_report_is_on_its_poster(poster_id: str) -> None:
    text = poster_text(poster_id)
    missing = [fig for fig in FIGURES[poster_id] if normalise(fig) not in text]
    assert not missing, f"{poster_id}: figures of the report missing from the poster: {missing}"


@pytest.mark.parametrize("poster_id", sorted(NAMES))
def test_every_name_of_the_case_is_on_its_poster(poster_id: str) -> None:
    text = poster_text(poster_id)
    missing = [name for name in NAMES[poster_id] if normalise(name) not in text]
    assert not missing, f"{poster_id}: names of the report missing from the poster: {missing}"


def test_the_seven_posters_are_shipped_in_the_gallery_order() -> None:
    gallery = load(CONTENT / "gallery.yaml")
    assert gallery["posters"] == [
        "introduction",
        "montreal-technopole-angus",
        "seoul-sse-special-districts",
        "johannesburg-hillbrow-ekhaya",
        "barcelona-growing-sse",
        "poll",  # the visitors' poll on the four cases, before the discussion of transferring them
        "transferability",
    ]
    assert set(poster_files()) == set(gallery["posters"])


def test_quotes_and_posters_refer_to_each_other_by_existing_ids() -> None:
    quotes = load(CONTENT / "quotes.yaml")["quotes"]
    quote_ids = [q["id"] for q in quotes]
    assert len(quote_ids) == len(set(quote_ids))
    posters = {pid: load(path) for pid, path in poster_files().items()}
    for quote in quotes:
        for pid in quote.get("posters", []):
            assert pid in posters, f"quote {quote['id']} names the unknown poster {pid}"
    for pid, poster in posters.items():
        for qid in poster.get("quotes", []):
            assert qid in quote_ids, f"poster {pid} names the unknown quote {qid}"


def test_every_quote_is_word_for_word_from_the_report() -> None:
    if not REPORT.is_file():
        pytest.skip(f"the source report is not beside the repository: {REPORT}")
    report = normalise(REPORT.read_text(encoding="utf-8"))
    quotes = load(CONTENT / "quotes.yaml")["quotes"]
    assert quotes
    for quote in quotes:
        # The report is in English: a translated quote is checked through its English text.
        text = quote["text"]["en"] if isinstance(quote["text"], dict) else quote["text"]
        assert normalise(text) in report, f"quote {quote['id']} is not in the report: {text}"
