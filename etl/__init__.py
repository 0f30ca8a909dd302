"""Data pipeline: transcribed sources and imported files → a new DuckDB version."""
