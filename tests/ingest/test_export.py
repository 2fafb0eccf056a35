from belowtheline.ingest import load_bytes

JSONL = b"""{"article_id": "a1", "comment_id": "1", "parent_id": null, "author": "Ann", "created_at": "2025-01-01", "body": "First"}
{"article_id": "a1", "comment_id": "2", "parent_id": "1", "user": {"name": "Bob"}, "created_at": "2025-01-02", "body": "Reply"}
not json at all
{"article_id": "a2", "id": "9", "text": "Other thread"}
"""


def test_jsonl_groups_threads_and_reports_bad_rows() -> None:
    docs = load_bytes(JSONL, name="export.jsonl")
    assert len(docs) == 2
    a1 = docs[0]
    assert [c.id for c in a1.comments] == ["1", "2"]
    assert a1.comments[1].reply_to == "1" and a1.comments[1].depth == 1
    assert a1.comments[1].author == "Bob"
    assert any("row 3" in w for w in a1.warnings)
    assert docs[1].comments[0].text == "Other thread"


def test_csv_aliases_and_semicolons() -> None:
    data = "Thread;Comment ID;Parent;Username;Date;Comment\nt;1;;ann;2025;Hello there\nt;2;1;bob;2025;Hi\n"
    [doc] = load_bytes(data.encode("cp1252"), name="x.csv")
    assert [(c.id, c.author, c.reply_to) for c in doc.comments] == [("1", "ann", None), ("2", "bob", "1")]


def test_csv_malformed_row_is_kept_out_and_reported() -> None:
    data = b'id,author,text\n1,ann,"fine"\n2,bob,"too","many","cells"\n3,cy,ok\n'
    [doc] = load_bytes(data, name="x.csv")
    assert [c.id for c in doc.comments] == ["1", "3"]
    assert any("row 3" in w for w in doc.warnings)
