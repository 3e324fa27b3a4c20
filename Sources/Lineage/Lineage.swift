// Lineage: the process graph.
