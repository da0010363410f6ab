"""The graph: parse records → RDF quads in each document's named graph → the store."""
