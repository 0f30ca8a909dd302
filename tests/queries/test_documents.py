"""queries/documents.py on the tiny hand-made DuckDB of tests/queries/conftest.py: the documents
behind citations, and every document with the lines stored figures cite."""

from __future__ import annotations

from queries.documents import documents, lines_by_document
from queries.provenance import Citation


def test_documents_lists_each_cited_document_once_with_its_lines(hand_made_cur) -> None:
    tb = documents(hand_made_cur, [Citation("doc.txt", 12), Citation("doc.txt", 5)])
    assert tb["source_file"].tolist() == ["doc.txt"] and tb["lines"].tolist() == [[5, 12]]
    assert documents(hand_made_cur, []).empty


def test_lines_by_document_groups_every_cited_line(hand_made_cur) -> None:
    tb = lines_by_document(hand_made_cur).set_index("table_name")
    assert tb.loc["observations", "lines"] == [5, 7, 8, *range(10, 16)]
    assert tb.loc["cluster_mentions", "lines"] == [20, 21, 22]
    assert tb.loc["cluster_facts", "lines"] == [31, 32]
    assert set(tb["source_file"]) == {"doc.txt", "uncited.txt"}
    uncited = tb[tb["source_file"] == "uncited.txt"]
    assert uncited.index.isna().all() and uncited["lines"].tolist() == [[]]  # listed, no lines
