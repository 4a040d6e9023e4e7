"""Every Cypher statement the project runs, one named ``.cypher`` file each, read by name through
:mod:`graph.queries` and checked against ``graph/model.yaml`` by the tests."""
