"""The parser on real cables: the seed cable field by field, the shipped
sample in every format, and the same cable read from several formats."""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

import cablegraph
from cablegraph.cli import main
from cablegraph.loader.header import parse_addressees
from cablegraph.loader.parser import parse_cable
from cablegraph.loader.sources import CableText, iter_cable_texts
from cablegraph.record import DATETIME_FROM_DECLASSIFICATION, DATETIME_FROM_DTG, DATETIME_FROM_PASTED_RECORD

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "cables"
SEED = EXAMPLES / "raw-text" / "06DUSHANBE870.txt"
SHARED = ROOT / ".." / "shared"


def shared_corpus() -> Path:
    corpus = SHARED / "corpus"
    if not (corpus / "manifest.csv").exists():
        pytest.fail(f"this test needs the shared data at {SHARED.resolve()} (corpus/manifest.csv)")
    return corpus


def parse_files(paths: list[Path]) -> list:
    return [parse_cable(i) for i in iter_cable_texts(paths) if isinstance(i, CableText)]


def parse_file(path: Path):
    [record] = parse_files([path])
    return record


@pytest.fixture(scope="module")
def seed():
    return cablegraph.parse_text(SEED.read_text(encoding="utf-8"))


def test_seed_identity_and_time(seed):
    assert seed.reference_id == "06DUSHANBE870"
    assert seed.datetime == "2006-05-11T16:47:00Z"
    assert seed.transmission_id == "VZCZCXRO1750"
    assert seed.precedence == "IMMEDIATE"
    assert seed.is_partial is False


def test_seed_origin(seed):
    assert seed.origin.station == "DUSHANBE"
    assert seed.origin.name == "Embassy Dushanbe"
    assert seed.origin.routing_indicator == "RUEHDBU"


def test_seed_classification_and_caveats(seed):
    assert seed.classification == "SECRET"
    assert "SIPDIS" in seed.caveats
    assert seed.declassify_on == "2031-05-11"


def test_seed_addressees(seed):
    assert [(r.routing_indicator, r.name) for r in seed.recipients] == [("RUEHC", "SECSTATE WASHDC")]
    info = [(r.routing_indicator, r.name) for r in seed.info_recipients]
    assert len(info) == 18
    assert info[0] == ("RUEHDBU", "AMEMBASSY DUSHANBE")
    assert ("RHMFIS", "HQ USCENTCOM MACDILL AFB FL") in info
    assert info[-1] == ("RUEHLO", "AMEMBASSY LONDON")


def test_an_addressee_with_a_range_of_serials():
    header = ("FM AMEMBASSY COPENHAGEN\nTO RUEHC/SECSTATE WASHDC PRIORITY 9758\n"
              "INFO RUEHRK/AMEMBASSY REYKJAVIK PRIORITY 9759-9760\nRUCPDOC/USDOC WASHINGTON DC PRIORITY 5874-5875\nBT\n")
    to, info = parse_addressees(header)
    assert [(r.routing_indicator, r.name, r.precedence) for r in to] == [("RUEHC", "SECSTATE WASHDC", "PRIORITY")]
    assert [(r.routing_indicator, r.name, r.precedence) for r in info] == [
        ("RUEHRK", "AMEMBASSY REYKJAVIK", "PRIORITY"), ("RUCPDOC", "USDOC WASHINGTON DC", "PRIORITY")]


def test_seed_header_fields(seed):
    assert seed.tags == ["PREL", "PGOV", "PINR", "SNAR", "RS", "TI"]
    assert seed.subject == ("URGENT REQUEST FOR DEMARCHE ON SOUTH AND CENTRAL ASIAN "
                            "COUNTER-NARCOTICS AND SECURITY CONFERENCE")
    assert seed.classified_by.name == "RICHARD E. HOAGLAND"
    assert seed.classified_by.title == "AMBASSADOR"
    assert "1.4" in seed.classified_by.reasons
    assert seed.signers == ["HOAGLAND"]
    assert seed.references == []
    assert seed.summary is None


def test_seed_paragraphs(seed):
    numbered = [p for p in seed.paragraphs if p.number is not None]
    assert [p.number for p in numbered] == list(range(1, 10))
    assert [p.marking for p in numbered[:8]] == ["U"] + ["S"] * 7
    assert numbered[1].text.startswith("ON MAY 11 AT 1800 LOCAL, GENERAL-COLONEL SAIDIMIR ZUHUROV")
    # the site's misplaced pilcrow (GEORGE \u00b6C. MARSHALL) and page breaks are gone
    assert "GEORGE C. MARSHALL CENTER SPONSORED" in numbered[1].text
    assert "\u00b6" not in numbered[1].text
    assert all("00000870" not in p.text for p in seed.paragraphs)
    assert "CO-HOSTING THE DUSHANBE CONFERENCE" in numbered[7].text
    assert numbered[8].text.endswith("END COMMENT AND ACTION REQUEST.")


def test_fragment_gives_only_what_it_holds():
    record = cablegraph.parse_text("TAGS: PREL PGOV RU\n", year=2006)
    assert record.tags == ["PREL", "PGOV", "RS"]
    assert record.reference_id is None and record.datetime is None and record.paragraphs == []
    refs = cablegraph.parse_text("REF: A. STATE 80908 B. 05 TBILISI 3171\n", year=2006).references
    assert [(r.id, r.label) for r in refs] == [("06STATE80908", "A"), ("05TBILISI3171", "B")]


def test_malformed_banner_id_is_repaired():
    text = "C O N F I D E N T I A L SECTION 01 OF 02 MANAMA 000492\n\nE.O. 12958: DECL: 03/10/2018\n"
    assert cablegraph.parse_text(text, year=2008).reference_id == "08MANAMA492"


@pytest.mark.parametrize("relative, expected", [
    ("archives/09TRIPOLI554.html.gz", ("09TRIPOLI554", "Embassy Tripoli", "CONFIDENTIAL")),
    ("html-cablegate-2011/73TEHRAN2077.html", ("73TEHRAN2077", "Embassy Tehran", "SECRET")),
    ("html-wikileaks-2011/10STATE284.html", ("10STATE284", "Secretary of State", None)),
    ("mongoexport-json/04NEWDELHI5734.json", ("04NEWDELHI5734", "Embassy New Delhi", "CONFIDENTIAL")),
    ("mongoexport-json/09RPODUBAI57.json", ("09RPODUBAI57", "Iran RPO Dubai", None)),
    ("scraped-text/01VATICAN3507.txt", ("01VATICAN3507", "Embassy Vatican", "CONFIDENTIAL")),
])
def test_shipped_sample_identity(relative, expected):
    record = parse_file(EXAMPLES / relative)
    reference_id, origin, classification = expected
    assert record.reference_id == reference_id
    assert record.origin.name == origin
    if classification:
        assert record.classification == classification


def test_csv_rows_match_their_own_columns():
    records = [parse_cable(i) for i in iter_cable_texts([EXAMPLES / "cables-csv"]) if isinstance(i, CableText)]
    assert len(records) == 12
    matching = [r for r in records if r.reference_id == r.source.given_id]
    # 7575LIBREVILLE1895 is malformed in the dump itself
    assert len(matching) >= 11
    first = records[0]
    assert first.reference_id == "66BUENOSAIRES2481"
    assert first.datetime == "1966-12-28T18:48:00Z"
    assert first.origin.name == "Embassy Buenos Aires"
    assert first.source.site_metadata["origin"] == "Embassy Buenos Aires"


def test_given_id_disagreement_is_reported(tmp_path):
    copy = tmp_path / "06DUSHANBE871.txt"
    copy.write_bytes(SEED.read_bytes())
    item = CableText(text=SEED.read_text(encoding="utf-8"), source=cablegraph.record.Source(
        path=str(copy), format="raw-text", given_id="06DUSHANBE871"))
    record = parse_cable(item)
    assert record.reference_id == "06DUSHANBE870"
    assert any("06DUSHANBE871" in w for w in record.warnings)


HEADER_FIELDS = ("reference_id", "classification", "tags", "subject")


def header_fields(record) -> dict:
    fields = {name: getattr(record, name) for name in HEADER_FIELDS}
    fields["origin"] = record.origin.station
    fields["references"] = [r.id for r in record.references if r.id]
    return fields


def consistent_dates(one, other) -> bool:
    """Two copies' dates agree: equal when read the same way; a day inferred
    from the declassification date (the day the cable was classified) is not
    after the day of its date-time group."""
    if not (one.datetime and other.datetime):
        return True
    if one.datetime_source == other.datetime_source:
        return one.datetime == other.datetime
    by_source = {one.datetime_source: one.datetime, other.datetime_source: other.datetime}
    inferred, sent = by_source.get(DATETIME_FROM_DECLASSIFICATION), by_source.get(DATETIME_FROM_DTG)
    if inferred and sent:
        return date.fromisoformat(inferred) <= date.fromisoformat(sent[:10]) + timedelta(days=1)
    return one.datetime[:10] == other.datetime[:10]


def test_same_cable_in_several_formats_gives_the_same_header_fields():
    corpus = shared_corpus()
    rows = list(csv.DictReader((corpus / "manifest.csv").open(encoding="utf-8")))
    by_id = defaultdict(list)
    for row in rows:
        # 2010-12 pages are earlier versions, re-redacted since: they may differ
        if row["cable_id"] and "2010/12" not in row["format"]:
            by_id[row["cable_id"]].append(corpus / row["path"])
    groups = {cable_id: paths for cable_id, paths in by_id.items() if len(paths) > 1}
    assert len(groups) > 600
    disagreements = []
    for cable_id, paths in sorted(groups.items()):
        parsed = parse_files(paths)  # some scraped files hold no cable and are rejected
        first = header_fields(parsed[0])
        for record in parsed[1:]:
            path = Path(record.source.path)
            other = header_fields(record)
            # a copy that lost the header (scraped text) may not know what the
            # header said (the year of a partial extract): only values both
            # copies give must agree
            differing = {k for k in first if first[k] and other[k] and first[k] != other[k]}
            if not consistent_dates(parsed[0], record):
                differing.add("datetime")
            if differing:
                disagreements.append(f"{cable_id} {path.name}: {sorted(differing)}")
    # 07PARIS2725's page joins one cable's header to another's body; a few
    # scraped copies lost lines the page has.
    assert len(disagreements) <= len(groups) // 40, "\n".join(disagreements[:20])


def test_parse_command_prints_json_lines():
    result = CliRunner().invoke(main, ["parse", str(SEED), str(EXAMPLES / "cables-csv")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 13
    assert lines[0]["reference_id"] == "06DUSHANBE870"
    assert lines[0]["source"]["format"] == "raw-text"


def test_parse_command_reports_bad_input_and_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(main, ["parse", "--format", "text", str(empty), str(SEED), str(binary)])
    assert result.exit_code == 1
    assert "06DUSHANBE870" in result.stdout
    assert "empty.txt" in result.stderr and "image.bin" in result.stderr
    assert "1 parsed, 2 rejected" in result.stderr
    assert "Traceback" not in result.output


# The gaps of texts without a transmission header (partial extracts, scraped
# and exported copies) and of damaged banners, on real corpus texts.

def corpus_text(relative: str) -> str:
    [item] = [i for i in iter_cable_texts([shared_corpus() / relative]) if isinstance(i, CableText)]
    return item.text


def test_date_from_a_copy_of_the_header_in_the_body():
    # a partial extract whose body holds the old-style header: "O 031203Z JUL 01 FM AMEMBASSY VATICAN"
    text = (EXAMPLES / "scraped-text" / "01VATICAN3507.txt").read_text(encoding="utf-8")
    record = cablegraph.parse_text(text)
    assert (record.reference_id, record.datetime) == ("01VATICAN3507", "2001-07-03T12:03:00Z")


def test_date_from_a_pasted_record_naming_the_cable_only():
    record = cablegraph.parse_text(corpus_text("cablegate-html/cable/2004/04/04BOGOTA4332.html"))
    assert record.datetime == "2004-04-29T15:25:00Z"  # "date: 4/29/2004 15:25" over "refid: 04BOGOTA4332"
    assert any("pasted database record" in w for w in record.warnings)
    # a record of another cable (09ASUNCION561) pasted before this one's banner dates nothing
    record = cablegraph.parse_text(corpus_text("cablegate-html/cable/2009/10/09ASUNCION595.html"))
    assert (record.reference_id, record.datetime) == ("09ASUNCION595", "2009-10-08T20:55:00Z")


def test_year_from_the_id_list_and_what_the_text_says():
    # REF "10 MEXICO 47": not older than the cables it cites (09MEXICO75 is in the dump too)
    assert cablegraph.parse_text(corpus_text("scraped-txt/10MEXICO75.txt")).reference_id == "10MEXICO75"
    # DECL: 2020/02/03 and cited 09 cables (07CAIRO153 is in the dump too)
    assert cablegraph.parse_text(corpus_text("scraped-txt/10CAIRO153.txt")).reference_id == "10CAIRO153"


def test_origin_where_the_routing_table_misspells_or_renames_the_post():
    # the routing table has AMEMBASSY QUINTO, AMEMBASSY COLUMBO; the banners spell QUITO, COLOMBO
    assert cablegraph.parse_text(corpus_text("cablegate-html/cable/2005/08/05QUITO1978.html")).origin.name == "Embassy Quito"
    assert cablegraph.parse_text(corpus_text("scraped-txt/07COLOMBO728.txt")).origin.name == "Embassy Colombo"
    # FM AMEMBASSY KIEV, DE RUEHKV: the post's current name
    assert cablegraph.parse_text(corpus_text("cablegate-html/cable/2006/04/06KIEV1531.html")).origin.name == "Embassy Kyiv"


def test_damaged_banners():
    cases = {
        "cablegate-html/cable/2010/02/10BAGHDAD290.html": ("10BAGHDAD290", "CONFIDENTIAL"),  # O N F I D E N T I A L
        "cablegate-html/cable/2006/05/06MANAGUA1002.html": ("06MANAGUA1002", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),  # UUNCLAS
        "cablegate-html/cable/2010/02/10NAIROBI165.html": ("10NAIROBI165", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),  # "Sensitive, sipdis"
        "cablegate-html/cable/2009/12/09NAIROBI2497.html": ("09NAIROBI2497", "SECRET//NOFORN"),  # "S e c r e t ... Noforn"
        "cablegate-html/cable/2009/11/09RIYADH1557.html": ("09RIYADH1557", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),  # fused
    }
    for path, expected in cases.items():
        record = cablegraph.parse_text(corpus_text(path))
        assert (record.reference_id, record.classification) == expected, path


def test_banner_with_the_year_before_the_station():
    rows = [i for i in iter_cable_texts([EXAMPLES / "cables-csv" / "cables_rows_1-12.csv"])
            if isinstance(i, CableText) and i.source.given_id == "7575LIBREVILLE1895"]
    record = cablegraph.parse_text(rows[0].text)  # "C O N F I D E N T I A L 75 LIBREVILLE 1895"
    assert (record.reference_id, record.classification) == ("75LIBREVILLE1895", "CONFIDENTIAL")


def test_classification_from_paragraph_markings_without_a_banner():
    record = cablegraph.parse_text(corpus_text("scraped-txt/05PARIS4749.txt"))  # no banner, no header, "(S)"
    assert record.classification == "SECRET"
    assert cablegraph.parse_text("1. (C) Text.\n\n2. (S) More.\n\n3. (U) End.").classification == "SECRET"


def test_seed_is_dated_by_its_date_time_group(seed):
    assert (seed.datetime, seed.datetime_source) == ("2006-05-11T16:47:00Z", DATETIME_FROM_DTG)


def test_date_from_the_declassification_date_minus_ten_years():
    # a scraped copy with no header: "E.O. 12958: DECL: 02/11/2020", reference ID year 10
    record = cablegraph.parse_text((EXAMPLES / "scraped-text" / "10BERLIN180.txt").read_text(encoding="utf-8"))
    assert (record.reference_id, record.declassify_on) == ("10BERLIN180", "2020-02-11")
    assert (record.datetime, record.datetime_source) == ("2010-02-11", DATETIME_FROM_DECLASSIFICATION)
    assert any("minus ten years" in w and "not a time of transmission" in w for w in record.warnings)
    # a mongoexport record (newlines stripped): "DECL:  2/5/2019" (WikiLeaks: 2009-02-05 12:19)
    record = parse_file(EXAMPLES / "mongoexport-json" / "09RPODUBAI57.json")
    assert (record.reference_id, record.datetime) == ("09RPODUBAI57", "2009-02-05")
    # a partial extract: the classification decision was weeks before the cable went out
    # (WikiLeaks: 2005-03-08): the date is the day classified, as documented
    record = cablegraph.parse_text(corpus_text("cablegate-html/cable/2005/03/05DUBLIN286.html"))
    assert (record.datetime, record.datetime_source) == ("2005-01-31", DATETIME_FROM_DECLASSIFICATION)


def test_no_date_from_a_declassification_date_of_another_term():
    cases = {
        # five years: "DECL: 04/07/03" on a 1998 cable
        "mongoexport-json/98NEWDELHI2879.json": ("98NEWDELHI2879", "2003-04-07"),
        # twenty years: "DECL:  3/27/2027" on a 2007 cable
        "mongoexport-json/07IRANRPODUBAI14.json": ("07IRANRPODUBAI14", "2027-03-27"),
        # a typed year: "DECL: 01/18/2116"
        "cablegate-html/cable/2006/01/06SANJOSE156.html": ("06SANJOSE156", "2116-01-18"),
    }
    for relative, (reference_id, declassify_on) in cases.items():
        record = cablegraph.parse_text(corpus_text(relative))
        assert (record.reference_id, record.declassify_on) == (reference_id, declassify_on), relative
        assert (record.datetime, record.datetime_source) == (None, None), relative
        assert any("is not ten years after the cable's year" in w for w in record.warnings), relative
    # the shipped scraped copy of 04BRASILIA1291: "DECL: 05/19/2009", five years
    record = cablegraph.parse_text((EXAMPLES / "scraped-text" / "04BRASILIA1291.txt").read_text(encoding="utf-8"))
    assert record.reference_id == "04BRASILIA1291" and record.datetime is None


def test_no_date_from_a_declassification_line_that_is_not_a_date():
    # "E.O. 12958: N/A" on an unclassified partial extract: nothing dates it
    record = cablegraph.parse_text(corpus_text("cablegate-html/cable/2005/07/05SANJOSE1645.html"))
    assert (record.reference_id, record.declassify_on, record.datetime) == ("05SANJOSE1645", None, None)
    # a fragment with a DECL date and no ID: ten years before, 29 February becomes the 28th
    record = cablegraph.parse_text("E.O. 12958: DECL: 02/29/2016\nTAGS: PREL\n")
    assert (record.datetime, record.datetime_source) == ("2006-02-28", DATETIME_FROM_DECLASSIFICATION)
    # ... and nothing outside the years of Cablegate (a 25-year date of 2035 is not a 2025 cable)
    assert cablegraph.parse_text("E.O. 12958: DECL: 03/01/2035\n").datetime is None
    # ... nor from a day that no month has
    record = cablegraph.parse_text("E.O. 12958: DECL: 02/30/2015\n")
    assert record.datetime is None and any("no calendar date" in w for w in record.warnings)


def test_date_from_pasted_database_records_of_other_layouts():
    # a record pasted one field a paragraph, "16331 / 2004-04-26 / 04THEHAGUE1049": the day only
    record = cablegraph.parse_text(corpus_text("cablegate-html/cable/2004/04/04THEHAGUE1049.html"))
    assert (record.datetime, record.datetime_source) == ("2004-04-26", DATETIME_FROM_PASTED_RECORD)
    # a tab-separated row "2005-11-14 10:58:00<TAB>05MANAMA1672<TAB>Embassy Manama"
    record = cablegraph.parse_text(corpus_text("cablegate-html/cable/2005/11/05MANAMA1672.html"))
    assert (record.reference_id, record.datetime) == ("05MANAMA1672", "2005-11-14T10:58:00Z")
    assert record.datetime_source == DATETIME_FROM_PASTED_RECORD


def test_year_from_the_id_list_and_the_chief_of_mission_who_signed():
    # no date-time group, no DECL date, "CAIRO 224" in 2006 and 2010: signed SCOBEY,
    # Ambassador in Cairo from 2008 (Office of the Historian's chiefs of mission)
    assert cablegraph.parse_text(corpus_text("scraped-txt/10CAIRO224.txt")).reference_id == "10CAIRO224"
    # "NEW DELHI 38" in 2005 and 2010: signed MULFORD, Ambassador 2004-2009
    assert cablegraph.parse_text(corpus_text("mongoexport-json/05NEWDELHI38.json")).reference_id == "05NEWDELHI38"
    # the DECL date decides first: SISON signed 08BEIRUT523 as chargé, and was Ambassador only from
    # 2008-09 (09BEIRUT523 is in the dump too); CHICOLA, chargé in May 2005, is in the table for 2005-11 on
    assert cablegraph.parse_text(corpus_text("scraped-txt/08BEIRUT523.txt")).reference_id == "08BEIRUT523"
    assert cablegraph.parse_text(corpus_text("cablegate-html/cable/2005/05/05BRASILIA1231.html")).reference_id \
        == "05BRASILIA1231"


def test_year_from_the_id_list_and_the_month_before_the_one_it_was_written_in():
    # "REYKJAVIK 213" of 2008-09 and 2009-12; the text names November twice, no year
    assert cablegraph.parse_text(corpus_text("scraped-txt/09REYKJAVIK213.txt")).reference_id == "09REYKJAVIK213"


def test_year_from_the_id_list_and_the_serials_a_ref_item_cites_without_a_year():
    # "THE HAGUE 1910" of 2003-07 and 2004-07, "REF: STATE 184642": in 2004 the Department
    # numbered 181,797 in August, so its 184642 is later than July 2004; in 2003 it is older
    assert cablegraph.parse_text(corpus_text("scraped-txt/03THEHAGUE1910.txt")).reference_id == "03THEHAGUE1910"
    # "BRASILIA 836" of 2008-06 and 2009-06, "REF: Sao Paulo 367"
    assert cablegraph.parse_text(corpus_text("scraped-txt/09BRASILIA836.txt")).reference_id == "09BRASILIA836"
    # in January, "REF: A. PARIS 8729" is last year's cable: it rules out no year
    assert cablegraph.parse_text(corpus_text("scraped-txt/05PARIS104.txt")).reference_id == "05PARIS104"


def test_earliest_month_of_a_serial_from_the_id_list():
    from cablegraph.loader.ids import earliest_month

    assert earliest_month(2004, "STATE", 184642) == 8  # 04STATE181797 is of August
    assert earliest_month(2003, "STATE", 184642) == 5  # 03STATE115323 is of May
    assert earliest_month(2004, "STATE", 10) is None


def test_paragraph_numbers_are_found_as_the_pattern_finds_them():
    from cablegraph.loader.paragraphs import PARAGRAPH_NUMBER, _paragraph_numbers

    body = ("1. (C) FIRST.  2.(S/NF) IN 2003. THE 12345. ROW, 1.5 AND 7 . LAST\n3.\tX 4.(U)Y 5. "
            "\u00b27. 99.  100. (SBU) END.")
    expected = [(m.start(), m.end(), m["number"], m["marking"]) for m in PARAGRAPH_NUMBER.finditer(body)]
    assert [(m.start(), m.end(), m["number"], m["marking"]) for m in _paragraph_numbers(body)] == expected
    assert [e[2] for e in expected] == ["1", "2", "003", "345", "7", "3", "4", "5", "7", "99", "100"]


@pytest.mark.parametrize("text", [
    "FM AMEMBASSY DUSHANBE\nTO SECSTATE WASHDC\nBT\nS E C R E T SECTION 01 OF 02 DUSHANBE 000870\n",
    "THE SECRETARY OF STATE\nINFO X\nC O N F I D E N T I A L ABUJA 002170\nE.O. 12958",
    "INFO RUEHC\nO N F I D E N T I A L ANKARA 000123 \n",
    "header\n  TOP SECRET NOFORN STATE 012345\n",
    "Cable dated:2009-11-23T14:44:00UNCLAS SECTION 01 OF 03 GENEVA 000955\n",
    "x\nLIMITED  OFFICIAL USE NEW DELHI 000038\n",
    "running text with a secret plan in 2005\nUUNCLAS LONDON 004242\n",
    "lost line breaks:  SECRET STATE 000001 next",
    "no banner at all, only confidential talk",
])
def test_banner_search_starts_on_the_first_level_word_and_finds_what_the_pattern_finds(text):
    from cablegraph.loader.banner import BANNER, find_banner

    expected = BANNER.search(text)
    found = find_banner(text)
    assert (found.start, found.end, found.station, found.serial) == (
        expected.start(), expected.end(), " ".join(expected["station"].upper().split()), expected["serial"]) \
        if expected else found is None


@pytest.mark.parametrize("body", ["SECRET\nx\n  ----  \nSECRET\nSECRET\ny\nCONFIDENTIAL", "\nSECRET\n",
                                  "a\n- - -\n\n***\nb", "SECRET", "1. (C) SECRET TALKS\n---\n2. END"])
def test_noise_lines_are_dropped_as_the_line_pattern_drops_them(body):
    from cablegraph.loader.paragraphs import NOISE_LINE, clean_body

    assert clean_body(body) == NOISE_LINE.sub("", body)
