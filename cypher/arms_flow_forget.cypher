// Remove every ARMS_FLOW and the marker that says it was built: the graph as an armsgraph before
// ARMS_FLOW left it (tests of the rebuild; graph.arms_flow.ensure builds it again).
CALL () {
  MATCH ()-[f:ARMS_FLOW]->()
  DELETE f
}
MATCH (m:Meta {key: 'graph'})
REMOVE m.arms_flow
