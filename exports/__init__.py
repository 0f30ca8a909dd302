"""A view of the map → files that carry their source: PNG/SVG, CSV/XLSX, PPTX, citations.

Every exporter reads one `ExportView` (`exports.view.export_view`): the view's data, its
rendered map, title, filters, permalink and date, so that every file says the same thing.
"""

from exports.links import embed_code, embed_url, permalink
from exports.view import ExportView, export_view

__all__ = ["ExportView", "embed_code", "embed_url", "export_view", "permalink"]
