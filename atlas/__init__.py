"""Cluster Atlas core: settings, the versioned DuckDB store and the command line."""
