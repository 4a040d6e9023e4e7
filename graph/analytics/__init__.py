"""Analytics over a projection of the graph.

- :mod:`.projection`: a :class:`~.projection.Slice` of the graph (types, labels, years, weight) as a NetworkX DiGraph
- :mod:`.measures`: centrality and communities, NetworkX style (graph in, dict out, no IO)
- :mod:`.igraph_engine`: the same measures computed by igraph on large graphs
- :mod:`.trade`: arms-transfer measures (supplier dependence, change between two windows)
- :mod:`.service`: the analytics as the API and the CLI ask for them (project, compute, name, cache)
"""
