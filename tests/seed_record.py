"""The record the parser gives for the seed cable 06DUSHANBE870, written by hand
from ``../shared/corpus/raw-txt/06DUSHANBE870.txt`` so that mapping tests do
not depend on the parser."""
from __future__ import annotations

from cablegraph.record import (DATETIME_FROM_DTG, CableRecord, ClassifiedBy, Paragraph, Recipient, Reference, Source,
                               Station)

INFO = [
    ("RUEHDBU", "AMEMBASSY DUSHANBE"),
    ("RHEHAAA", "NATIONAL SECURITY COUNCIL WASHINGTON DC"),
    ("RUEKJCS", "SECDEF WASHINGTON DC"),
    ("RUEKJCS", "Joint STAFF WASHDC"),
    ("RHMFIS", "HQ USCENTCOM MACDILL AFB FL"),
    ("RUEAIIA", "CIA WASHDC"),
    ("RHEFDIA", "DIA WASHINGTON DC"),
    ("RUEHMO", "AMEMBASSY MOSCOW"),
    ("RUEHEK", "AMEMBASSY BISHKEK"),
    ("RUEHTA", "AMEMBASSY ALMATY"),
    ("RUEHNT", "AMEMBASSY TASHKENT"),
    ("RUEHAA", "AMEMBASSY ASHGABAT"),
    ("RUEHBUL", "AMEMBASSY KABUL"),
    ("RUEHIL", "AMEMBASSY ISLAMABAD"),
    ("RUEHAK", "AMEMBASSY ANKARA"),
    ("RUEHBJ", "AMEMBASSY BEIJING"),
    ("RUEHRL", "AMEMBASSY BERLIN"),
    ("RUEHLO", "AMEMBASSY LONDON"),
]


def seed_record(**changes) -> CableRecord:
    record = CableRecord(
        reference_id="06DUSHANBE870",
        origin=Station(station="DUSHANBE", name="Embassy Dushanbe", routing_indicator="RUEHDBU"),
        datetime="2006-05-11T16:47:00Z",
        datetime_source=DATETIME_FROM_DTG,
        precedence="IMMEDIATE",
        transmission_id="VZCZCXRO1750",
        is_partial=False,
        classification="SECRET",
        caveats=["SIPDIS"],
        recipients=[Recipient("RUEHC", "SECSTATE WASHDC", "IMMEDIATE")],
        info_recipients=[Recipient(ri, name) for ri, name in INFO],
        declassify_on="2031-05-11",
        tags=["PREL", "PGOV", "PINR", "SNAR", "RS", "TI"],
        subject="URGENT REQUEST FOR DEMARCHE ON SOUTH AND CENTRAL ASIAN "
        "COUNTER-NARCOTICS AND SECURITY CONFERENCE",
        references=[],
        classified_by=ClassifiedBy(
            name="RICHARD E. HOAGLAND",
            title="AMBASSADOR, EXEC, EMBASSY DUSHANBE",
            reasons="1.4 (B), (D)",
        ),
        signers=["HOAGLAND"],
        summary=None,
        paragraphs=[
            Paragraph(1, "U", "THIS IS AN ACTION REQUEST. SEE PARA NINE BELOW."),
            Paragraph(2, "S", "ON MAY 11 AT 1800 LOCAL, GENERAL-COLONEL SAIDIMIR ZUHUROV, CHAIRMAN OF "
                      "THE TAJIK STATE BORDER COMMITTEE, CALLED THE U.S. DEFENSE ATTACHE AND "
                      "REQUESTED AN URGENT MEETING."),
            Paragraph(9, None, "COMMENT AND ACTION REQUEST: GENERAL ZUHUROV IS ONE OF THE STRAIGHTEST "
                      "SHOOTERS IN TAJIKISTAN."),
        ],
        source=Source(path="06DUSHANBE870.txt", format="raw-text"),
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


# The seed cable has no REF block: a cited cable in the dump and one outside it
REFERENCES = [
    Reference(id="06STATE73557", label="A"),
    Reference(id="06DUSHANBE99999", label="B"),
    Reference(id=None, label="C", text="DUSHANBE-DATT EMAIL OF MAY 11"),
]
