"""The input readers, on the real cables shipped in examples/ (and, for the
corpus-wide check, on ../shared/corpus). Bad inputs are built in tmp_path."""
from __future__ import annotations

import csv
import gzip
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from cablegraph.loader.common import MAX_CABLE_CHARS
from cablegraph.loader.sources import (
    MAX_FILE_BYTES,
    CableText,
    Rejection,
    iter_cable_texts,
    read_cable_texts_from_bytes,
)

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples" / "cables"
SHARED = ROOT / ".." / "shared"
HTML_2010 = EXAMPLES / "html-cablegate-2010" / "cable"
CSV_FILE = EXAMPLES / "cables-csv" / "cables_rows_1-12.csv"

CSV_IDS = [
    "66BUENOSAIRES2481", "72TEHRAN1164", "72TEHRAN1381", "72TEHRAN4789", "72TEHRAN5055",
    "73TEHRAN2077", "73TEHRAN7005", "73TEHRAN8233", "75TEHRAN2069",
    "7575LIBREVILLE1895",  # sic: the dump's own malformed reference ID for 75LIBREVILLE1895
    "78TEHRAN389", "78KABUL3619",
]
CSV_LINES = [1, 116, 157, 185, 211, 239, 322, 391, 440, 586, 627, 697]


def read(path: Path | str) -> list[CableText | Rejection]:
    return list(iter_cable_texts([path]))


def only_cable(path: Path | str) -> CableText:
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], CableText), [str(i) for i in items]
    return items[0]


def only_rejection(path: Path | str) -> Rejection:
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    return items[0]


def assert_clean(text: str) -> None:
    assert "\u00b6" not in text
    assert "<a " not in text and "</a>" not in text
    assert "&#x000A;" not in text
    assert "\r" not in text


# --- every format, by its real example -------------------------------------------------

# (file under examples/cables, format, given_id, banner line, TAGS line)
FORMAT_CASES = [
    ("raw-text/06DUSHANBE870.txt", "raw-text", "06DUSHANBE870",  # from the file name
     "S E C R E T SECTION 01 OF 02 DUSHANBE 000870", "TAGS: PREL PGOV PINR SNAR RS TI"),
    ("raw-text/tika/09PARIS1052.txt", "raw-text", "09PARIS1052",
     "UNCLAS PARIS 001052 ", "TAGS: PHUM UN FR"),
    ("html-cablegate-2010/cable/1996/11/96ANKARA12278.html", "html-cablegate-2010", "96ANKARA12278",
     "C O N F I D E N T I A L SECTION 01 OF 03 ANKARA 012278 ", "TAGS: PGOV KISL PTER PHUM PINR TU"),
    ("html-cablegate-2010/cable/2001/10/01STATE176819.html", "html-cablegate-2010", "01STATE176819",
     "C O N F I D E N T I A L STATE 176819 ", "TAGS: PREL AF PK"),
    ("html-cablegate-2010/cable/2006/10/06LISBON2366.html", "html-cablegate-2010", "06LISBON2366",
     "S E C R E T LISBON 002366", "TAGS: MOPS PGOV PREL PO"),
    ("html-cablegate-2010/cable/2009/10/09CAIRO2058.html", "html-cablegate-2010", "09CAIRO2058",
     "UNCLAS CAIRO 002058 ", "TAGS: PREL PGOV KISL KIRF EG"),
    ("html-cablegate-2010/cable/2006/05/06USUNNEWYORK1033.html", "html-cablegate-2010", "06USUNNEWYORK1033",
     "C O N F I D E N T I A L USUN NEW YORK 001033 ", "TAGS: PREL PGOV UNSC KUNR AORC NP IN"),
    ("html-cablegate-2010/cable/2010/02/10USNATO67.html", "html-cablegate-2010", "10USNATO67",
     "C O N F I D E N T I A L USNATO 000067", "TAGS: PGOV PREL MARR NATO FR RS"),
    ("html-cablegate-2010/2010-12-earlier/cable/2009/12/09TRIPOLI1025.html", "html-cablegate-2010",
     "09TRIPOLI1025", None, "TAGS: PREL PINS MNUC PARM PINR RS KGIC KNNP KRAD ENRG"),
    ("html-cablegate-2011/73TEHRAN2077.html", "html-cablegate-2011", "73TEHRAN2077",
     "S E C R E T TEHRAN 2077 ", "TAGS: PFOR IR PK XF"),
    ("html-wikileaks-2011/10STATE284.html", "html-wikileaks-2011", "10STATE284",
     None, "TAGS: MASS MARR MCAP MOPS PARM PGOV"),  # the site joined banner and TAGS on one line
    ("scraped-text/04BRASILIA1291.txt", "scraped-text", "04BRASILIA1291",
     "C O N F I D E N T I A L SECTION 01 OF 06 BRASILIA 001291 ", "TAGS: MARR MASS MCAP PREL BR POL MIL"),
    ("mongoexport-json/04NEWDELHI5734.json", "mongoexport-json", "04NEWDELHI5734",
     None, "TAGS: PREL, PTER, PGOV, BG, IN SUBJECT:"),  # newlines stripped by the export
]


@pytest.mark.parametrize("relpath, fmt, given_id, banner, tags", FORMAT_CASES,
                         ids=[case[0].split("/")[-1] for case in FORMAT_CASES])
def test_each_format_gives_clean_cable_text(relpath, fmt, given_id, banner, tags):
    cable = only_cable(EXAMPLES / relpath)
    assert cable.source.format == fmt
    assert cable.source.given_id == given_id
    assert cable.source.path == str(EXAMPLES / relpath)
    lines = cable.text.split("\n")
    if banner is not None:
        assert banner in lines
    assert tags in cable.text
    assert_clean(cable.text)


def test_raw_text_is_passed_through_except_pilcrows():
    path = EXAMPLES / "raw-text" / "06DUSHANBE870.txt"
    cable = only_cable(path)
    assert cable.text == path.read_text(encoding="utf-8").replace("\u00b6", "")
    assert "\n1. (U) THIS IS AN ACTION REQUEST. SEE PARA NINE BELOW." in cable.text
    assert cable.source.site_metadata is None


def test_format_is_sniffed_from_content_not_extension(tmp_path):
    page = HTML_2010 / "2009" / "12" / "09LONDON2816.html"
    disguised = {
        "page.txt": page,
        "dump.dat": CSV_FILE,
        "telegram.html": EXAMPLES / "raw-text" / "06DUSHANBE870.txt",
        "record.txt": EXAMPLES / "mongoexport-json" / "04NEWDELHI5734.json",
        "noext": EXAMPLES / "scraped-text" / "10BERLIN180.txt",
    }
    for name, source in disguised.items():
        shutil.copy(source, tmp_path / name)
    formats = {Path(c.source.path).name: c.source.format for c in read(tmp_path) if isinstance(c, CableText)}
    assert formats == {
        "page.txt": "html-cablegate-2010",
        "dump.dat": "cables-csv",
        "telegram.html": "raw-text",
        "record.txt": "mongoexport-json",
        "noext": "scraped-text",
    }


# --- HTML pages -----------------------------------------------------------------------

def test_html_metadata_table_goes_to_source_not_text():
    cable = only_cable(HTML_2010 / "2009" / "12" / "09LONDON2816.html")
    assert cable.source.given_id == "09LONDON2816"
    assert cable.source.site_metadata == {
        "created": "2009-12-15 14:02",
        "released": "2011-02-04 21:09",
        "classification": "CONFIDENTIAL//NOFORN",
        "origin": "Embassy London",
    }
    assert "Embassy London" not in cable.text
    assert "2011-02-04" not in cable.text
    # header <pre>, blank line, body <pre>
    assert cable.text.startswith("VZCZC")
    assert "\n\nC O N F I D E N T I A L SECTION 01 OF 02 LONDON 002816 \n" in cable.text


def test_html_partial_extract_keeps_its_sentence_and_moves_the_site_date():
    cable = only_cable(HTML_2010 / "2005" / "03" / "05DUBLIN286.html")
    assert cable.text.startswith(
        "This record is a partial extract of the original cable. "
        "The full text of the original cable is not available.\n\n"
        "C O N F I D E N T I A L SECTION 01 OF 02 DUBLIN 000286 \n")
    assert "Tuesday, 08 March 2005" not in cable.text
    assert cable.source.site_metadata["dateline"] == "2005-03-08 14:11"
    assert cable.source.site_metadata["created"] == "2005-03-08 14:02"  # the table's (rounded) time
    assert "\n1. (C) Summary. In a brief March 7 meeting" in cable.text


def test_html_paragraph_anchors_and_tag_links_are_removed_but_angle_text_kept():
    cable = only_cable(HTML_2010 / "2009" / "08" / "09ULAANBAATAR234.html")
    assert_clean(cable.text)
    assert "\n<<220571>>\n" in cable.text  # cable text, not markup: must survive
    assert "TAGS: PREL PGOV MOPS KNNP MG" in cable.text
    assert "\n1. (S) " in cable.text or "\n1. (C) " in cable.text or "\n1. (U) " in cable.text


def test_earlier_and_later_versions_of_a_page_keep_their_own_text():
    earlier = only_cable(EXAMPLES / "html-cablegate-2010" / "2010-12-earlier" / "cable" / "2009" / "12" / "09TRIPOLI1025.html")
    later = only_cable(HTML_2010 / "2009" / "12" / "09TRIPOLI1025.html")
    assert earlier.source.given_id == later.source.given_id == "09TRIPOLI1025"
    assert earlier.text != later.text
    assert "\nSUBJECT: FINAL HEU SHIPMENT DEPARTS LIBYA\n" in earlier.text
    assert "SUBJECT: FINAL HEU SHIPMENT DEPARTS LIBYA REF:" in later.text  # lines joined by the site


def test_2011_page_has_the_exact_created_time():
    cable = only_cable(EXAMPLES / "html-cablegate-2011" / "73TEHRAN2077.html")
    assert cable.source.site_metadata == {
        "created": "1973-04-02 08:34",
        "released": "2011-08-30 01:44",
        "classification": "SECRET",
        "origin": "Embassy Tehran",
    }
    assert cable.text.startswith("P 020834Z APR 73\nFM AMEMBASSY TEHRAN\n")


def test_read_cable_texts_from_bytes_reads_a_page():
    data = (HTML_2010 / "2010" / "02" / "10SEOUL290.html").read_bytes()
    (cable,) = read_cable_texts_from_bytes(data, "member/10SEOUL290.html")
    assert cable.source.path == "member/10SEOUL290.html"
    assert cable.source.given_id == "10SEOUL290"
    assert cable.source.site_metadata["dateline"] == "2010-02-22 08:54"
    assert cable.text.startswith("VZCZC")
    assert "Monday, 22 February 2010" not in cable.text


# --- cables.csv -------------------------------------------------------------------------

def test_csv_rows_are_read_with_ids_lines_and_metadata():
    items = read(CSV_FILE)
    assert all(isinstance(i, CableText) for i in items), [str(i) for i in items]
    assert [i.source.given_id for i in items] == CSV_IDS
    assert [i.source.line for i in items] == CSV_LINES
    assert {i.source.format for i in items} == {"cables-csv"}

    tehran = items[1]
    assert tehran.source.site_metadata == {
        "created": "1972-02-25 09:30",
        "classification": "UNCLASSIFIED",
        "origin": "Embassy Tehran",
        "references": ["72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"],
    }
    assert tehran.text.startswith("R 250930Z FEB 72 \nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 7561 \n")
    assert "\n\nUNCLASSIFIED SECTION 01 OF 01 TEHRAN 1164 \n" in tehran.text  # header, blank line, content
    assert items[2].source.site_metadata["references"] == []


def test_csv_backslash_escapes_are_undone():
    first = read(CSV_FILE)[0]
    assert 'OF \\"PREFERENTIAL JURISDICTION\\"' in CSV_FILE.read_text()
    assert 'OF "PREFERENTIAL JURISDICTION" FOR FISHING PURPOSES' in first.text
    assert '\\"' not in first.text and "\\'" not in first.text
    assert "TAGS: EFIS, PBTS, AR" in first.text
    assert_clean(first.text)


def _csv_lines() -> list[str]:
    return CSV_FILE.read_bytes().decode("ascii").split("\r\n")


def test_csv_row_with_a_stray_quote_is_rejected_and_the_rest_is_read(tmp_path):
    lines = _csv_lines()
    row5 = CSV_LINES[4] - 1  # 72TEHRAN5055 starts on line 211
    victim = next(n for n in range(row5 + 5, CSV_LINES[5] - 2) if len(lines[n]) > 20)
    lines[victim] = lines[victim][:10] + '"' + lines[victim][10:]  # an unescaped quote
    broken = tmp_path / "cables.csv"
    broken.write_bytes("\r\n".join(lines).encode("ascii"))

    items = read(broken)
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len(rejections) == 1
    assert (rejections[0].line, rejections[0].cable_id) == (211, "72TEHRAN5055")
    assert str(rejections[0]).startswith(f"{broken}:211: 72TEHRAN5055: ")
    good = [i for i in items if isinstance(i, CableText)]
    assert [c.source.given_id for c in good] == CSV_IDS[:4] + CSV_IDS[5:]
    assert [c.source.line for c in good] == CSV_LINES[:4] + CSV_LINES[5:]


def test_csv_row_missing_its_closing_quote_does_not_swallow_the_next_rows(tmp_path):
    lines = _csv_lines()
    end_of_row3 = CSV_LINES[3] - 2  # the line holding row 3's closing quote
    assert lines[end_of_row3] == '"'
    del lines[end_of_row3]
    broken = tmp_path / "cables.csv"
    broken.write_bytes("\r\n".join(lines).encode("ascii"))

    items = read(broken)
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [(r.line, r.cable_id) for r in rejections] == [(157, "72TEHRAN1381")]
    assert len([i for i in items if isinstance(i, CableText)]) == 11


def test_truncated_csv_reports_the_unfinished_last_row(tmp_path):
    data = CSV_FILE.read_bytes()
    cut = data.index(b'"12","5/6/1978') + 400
    truncated = tmp_path / "cables.csv"
    truncated.write_bytes(data[:cut])
    items = read(truncated)
    assert [i.source.given_id for i in items[:-1]] == CSV_IDS[:-1]
    assert isinstance(items[-1], Rejection)
    assert (items[-1].line, items[-1].cable_id) == (697, "78KABUL3619")
    assert "unterminated" in items[-1].reason


def test_gzipped_csv_is_streamed(tmp_path):
    packed = tmp_path / "cables.csv.gz"
    packed.write_bytes(gzip.compress(CSV_FILE.read_bytes()))
    items = read(packed)
    assert [i.source.given_id for i in items] == CSV_IDS
    assert {i.source.path for i in items} == {str(packed)}

    # a dump cut off mid-stream: the rows before the cut, then one rejection
    packed.write_bytes(gzip.compress(CSV_FILE.read_bytes() * 20)[:-2000])
    *rows, last = read(packed)
    assert len(rows) > 12 and all(isinstance(i, CableText) for i in rows)
    assert isinstance(last, Rejection) and "truncated" in last.reason and last.line > rows[-1].source.line


# --- mongoexport JSON, scraped text -----------------------------------------------------

def mongo_record(name: str) -> CableText:
    """Read under a neutral name, so that only ``_id`` can give an ID."""
    [item] = read_cable_texts_from_bytes((EXAMPLES / "mongoexport-json" / name).read_bytes(), "export.json")
    return item


def test_mongo_id_holding_references_is_not_taken_as_given_id():
    multi = mongo_record("04NEWDELHI5734.json")
    assert multi.source.given_id is None
    assert multi.source.site_metadata == {
        "created": "2004-09-10 14:09",
        "origin": "Embassy New Delhi",
        "classification": "CONFIDENTIAL",
        "references": ["04DHAKA3127", "04KOLKATA350", "04NEWDELHI5486"],
    }
    assert multi.text.startswith("C O N F I D E N T I A L  NEW DELHI 005734   E.O. 12958")
    assert multi.source.line == 1

    single = mongo_record("98NEWDELHI2879.json")
    assert single.source.given_id is None
    assert single.source.site_metadata["references"] == ["98ISLAMABAD2617"]

    # _id 09DUBAI57 is not 09RPODUBAI57: the station must match in full
    dubai = mongo_record("09RPODUBAI57.json")
    assert dubai.source.given_id is None


def test_mongo_id_naming_the_cable_itself_is_the_given_id():
    record = (b'{ "_id" : "04NEWDELHI5734", "origin" : "Embassy New Delhi", "date_time" : "9/10/2004 14:09", '
              b'"classification" : "CONFIDENTIAL", "body" : "C O N F I D E N T I A L  NEW DELHI 005734   '
              b'E.O. 12958: DECL: 09/09/2014 TAGS: PREL" }\n')
    (cable,) = read_cable_texts_from_bytes(record, "04NEWDELHI5734.json")
    assert cable.source.given_id == "04NEWDELHI5734"
    # mongoexport's default output is JSON lines: one record per line
    lines = list(read_cable_texts_from_bytes(record + b"\n" + record, "delhi.json"))
    assert [(c.source.line, c.source.given_id) for c in lines] == [(1, "04NEWDELHI5734"), (3, "04NEWDELHI5734")]


def test_scraped_text_loses_wrappers_anchors_and_site_date():
    cable = only_cable(EXAMPLES / "scraped-text" / "01VATICAN3507.txt")
    assert cable.source.site_metadata == {"created": "2001-07-03 12:03"}
    assert cable.text.startswith("C O N F I D E N T I A L SECTION 01 OF 04 VATICAN 003507 \nSIPDIS \n")
    assert "<code>" not in cable.text and "<pre>" not in cable.text and "</pre>" not in cable.text
    assert "\n1. (U) CLASSIFIED BY CDA JOSEPH MERANTE" in cable.text
    assert_clean(cable.text)


def test_scraped_site_stub_without_cable_is_rejected(tmp_path):
    stub = tmp_path / "04OTTAWA3115.txt"
    stub.write_bytes(b"Appears in these articles:<br />\n")  # as 46 files of the real scrape are
    assert "Appears in these articles" in only_rejection(stub).reason


def test_tika_text_is_decoded_from_cp1252_with_crlf_normalised():
    path = EXAMPLES / "raw-text" / "tika" / "09PARIS1052.txt"
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\xb6" in raw
    cable = only_cable(path)
    assert_clean(cable.text)
    assert "\n1.  (SBU) SUMMARY: France actively supports" in cable.text


def test_cp1252_and_latin1_files_decode(tmp_path):
    telegram = ("O 031636Z AUG 09\r\nFM AMEMBASSY BRASILIA\r\nTO SECSTATE WASHDC\r\n"
                "UNCLAS BRASILIA 001052\r\nTAGS: PHUM BR\r\n"
                "SUBJECT: S\u00c3O PAULO\r\n1. THE MINISTER\u2019S VIEW ON S\u00e3o Paulo.\r\n")
    (tmp_path / "cp1252.txt").write_bytes(telegram.encode("cp1252"))
    cable = only_cable(tmp_path / "cp1252.txt")
    assert "THE MINISTER\u2019S VIEW ON S\u00e3o Paulo." in cable.text  # 0x92 -> right quote
    assert "\r" not in cable.text
    (tmp_path / "oldmac.txt").write_bytes(telegram.replace("\r\n", "\r").encode("cp1252"))
    assert only_cable(tmp_path / "oldmac.txt").text == cable.text  # bare CR line ends too


# --- directories and archives ------------------------------------------------------------

def test_directory_is_read_recursively_in_sorted_order():
    items = read(EXAMPLES)
    assert not [str(i) for i in items if isinstance(i, Rejection)]
    assert len(items) == 39  # 27 single-cable files + 12 CSV rows
    paths = [i.source.path for i in items]
    assert paths[0] == str(EXAMPLES / "archives" / "09TRIPOLI554.html.gz")
    assert paths == sorted(paths, key=lambda p: p.split("!")[0])
    assert read(EXAMPLES) == items  # deterministic
    gold = {"96ANKARA12278", "01STATE176819", "05DUBLIN286", "09LONDON2816", "10SEOUL290"}
    assert gold <= {i.source.given_id for i in items}


def test_zip_and_gz_yield_their_cables():
    zipped = read(EXAMPLES / "archives" / "two-cables.zip")
    assert [(Path(c.source.path).name, c.source.given_id) for c in zipped] == [
        ("two-cables.zip!08BAKU815.html", "08BAKU815"),
        ("two-cables.zip!09STOCKHOLM720.html", "09STOCKHOLM720"),
    ]
    gz = only_cable(EXAMPLES / "archives" / "09TRIPOLI554.html.gz")
    assert (gz.source.given_id, gz.source.format) == ("09TRIPOLI554", "html-cablegate-2010")
    assert "TAGS: PREL PGOV ER SO AU LY" in gz.text


def test_nested_archives(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("b/09LONDON2816.html", (HTML_2010 / "2009" / "12" / "09LONDON2816.html").read_bytes())
        archive.writestr("a/cables.csv.gz", gzip.compress(CSV_FILE.read_bytes()))
        archive.writestr("c/empty.txt", b"")
    outer = tmp_path / "bundle.zip.gz"
    outer.write_bytes(gzip.compress(inner.getvalue()))
    items = read(outer)
    cables = [i for i in items if isinstance(i, CableText)]
    assert [c.source.given_id for c in cables] == CSV_IDS + ["09LONDON2816"]
    assert cables[0].source.path == f"{outer}!a/cables.csv.gz"
    (empty,) = [i for i in items if isinstance(i, Rejection)]
    assert (empty.path, empty.reason) == (f"{outer}!c/empty.txt", "empty file")


# --- bad input ------------------------------------------------------------------------------

def test_bad_inputs_are_rejected_one_by_one_and_reading_goes_on(tmp_path):
    page = (HTML_2010 / "2009" / "10" / "09MILAN209.html").read_bytes()
    gz = (EXAMPLES / "archives" / "09TRIPOLI554.html.gz").read_bytes()
    bad = {
        "a_empty.txt": b"",
        "b_blank.txt": b"\n \r\n\t\n",
        "c_binary.bin": bytes(range(256)) * 40,
        "d_truncated.html": page[: page.index(b"<code><pre>", page.index(b"</pre>")) + 3000],
        "e_truncated.html.gz": gz[: len(gz) // 2],
        "f_not_a_cable.txt": b"Shopping list\n- eggs\n- milk\n",
        "g_bad.zip": b"PK\x03\x04 this is no zip",
        "h_broken.json": b'{ "_id" : "", "body" : "C O N F I D E N T',
        "i_utf16.txt": "UNCLAS STATE 000001\nTAGS: PREL\n".encode("utf-16"),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    shutil.copy(HTML_2010 / "2009" / "10" / "09MILAN209.html", tmp_path / "z_good.html")

    items = read(tmp_path)
    assert [Path(i.path).name for i in items if isinstance(i, Rejection)] == sorted(bad)
    reasons = {Path(i.path).name: i.reason for i in items if isinstance(i, Rejection)}
    assert reasons["a_empty.txt"] == reasons["b_blank.txt"] == "empty file"
    assert "binary" in reasons["c_binary.bin"]
    assert "truncated HTML page" in reasons["d_truncated.html"]
    assert "truncated" in reasons["e_truncated.html.gz"]
    assert "not a recognised cable format" in reasons["f_not_a_cable.txt"]
    assert "zip" in reasons["g_bad.zip"].lower() or "truncated or unreadable" in reasons["g_bad.zip"]
    assert "JSON" in reasons["h_broken.json"]
    assert "UTF-16" in reasons["i_utf16.txt"]
    assert all("\n" not in reason for reason in reasons.values())
    assert isinstance(items[-1], CableText) and items[-1].source.given_id == "09MILAN209"


def test_missing_path_is_a_rejection():
    rejection = only_rejection("/nonexistent/cable.html")
    assert str(rejection) == "/nonexistent/cable.html: no such file or directory"


def test_oversized_file_is_rejected(tmp_path):
    telegram = (EXAMPLES / "raw-text" / "06DUSHANBE870.txt").read_bytes()
    huge = tmp_path / "huge.txt"
    huge.write_bytes(telegram + b"FILLER LINE OF TEXT\n" * (MAX_FILE_BYTES // 20 + 10))
    rejection = only_rejection(huge)
    assert "larger than" in rejection.reason


def test_oversized_csv_row_is_rejected_and_the_next_row_read(tmp_path):
    lines = _csv_lines()
    filler = ["PADDING LINE " * 8] * (2 * MAX_CABLE_CHARS // 100 + 10)
    at = CSV_LINES[1] - 3  # inside row 1's content
    lines[at:at] = filler
    big = tmp_path / "cables.csv"
    big.write_bytes("\r\n".join(lines).encode("ascii"))
    items = read(big)
    assert isinstance(items[0], Rejection) and items[0].cable_id == "66BUENOSAIRES2481"
    assert "longer than" in items[0].reason
    assert [i.source.given_id for i in items[1:]] == CSV_IDS[1:]


def test_rejection_str_is_one_line():
    assert str(Rejection("dump.csv", "unescaped quote", line=12, cable_id="06XYZ1")) == \
        "dump.csv:12: 06XYZ1: unescaped quote"
    assert str(Rejection("a.html", "empty file")) == "a.html: empty file"


# --- the whole shared corpus ---------------------------------------------------------------

def _shared_corpus() -> Path:
    corpus = SHARED / "corpus"
    if not (corpus / "manifest.csv").is_file():
        pytest.fail(f"shared data missing: expected the corpus at {corpus.resolve()} (../shared from the project root)")
    return corpus


# 46 scraped files hold only the site's "Appears in these articles:<br />" stub, no cable:
# the one exception to "one CableText per file".
STUB = b"Appears in these articles:<br />\n"


def test_every_manifest_file_yields_its_cable():
    corpus = _shared_corpus()
    rows = list(csv.DictReader((corpus / "manifest.csv").open(encoding="utf-8")))
    assert len(rows) == 2099
    stubs = longest = 0
    for row in rows:
        path = corpus / row["path"]
        items = read(path)
        if path.read_bytes() == STUB:
            stubs += 1
            assert len(items) == 1 and isinstance(items[0], Rejection), row["path"]
            continue
        expected = 12 if row["path"].startswith("cables-csv/") else 1
        assert len(items) == expected, (row["path"], [str(i) for i in items])
        for item in items:
            assert isinstance(item, CableText), str(item)
            assert "\u00b6" not in item.text and "<a " not in item.text, row["path"]
            longest = max(longest, len(item.text))
            if item.source.given_id and row["cable_id"]:
                assert item.source.given_id == row["cable_id"], row["path"]
        if row["path"].startswith(("cablegate-html", "wikileaks-cable-page")):
            assert items[0].source.given_id == row["cable_id"]
            metadata = items[0].source.site_metadata
            assert {k: metadata[k] for k in ("created", "released", "classification", "origin")} == \
                {k: row[k] for k in ("created", "released", "classification", "origin")}
    assert stubs == 46
    # the size limit keeps a wide margin over the largest real cable (~55,000 characters)
    assert longest * 20 < MAX_CABLE_CHARS
