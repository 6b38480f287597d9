"""What several field parsers share."""

# Header fields (TAGS, SUBJECT, Classified By, the summary) are looked for in the
# first HEAD characters only: they stand before the first paragraphs.
HEAD = 20000
# Paragraph and subject markings: (C), (SBU), (S/NF), ...
MARKING = r"(?:U|C|S|TS|SBU|NF|LOU|S/NF|C/NF|S//NF|C//NF|S/REL|SBU/NF|U//FOUO|FOUO|CLASSIFIED|S-NF|C-NF)"
