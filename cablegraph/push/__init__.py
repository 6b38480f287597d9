"""Push the store's graphs to a remote triple store (SPARQL 1.1 Update or Graph
Store HTTP Protocol): see :mod:`cablegraph.push.pusher`."""
from cablegraph.push.http import PushError, RetryPolicy
from cablegraph.push.journal import PushJournal, journal_path
from cablegraph.push.pusher import (
           PushSummary,
           PushTarget,
           graphs_of_cables,
           push_graphs,
           store_graphs,
)

__all__ = ["PushError", "PushJournal", "PushSummary", "PushTarget", "RetryPolicy", "graphs_of_cables",
           "journal_path", "push_graphs", "store_graphs"]
