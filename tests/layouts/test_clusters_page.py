"""layouts/clusters_page.py: the cluster explorer's skeleton for `?lang=` and `?cluster=`."""

from __future__ import annotations

from layouts.clusters_page import layout
from tests.helpers import visible_text, walk


def test_layout_builds_without_arguments_and_prefixes_its_ids() -> None:
    ids = [node.id for node in walk(layout()) if getattr(node, "id", None)]
    assert ids and all(isinstance(i, dict) or i.startswith("cl-") for i in ids)
    assert len(ids) == len(set(map(str, ids)))


def test_layout_reads_language_and_cluster_from_the_address() -> None:
    page = layout(lang="en", cluster="mow-zelenograd", utm_source="x")
    nodes = {node.id: node for node in walk(page) if isinstance(getattr(node, "id", None), str)}
    assert nodes["cl-selected"].data == "mow-zelenograd"
    assert nodes["cl-lang"].data == "en"
    assert nodes["cl-lang-link"].href == "/clusters?cluster=mow-zelenograd"
    assert "Cluster explorer" in visible_text(page)
