"""cablegraph: a knowledge-graph loader and query layer for US diplomatic cables."""
from cablegraph.record import CableRecord

__version__ = "0.1.0"


def parse_text(text: str, year: int | None = None) -> CableRecord:
    """Parse cable text (a whole telegram or any fragment of one) into a record.

    ``year`` is used only where the text itself carries no year (a REF line
    like ``STATE 80908`` in a fragment, a date-time group without one).
    """
    from cablegraph.loader.parser import parse_text as _parse_text

    return _parse_text(text, year=year)


__all__ = ["CableRecord", "parse_text", "__version__"]
