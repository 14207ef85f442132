"""The campaign dashboard's library: store, queries, computations, figures."""
