"""Parsers for the fields in a cable's body: TAGS, SUBJECT, REF, Classified By,
DECL date, signers, summary; one module each.

Each is a pure function of the cable text (header then body, any case, with or
without newlines) plus the shipped tables in :mod:`cablegraph.refdata`.
Regular expressions are compiled once at import; every parser looks only at a
bounded window of the text, so the whole field set costs well under a
millisecond per cable.
"""
from cablegraph.loader.fields.classified_by import parse_classified_by, parse_classified_by_all
from cablegraph.loader.fields.declassification import parse_declassify_on
from cablegraph.loader.fields.signers import parse_signers
from cablegraph.loader.fields.site_extras import clean_content, parse_media_urls, tag_kind, titlefy
from cablegraph.loader.fields.subject import parse_subject
from cablegraph.loader.fields.summary import parse_summary
from cablegraph.loader.fields.tags import parse_tags
from cablegraph.loader.fields.references import cited_ids, parse_references

__all__ = [
    "parse_tags",
    "parse_subject",
    "parse_references",
    "cited_ids",
    "parse_classified_by",
    "parse_classified_by_all",
    "parse_declassify_on",
    "parse_signers",
    "parse_summary",
    "parse_media_urls",
    "tag_kind",
    "clean_content",
    "titlefy",
]
