"""cablegraph's web server: the SPARQL 1.1 Protocol at ``/sparql``, stored queries
at ``/api/<name>``, dereferenceable ``/id/...`` IRIs and a query page at ``/``.

``https://cablegraph.org/id/<rest>`` is served at ``<server root>/id/<rest>``:
pages link nodes by that server-relative path and RDF answers keep the
canonical IRIs, so the server can run on a laptop or behind a reverse proxy
that forwards ``https://cablegraph.org/id/`` (and ``/sparql``, ``/api/``) to it.
"""
from cablegraph.server.app import CablegraphApp, Settings

__all__ = ["CablegraphApp", "Settings"]
