"""What the user sees: component trees per page/panel and the one figure engine."""
