"""Named reads behind the API and the CLI: plain values in, plain data out, no FastAPI here.

- :mod:`.params`: the parameters every read shares (dates, years, types, statuses), checked in one place
- :mod:`.entities`: entity search, one entity with its relationships, the timeline
- :mod:`.chains`, :mod:`.chain_tiers`: supplier chains, as a list or as tiers hop by hop
- :mod:`.paths`: paths between two entities
- :mod:`.supply_index`, :mod:`.index_keeper`: the in-memory index of fact edges that chains and paths
  walk, and the keeper that follows the graph's writes
- :mod:`.link_sources`: the sources of one supplier -> recipient link (the explorer page)
- :mod:`.readonly`, :mod:`.cypher_guard`, :mod:`.cypher_tokens`: an analyst's read-only Cypher,
  checked before it runs
"""
