"""Bytes -> text: the decoding and line-end rules every reader shares."""
from __future__ import annotations

_BOM = "\ufeff"


def decode_text(data: bytes) -> str:
    """Decode UTF-8, falling back to cp1252 then latin-1; line ends become ``\\n``.

    UTF-8 first because it is strict: cp1252 text almost never decodes as
    UTF-8 by accident. cp1252 before latin-1 because Windows-made files (the
    tika texts) use 0x80-0x9F for typographic quotes and dashes; latin-1
    (which never fails) catches the five bytes cp1252 leaves undefined.
    """
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    if text.startswith(_BOM):
        text = text[1:]
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
