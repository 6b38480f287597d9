"""Entity extraction: the seed cable fact by fact, the rules on real sentences
from other cables, the extract command, and the scores on the shared gold."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cablegraph
from cablegraph.cli import main
from cablegraph.extract import extract_entities
from cablegraph.record import CableRecord, ClassifiedBy, Paragraph, Station

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "cables" / "raw-text" / "06DUSHANBE870.txt"
SHARED = Path(__file__).parents[1] / ".." / "shared"
GOLD = SHARED / "gold" / "entities-dev"


@pytest.fixture(scope="module")
def seed() -> dict:
    record = cablegraph.parse_text(SEED.read_text(encoding="utf-8"))
    return extract_entities(record).as_gold_dict()


def official(entities: dict, name: str) -> dict:
    matches = [o for o in entities["officials"] if o["name"] == name]
    assert matches, f"{name} not among {[o['name'] for o in entities['officials']]}"
    return matches[0]


def record_of(*paragraphs: str, station: str | None = None, when: str = "2009-06-01T12:00:00Z",
              classified_by: ClassifiedBy | None = None) -> CableRecord:
    return CableRecord(
        reference_id="09TEST1", datetime=when, origin=Station(station=station),
        paragraphs=[Paragraph(i, None, text) for i, text in enumerate(paragraphs, start=1)],
        classified_by=classified_by,
    )


# -- the seed cable, fact by fact ------------------------------------------------
def test_seed_gold_schema_keys_in_order(seed):
    assert list(seed) == ["cable_id", "path", "officials", "states", "events", "missions", "notes"]
    assert seed["cable_id"] == "06DUSHANBE870"
    for person in seed["officials"]:
        assert list(person) == ["name", "surface", "titles", "organization", "state", "paragraphs"]
    for event in seed["events"]:
        assert list(event) == ["name", "kind", "start", "end", "place", "organizers", "participants",
                               "observers", "paragraphs"]


def test_seed_zuhurov(seed):
    zuhurov = official(seed, "Saidimir Zuhurov")
    assert zuhurov["titles"] == ["General-Colonel", "Chairman of the Tajik State Border Committee"]
    assert zuhurov["organization"] == "Tajik State Border Committee"
    assert zuhurov["state"] == "TJ"
    assert zuhurov["surface"] == ["SAIDIMIR ZUHUROV", "ZUHUROV"]
    assert zuhurov["paragraphs"] == [2, 3, 4, 5, 6, 7, 9]  # later mentions by surname join him


def test_seed_lavrov_rahmonov_hoagland(seed):
    lavrov = official(seed, "Sergey Lavrov")
    assert (lavrov["titles"], lavrov["state"], lavrov["paragraphs"]) == (["Foreign Minister"], "RU", [2])
    rahmonov = official(seed, "Rahmonov")  # no first name given, none added
    assert (rahmonov["titles"], rahmonov["state"], rahmonov["paragraphs"]) == (["President"], "TJ", [3, 7])
    hoagland = official(seed, "Richard E. Hoagland")  # Classified By only; the signature does not count
    assert (hoagland["titles"], hoagland["state"], hoagland["paragraphs"]) == (["Ambassador"], "US", [])


def test_seed_has_no_other_officials(seed):
    assert sorted(o["name"] for o in seed["officials"]) == [
        "Rahmonov", "Richard E. Hoagland", "Saidimir Zuhurov", "Sergey Lavrov"]


def test_seed_states(seed):
    assert seed["states"] == ["AF", "CN", "DE", "GB", "IN", "KG", "KZ", "PK", "RU", "TJ", "TM", "TR", "US", "UZ"]


def test_seed_dushanbe_conference(seed):
    conference = seed["events"][0]
    assert conference["name"] == "Central and South Asian Counter-Narcotics and Security Conference"
    assert conference["kind"] == "conference"
    assert (conference["start"], conference["end"]) == ("2006-05-15", "2006-05-17")
    assert conference["place"] == "Dushanbe"
    assert conference["organizers"] == ["US Central Command", "George C. Marshall Center"]
    assert {"KG", "KZ", "UZ", "TM", "RU", "AF", "PK", "TJ", "US", "GB"} <= set(conference["participants"])
    assert conference["observers"] == ["IN", "CN", "TR"]
    assert conference["paragraphs"] == [2, 3, 4, 6, 7, 8, 9]


def test_seed_state_roles():
    record = cablegraph.parse_text(SEED.read_text(encoding="utf-8"))
    conference = extract_entities(record).events[0]
    declined = {code for code, roles in conference.roles.items() if "declined" in roles}
    opposed = {code for code, roles in conference.roles.items() if "opposed" in roles}
    assert {"UZ", "TM"} <= declined
    assert "RU" in opposed
    assert not {"KG", "KZ", "IN", "TR"} & declined


def test_seed_garmisch_conference_is_the_earlier_meeting(seed):
    garmisch = seed["events"][1]
    assert garmisch["place"] == "Garmisch"
    assert garmisch["kind"] == "conference"
    assert (garmisch["start"], garmisch["end"]) == (None, None)  # "November 2005": no day
    assert garmisch["paragraphs"] == [6, 8]
    assert {"UZ", "TM"} <= set(garmisch["participants"])
    assert len(seed["events"]) == 2


def test_seed_missions(seed):
    assert seed["missions"] == ["Chinese Embassy in Dushanbe", "Russian Embassy in Dushanbe", "US Embassy Dushanbe"]


def test_each_fact_has_paragraphs_and_confidence():
    record = cablegraph.parse_text(SEED.read_text(encoding="utf-8"))
    entities = extract_entities(record)
    for fact in [*entities.officials, *entities.events, *entities.missions]:
        assert 0 < fact.confidence <= 1
    assert {s.code: s.paragraphs for s in entities.states}["UZ"] == [2, 4, 6, 8]


# -- rules on real sentences from other cables ------------------------------------
def test_mixed_case_titles_apposition_and_surname_join():
    entities = extract_entities(record_of(
        "Poloffs met on April 27th with Pandit N. K. Sharma -- who once headed Muslim Outreach -- as well "
        "as Maulana Mahmood Madani, a member of Parliament and prominent leader of the Deobandi political "
        "organization Jamiat Ulema-e Hind (JuH), a longtime Congress ally.",
        "Madani said Fazl ur-Rahman wanted to discuss Taliban reconciliation.",
        station="NEWDELHI")).as_gold_dict()
    madani = official(entities, "Mahmood Madani")
    assert madani["paragraphs"] == [1, 2]
    assert "Maulana" in madani["titles"] and "Member of Parliament" in madani["titles"]
    assert official(entities, "N. K. Sharma")["titles"] == ["Pandit"]
    assert "Taliban" not in {o["name"] for o in entities["officials"]}


def test_titles_shared_by_a_list_of_names():
    entities = extract_entities(record_of(
        "The forum extended invitations to a group of 10 administration officials, including VP Biden; "
        "Secretaries Clinton, Geithner, and Lahood; U/S Hormats; and A/S Feltman.")).as_gold_dict()
    titles = {o["name"]: o["titles"] for o in entities["officials"]}
    assert titles == {"Biden": ["Vice President"], "Clinton": ["Secretary"], "Geithner": ["Secretary"],
                      "Lahood": ["Secretary"], "Hormats": ["Under Secretary"], "Feltman": ["Assistant Secretary"]}


def test_all_caps_names_are_title_cased_with_particles():
    entities = extract_entities(record_of(
        "POLOFF MET WITH MONSIGNOR LUIS MARRANO DE MONTEMAYOR, EAST ASIA AND AFGHANISTAN DESK OFFICER. "
        "MONTEMAYOR SAID THE HOLY SEE WOULD WAIT.")).as_gold_dict()
    person = official(entities, "Luis Marrano de Montemayor")
    assert person["surface"] == ["LUIS MARRANO DE MONTEMAYOR", "MONTEMAYOR"]
    assert "Monsignor" in person["titles"]
    assert entities["states"] == ["AF", "VA"]


def test_nationality_in_front_of_a_title_gives_the_state_and_is_dropped():
    entities = extract_entities(record_of(
        "The Mongolian side met Eritrean President Isaias Afwerki and Japanese Deputy Foreign Minister "
        "Mitoji Yabunaka.")).as_gold_dict()
    assert official(entities, "Isaias Afwerki")["state"] == "ER"
    yabunaka = official(entities, "Mitoji Yabunaka")
    assert (yabunaka["titles"], yabunaka["state"]) == (["Deputy Foreign Minister"], "JP")


def test_us_principals_by_title_and_surname_are_us_officials_on_their_dates():
    entities = extract_entities(record_of(
        "President Obama's speech was welcomed by Egyptian officials. Former President Clinton and "
        "Secretary Rice were not mentioned. Vice President Biden will visit.",
        "President Mubarak told the Ambassador he would not attend.",
        station="CAIRO", when="2009-06-04T12:00:00Z")).as_gold_dict()
    states = {o["name"]: o["state"] for o in entities["officials"]}
    # Rice left office in January 2009: "Secretary Rice" is no longer the US principal's title
    assert states == {"Obama": "US", "Clinton": "US", "Rice": None, "Biden": "US", "Mubarak": "EG"}
    entities = extract_entities(record_of(
        "President Johnson Sirleaf and President Johnson of the Senate met on Monday.",
        station="MONROVIA", when="2008-03-05T12:00:00Z")).as_gold_dict()
    assert "US" not in {o["state"] for o in entities["officials"]}  # no US President Johnson in 2008


def test_host_state_from_the_station_and_none_at_a_mission_to_an_organisation():
    text = "Prime Minister Perry Christie said the Cabinet would decide."
    assert official(extract_entities(record_of(text, station="NASSAU")).as_gold_dict(),
                    "Perry Christie")["state"] == "BS"
    assert official(extract_entities(record_of(text, station="GENEVA")).as_gold_dict(),
                    "Perry Christie")["state"] is None
    entities = extract_entities(record_of(
        "Minister of Trade and Industry Leslie Miller and MFA Desk Officer Anne Morel joined the meeting.",
        "Chief of Protocol Marc Petit met Deputy Assistant Secretary of State Mark Jones at the airport.",
        station="PARIS")).as_gold_dict()
    assert {o["name"]: o["state"] for o in entities["officials"]} == {
        "Leslie Miller": "FR", "Anne Morel": "FR", "Marc Petit": "FR", "Mark Jones": "US"}


def test_us_titles_with_their_bureau_or_department():
    entities = extract_entities(record_of(
        "Assistant Secretary for East Asian and Pacific Affairs Kurt Campbell and Deputy Secretary of "
        "the Treasury Robert Kimmitt met Under Secretary for Political Affairs Carlos Vargas and "
        "Under Secretary at the Ministry of Foreign Affairs Philip Miller.",
        "Under Secretary of State for Political Affairs William Burns arrived.", station="BRASILIA")).as_gold_dict()
    assert {o["name"]: o["state"] for o in entities["officials"]} == {
        "Kurt Campbell": "US", "Robert Kimmitt": "US", "Carlos Vargas": None, "Philip Miller": "BR",
        "William Burns": "US"}


def test_a_portfolio_ends_before_the_name_of_its_minister():
    mixed = extract_entities(record_of(
        "German Minister of Justice Brigitte Zypries met Minister of Emergency Situations Kamaladdin "
        "Heydarov; the Minister of Social Protection with the concurrence of the Cabinet agreed.",
        station="BAKU")).as_gold_dict()
    assert {o["name"]: (o["titles"], o["state"]) for o in mixed["officials"]} == {
        "Brigitte Zypries": (["Minister of Justice"], "DE"),
        "Kamaladdin Heydarov": (["Minister of Emergency Situations"], "AZ")}
    caps = extract_entities(record_of("GERMAN MINISTER OF JUSTICE BRIGITTE ZYPRIES SAID SO.")).as_gold_dict()
    assert official(caps, "Brigitte Zypries")["titles"] == ["Minister of Justice"]


def test_a_name_set_off_by_commas_after_a_title():
    entities = extract_entities(record_of(
        "The Minister of Interior, Rehman Malik, said so; Pakistan's Foreign Minister, Shah Mahmood Qureshi, "
        "agreed.",
        "He met the Prime Minister, Foreign Minister, and Defense Minister. The ambassador, Cassandra-like, "
        "warned them.", station="ISLAMABAD")).as_gold_dict()
    assert {o["name"]: (o["titles"], o["state"]) for o in entities["officials"]} == {
        "Rehman Malik": (["Minister of Interior"], "PK"), "Shah Mahmood Qureshi": (["Foreign Minister"], "PK")}


def test_titles_in_a_row_all_go_to_the_name_after_them():
    entities = extract_entities(record_of(
        "Assistant Minister of Defense Major General Fouad Abdel Halim met Vice Minister of Justice "
        "Laura Ferraro.", station="CAIRO")).as_gold_dict()
    assert {o["name"]: (o["titles"], o["state"]) for o in entities["officials"]} == {
        "Fouad Abdel Halim": (["Assistant Minister of Defense", "Major General"], "EG"),
        "Laura Ferraro": (["Vice Minister of Justice"], "EG")}


def test_one_host_holder_of_a_single_holder_title():
    entities = extract_entities(record_of(
        "Prime Minister Reinfeldt opened the debate on energy.",
        "Prime Minister Putin's gas diplomacy worried Reinfeldt.",
        "Reinfeldt said Sweden would hold firm.",
        station="STOCKHOLM")).as_gold_dict()
    assert official(entities, "Reinfeldt")["state"] == "SE"
    assert official(entities, "Putin")["state"] is None  # not Sweden's: Reinfeldt is


def test_a_name_before_a_tenure_word_is_a_person():
    entities = extract_entities(record_of(
        "He headed Muslim Outreach for the Rao government. Progress made during the Clinton presidency "
        "stopped during the Bush Administration.",
        "The Costa Rican government, the Federal government, the AKP-led government and the Hamas "
        "government all objected; the government of the day did not.")).as_gold_dict()
    assert {o["name"] for o in entities["officials"]} == {"Rao", "Clinton", "Bush"}


def test_a_given_name_of_the_corpus_starts_a_name_but_not_a_place():
    entities = extract_entities(record_of(
        "Rahman had met with Sonia Gandhi before he flew to San Pedro Sula.")).as_gold_dict()
    assert [o["name"] for o in entities["officials"]] == ["Sonia Gandhi"]


def test_a_state_a_title_is_about_is_not_the_state_its_holder_serves():
    entities = extract_entities(record_of(
        "Special Representative for Afghanistan and Pakistan Richard Holbrooke, Iraq Desk Officer "
        "Jane Doe and Afghan Foreign Minister Rangin Spanta met in Kabul.", station="STOCKHOLM")).as_gold_dict()
    found = {o["name"]: (o["titles"], o["state"]) for o in entities["officials"]}
    assert found["Richard Holbrooke"] == (["Special Representative for Afghanistan and Pakistan"], None)
    assert found["Jane Doe"] == (["Iraq Desk Officer"], None)
    assert found["Rangin Spanta"] == (["Foreign Minister"], "AF")


def test_spelling_variants_of_one_surname_join():
    entities = extract_entities(record_of(
        "JEFFREY J. LUNSTEAD, SOUTH ASIA BUREAU AFGHANISTAN COORDINATOR, MET MIGLIORE.",
        "LUNDSTEAD SAID THE TALIBAN WOULD FALL.")).as_gold_dict()
    lunstead = official(entities, "Jeffrey J. Lunstead")
    assert lunstead["surface"] == ["JEFFREY J. LUNSTEAD", "LUNDSTEAD"]
    assert lunstead["paragraphs"] == [1, 2]


def test_classified_by_person_is_listed_without_paragraphs():
    entities = extract_entities(record_of(
        "Kim said the talks were dead.",
        classified_by=ClassifiedBy(name="Andrew K. Covington", title="Political Counselor"))).as_gold_dict()
    person = official(entities, "Andrew K. Covington")
    assert (person["titles"], person["state"], person["paragraphs"]) == (["Political Counselor"], "US", [])


def test_state_forms_acronyms_and_look_alikes():
    entities = extract_entities(record_of(
        "THE RUSSIANS AND THE PRC TOLD THE USG THAT KYRGYZ AND TAJIK OFFICIALS AGREED. THEY TOLD US NOTHING.",
        station="DUSHANBE", when="2001-05-01T00:00:00Z")).as_gold_dict()
    assert entities["states"] == ["CN", "KG", "RU", "TJ", "US"]
    entities = extract_entities(record_of(
        "The Organization of American States met Latin American leaders in Hong Kong; Abdel Danish, "
        "Chairman of Exceed, attended.")).as_gold_dict()
    assert entities["states"] == []


def test_korea_and_government_acronyms_by_context():
    entities = extract_entities(record_of(
        "North Korean officials told the ROK and the GOM that the DPRK would not return.",
        station="ULAANBAATAR")).as_gold_dict()
    assert entities["states"] == ["KP", "KR", "MN"]


def test_event_across_a_year_boundary():
    entities = extract_entities(record_of(
        "Brown will host the London Conference on Afghanistan on January 28.",
        station="LONDON", when="2009-12-15T10:00:00Z")).as_gold_dict()
    (event,) = entities["events"]
    assert event["name"] == "London Conference on Afghanistan"
    assert (event["kind"], event["start"], event["end"], event["place"]) == ("conference", "2010-01-28",
                                                                            "2010-01-28", "London")


def test_named_summit_and_talks_with_anaphora():
    entities = extract_entities(record_of(
        "Kim took a very hard line on the Six Party Talks.",
        "He said the DPRK will never return to the talks.",
        "Press conferences followed a meeting with the Foreign Minister.")).as_gold_dict()
    (talks,) = entities["events"]
    assert (talks["name"], talks["kind"], talks["paragraphs"]) == ("Six Party Talks", "negotiations", [1, 2])


def test_missions_in_the_body():
    entities = extract_entities(record_of(
        "We cleared this cable with Embassy Islamabad. The Eritrean Embassy in Washington refused a visa; "
        "THE CHINESE EMBASSY HAD INFORMED THEM.", station="TRIPOLI")).as_gold_dict()
    assert entities["missions"] == ["Eritrean Embassy in Washington", "Chinese Embassy in Tripoli",
                                    "US Embassy Islamabad"]


# -- the command -------------------------------------------------------------------
def test_extract_command_prints_gold_schema_json_lines():
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(SEED)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1
    entities = json.loads(lines[0])
    assert entities["cable_id"] == "06DUSHANBE870"
    assert "Saidimir Zuhurov" in {o["name"] for o in entities["officials"]}


# -- scores on the shared gold -------------------------------------------------------
def _bench():
    spec = importlib.util.spec_from_file_location("extract_quality", ROOT / "bench" / "extract_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("extract_quality", module)
    spec.loader.exec_module(module)
    return module


def test_scores_on_the_shared_gold_stay_above_the_floor():
    if not GOLD.is_dir():
        pytest.fail(f"this test needs the shared gold standard at {GOLD.resolve()}")
    scores = _bench().score(SHARED, repeat=1)
    assert scores.cables == 25
    # measured: officials R 87.5 % P 96.3 %, titles 86.5 %, officials' state 107/170 right and 11 wrong,
    # states F1 98.8 %, events R 76.6 %
    assert scores.officials_recall >= 0.86
    assert scores.officials_precision >= 0.94
    assert scores.titles_recall >= 0.84
    assert scores.official_states_correct >= 105 and scores.official_states_wrong <= 12
    assert scores.states_f1 >= 0.96
    assert scores.events_recall >= 0.74
    assert 1000 * scores.seconds / scores.cables < 60  # a few ms per cable; generous for busy CI machines


@pytest.mark.parametrize("text", [
    "", "   \n\t", "U.S. and U.K. officials met the E.U.'s envoy", "Kim's aide, L'Estrange's note, O'Neil",
    "MUTLU'S VISIT ON 1ST MAY, 1St and 2nd ROUNDS", "the UN’s talks’ end ’s", "A.B 3.5-4/2 12:30 ¶4.",
    "é café ١٢ and ٣rd", "s's 'S x'S 'S's Co.'s a-b-c's", "(S/NF) GEN. PETRAEUS -- \"quoted\" ...",
    "Russian-Chinese's - talks-", "-x-",
])
def test_tokenize_matches_the_token_pattern(text):
    """The column-wise tokenizer gives the tokens :data:`TOKEN` finds one match at a time."""
    from cablegraph.extract.text import tokenize, tokenize_by_match, tokens_and_lowers

    tokens, lowers = tokens_and_lowers(text)
    assert tokens == tokenize_by_match(text) == tokenize(text)
    assert lowers == [t.lower for t in tokens] and lowers.distinct == set(lowers)
    assert lowers.hyphenated == [i for i, word in enumerate(lowers) if "-" in word]
    assert all(lowers[i] == word and word not in lowers[i + 1:] for word, i in lowers.last.items())


@pytest.mark.parametrize("text", [
    "MAY 15-17 IN DUSHANBE", "the conference on 10 November", "in mid-May 15 talks", "O'MAY 3 and x-sept 4",
    "Jan. 28, 2010", "may 15", "AUGU\u017fT 15", "nothing here but 15 rounds", "MAY2006 and 15MAY", "",
    "the May's 15 session", "3 DEC\n\nnext", "DECISION 15",
])
def test_a_text_without_a_month_is_not_searched_for_dates(text):
    """The month prefilter skips only texts whose date search finds nothing."""
    from datetime import date

    from cablegraph.extract.dates import find_dates
    from cablegraph.extract.text import tokens_and_lowers

    _, lowers = tokens_and_lowers(text)
    cable_date = date(2006, 5, 11)
    assert find_dates(text, cable_date, lowers.distinct) == find_dates(text, cable_date)


def test_extraction_leaves_the_collector_as_it_found_it():
    """Extraction freezes the reference data out of the cyclic collector once; it never
    turns the collector on or off."""
    import gc

    record = cablegraph.parse_text(SEED.read_text(encoding="utf-8"))
    assert gc.isenabled()
    extract_entities(record)
    assert gc.isenabled()
    gc.disable()
    try:
        extract_entities(record)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("text", [
    "MAY 15-17 IN DUSHANBE", "the conference on 10 November", "in mid-May 15 talks", "O'MAY 3 and x-sept 4",
    "Jan. 28, 2010", "may 15", "AUGU\u017fT 15", "MAY2006 and 15MAY", "", "3 DEC\n\nnext", "DECISION 15",
    "15 to 17 May, 2009; 1st-3rd JUNE 2010 and 12 through 14 Sept. x15 Dec _3 May a 30 april:",
])
def test_dates_are_tried_where_a_month_or_a_number_starts(text):
    """Trying the date pattern only where a month's name or digits start finds what a
    search over every character finds."""
    from cablegraph.extract.dates import DATE, _date_matches

    assert [m.span() for m in _date_matches(text)] == [m.span() for m in DATE.finditer(text)]


@pytest.mark.parametrize("text", [
    "Russia co-hosted it; CO-HOST Japan, the hosts and xhost cohosting Chairs chairman.",
    "They will not attend. Will NOT participate; planned not to attend; DECLINED, refusal",
    "Observers, OBSERVER-status; members joined the delegations, delegation invited",
    "against the plan, AGAINST A deal, against all; opposing, objected", "Café co-hosted, joined", "",
])
def test_role_cues_are_tried_near_their_stems(text):
    """A role cue tried only just before its stems matches where a search of the whole
    paragraph does."""
    from cablegraph.extract.events import ROLE_CUES, ROLE_STEMS, _cue_places

    lowered = text.lower() if text.isascii() else None
    for role, cue in ROLE_CUES:
        assert _cue_places(cue, text, lowered, ROLE_STEMS[role]) == [m.start() for m in cue.finditer(text)]


@pytest.mark.parametrize("text", ["the Eritrean ", "US\n\t ", "", "  ", "Café ", "x9abc", "end.", "A B"])
def test_last_word_before_a_mission(text):
    import re

    from cablegraph.extract.missions import _last_word

    match = re.search(r"([A-Za-z]+)\s*$", text)
    assert _last_word(text) == (match.group(1) if match else None)
