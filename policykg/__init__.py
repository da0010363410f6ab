"""policykg: a knowledge graph of Vietnamese public-health policy."""
__version__ = "0.1.0"
