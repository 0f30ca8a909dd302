"""layouts/cluster_profile.py: a cluster's profile panel, with its sources, as components."""

from __future__ import annotations

from layouts.cluster_profile import profile_panel
from queries.cluster_directory import cluster_profile
from queries.documents import documents
from tests.helpers import visible_text


def test_profile_shows_sources_criteria_and_history(cur) -> None:
    profile = cluster_profile(cur, "mow-zelenograd")
    panel = profile_panel(profile, documents(cur, profile.citations), "en")
    text = visible_text(panel)
    assert "003_2798292aea7c5742.txt:48" in text
    assert "003_2798292aea7c5742.txt:79" in text  # the participants figure
    assert "meets" in text and "Status across the documents" in text
    assert "Strategy for the development of Moscow" in text


def test_every_cluster_has_a_profile_that_cites_its_first_line(cur) -> None:
    rows = cur.execute("SELECT cluster_id, source_file, source_line FROM clusters").fetchall()
    for i, (cluster_id, file, line) in enumerate(rows):
        lang = ("ru", "en")[i % 2]  # both languages, each cluster once
        profile = cluster_profile(cur, cluster_id)
        text = visible_text(profile_panel(profile, documents(cur, profile.citations), lang))
        assert f"{file}:{line}" in text, (cluster_id, lang)


def test_profile_without_participants_says_not_enough_data(cur) -> None:
    profile = cluster_profile(cur, "ta-kamsky-innovative")
    text = visible_text(profile_panel(profile, documents(cur, profile.citations), "ru"))
    assert "недостаточно данных" in text and "соответствует" not in text
