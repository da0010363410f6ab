"""The shared base of every layer: Vietnam's administrative units of both maps (`places`),
text folding (`text`) and the vocabulary of documents and bodies (`vocab`). It imports
nothing of the loaders, the graph, the queries or the app."""
