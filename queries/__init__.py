"""Questions the dashboard asks of DuckDB. Pure: no Dash, no Plotly; values travel with sources."""
