"""Interaction: one module per page; each callback interprets inputs, queries, hands to layouts."""
