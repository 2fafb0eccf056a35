import belowtheline


def test_all_is_sorted_and_pinned() -> None:
    assert belowtheline.__all__ == sorted(belowtheline.__all__)
    assert set(belowtheline.__all__) == {
        "LABELS", "Article", "BelowTheLineError", "Comment", "Document", "InputError",
        "Paragraph", "Pipeline", "Source", "Stage", "__version__", "analyze", "analyze_all",
        "load_pipeline", "score",
    }


def test_every_export_exists() -> None:
    for name in belowtheline.__all__:
        assert hasattr(belowtheline, name), name
