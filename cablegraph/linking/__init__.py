"""Links from the cable graph to other datasets: Wikidata, GeoNames, VIAF,
history.state.gov and DBpedia.

One module per job; matching and scoring are pure functions, only
:mod:`~cablegraph.linking.sources` (local tables), :mod:`~cablegraph.linking.sparql`
(the network, through a disk cache) and :mod:`~cablegraph.linking.run` (the
store and the report files) touch the outside world.

- :mod:`.model`: a link, a person mention, a candidate and its score;
- :mod:`.states`: states from ``countries.csv`` (FIPS-keyed, never ISO-converted);
- :mod:`.missions`: US posts, their city and its GeoNames place;
- :mod:`.chiefs`: US chiefs of mission and their history.state.gov pages;
- :mod:`.names`, :mod:`.scoring`: name variants and similarity, candidate scores;
- :mod:`.people`: offline reconciliation against history.state.gov's people;
- :mod:`.wikidata`: the queries and result parsing of the online path;
- :mod:`.graph`, :mod:`.void`, :mod:`.report`: quads, the VoID description, the report.
"""
from cablegraph.linking.model import Candidate, Decision, Link, Mention, Thresholds

__all__ = ["Candidate", "Decision", "Link", "Mention", "Thresholds"]
