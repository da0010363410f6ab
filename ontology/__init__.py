"""The ontology (`policykg.ttl`) and the SHACL shapes (`shapes.ttl`): package data, read
through `policykg.resources`."""
