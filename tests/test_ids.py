"""Reference-ID canonicalisation (cablegraph.loader.ids)."""
from __future__ import annotations

import pytest

from cablegraph.loader import ids


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("06DUSHANBE870", "06DUSHANBE870"),
        ("06DUSHANBE000870", "06DUSHANBE870"),
        ("08ECTION01OF02MANAMA492", "08MANAMA492"),  # "SECTION 01 OF 02" fused into the ID
        ("06SECTION01O02HONGKONG2311", "06HONGKONG2311"),
        ("05RIO123", "05RIODEJANEIRO123"),
        ("07PORT-AU-PRINCE12", "07PORTAUPRINCE12"),
        ("07PAP12", "07PORTAUPRINCE12"),
        ("09USUNNEYORK234", "09USUNNEWYORK234"),
        ("09BA123", "09BUENOSAIRES123"),
        ("07USEU2", "07USEUBRUSSELS2"),
        ("05UNVIE1", "05UNVIEVIENNA1"),
        ("03SECTSTATE12", "03STATE12"),
        ("03MADRIDSP1234", "03MADRID1234"),  # country code glued on
        ("08HALIF1234", "08HALIFAX1234"),
        ("06BRAILIA1079", "06BRASILIA1079"),  # a typo in WikiLeaks' own ID
        ("06EFTOSANAA1621", "06SANAA1621"),  # EFTO marker fused into the station
        ("06SECDEF123", "06SECDEF123"),  # a sender outside the dump stays as written
        ("05EMBASSYBLABLA1", "05BLABLA1"),
    ],
)
def test_canonical_id(raw, expected):
    assert ids.canonical_id(raw) == expected


def test_canonical_id_not_an_id():
    assert ids.canonical_id("") is None
    assert ids.canonical_id("DUSHANBE") is None
    assert ids.canonical_id("06ASTANA") is None


def test_valid_stations_are_never_changed():
    for station in ids.valid_stations():
        assert ids.canonical_station(station) == station


def test_real_ids_with_valid_stations_are_fixed_points():
    # Spot checks over real IDs: their stations are valid, so nothing moves.
    for cable_id in ("06DUSHANBE870", "08PARISFR2144", "09RPODUBAI362", "06KIEV1", "10CDGENEVA3"):
        assert ids.canonical_id(cable_id) == cable_id


@pytest.mark.parametrize(
    "written, expected",
    [
        ("NEW DELHI", "NEWDELHI"),
        ("USUN NEW YORK", "USUNNEWYORK"),
        ("SECSTATE", "STATE"),
        ("STATE", "STATE"),
        ("SECSTATE WASHDC", "STATE"),
        ("PORT AU PRINCE", "PORTAUPRINCE"),
        ("THE HAGUE", "THEHAGUE"),
        ("HAGUE", "THEHAGUE"),
        ("Sao Paulo", "SAOPAULO"),
        ("AIT TAIPEI", "AITTAIPEI"),
        ("HCMC", "HOCHIMINHCITY"),
    ],
)
def test_canonical_station(written, expected):
    assert ids.canonical_station(written) == expected


def test_make_reference_id():
    assert ids.make_reference_id(2006, "DUSHANBE", "000870") == "06DUSHANBE870"
    assert ids.make_reference_id(2004, "NEW DELHI", 5734) == "04NEWDELHI5734"
    assert ids.make_reference_id(2009, "USUN NEW YORK", "000746") == "09USUNNEWYORK746"
    assert ids.make_reference_id(1975, "TEHRAN", "2069") == "75TEHRAN2069"


def test_station_spelt_two_ways_resolves_to_the_published_id():
    # WikiLeaks published some UNESCO Paris cables as PARISFR, others as UNESCOPARISFR:
    # an ID that exists is kept, one that does not gets cablemap's spelling.
    assert ids.canonical_id("08PARISFR2144") == "08PARISFR2144"
    assert ids.canonical_id("05PARISFR1") == "05UNESCOPARISFR1"


def test_dump_id_maps_repaired_ids_back():
    assert ids.dump_id("06DUSHANBE870") == "06DUSHANBE870"
    assert ids.dump_id("06HARARE628") == "06SECION01OF02HARARE628"
    assert ids.dump_id("06NOWHERE1") is None
