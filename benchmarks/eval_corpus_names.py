"""One name per entity across a corpus: the annotated articles read as one corpus, with and without the corpus pass.

Every annotated folder under tests/fixtures/article/ (or the folders given) is
analysed; the documents together are one corpus. For the gold people and
organisations found in two or more documents, the table gives how many carry
one predicted canonical name in all of them
(:func:`belowtheline.article.evaluate.name_consistency`), first with each
document's own names, then after :class:`belowtheline.article.corpus.CorpusNames`
(what ``btl analyze`` does over a run). It also gives the strict per-document
entity recall and precision both ways, so a rename that costs a gold name shows,
and the renames made. Writes ``benchmarks/results/corpus_names.json``.

Run: python benchmarks/eval_corpus_names.py [FOLDER ...]   (~2 minutes for 21 folders)
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, table, write_result  # noqa: E402

from belowtheline.article.corpus import CorpusNames, rename_entities  # noqa: E402
from belowtheline.article.evaluate import (  # noqa: E402
    ArticleScores,
    CorpusScores,
    analyze_text,
    load_fixtures,
    name_consistency,
    score_document,
)

FIXTURES = ROOT / "tests" / "fixtures" / "article"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, help="fixture folders (default: every folder with gold files)")
    args = ap.parse_args(argv)
    folders = args.folders or sorted(p for p in FIXTURES.iterdir() if p.is_dir() and any(p.glob("*.gold.json")))
    from belowtheline.article import nlp

    nlp.load()
    corpus = []
    for folder in folders:
        for stem, body, gold in load_fixtures(folder):
            doc, _ = analyze_text(body, doc_id=stem)
            corpus.append((stem, body, gold, doc))
    names = CorpusNames()
    for *_, doc in corpus:
        names.add(doc.article.entities)
    renames = names.renames()
    renamed = []
    for stem, body, gold, doc in corpus:
        doc = copy.deepcopy(doc)
        rename_entities(doc, renames)
        renamed.append((stem, body, gold, doc))

    rows, result = [], {}
    for label, docs in (("each document's own names", corpus), ("corpus names", renamed)):
        recurring, consistent = name_consistency((gold, doc.article.entities) for _, _, gold, doc in docs)
        totals = ArticleScores(name=label)
        for stem, body, gold, doc in docs:
            totals.add(score_document(stem, body, gold, doc))
        scores = CorpusScores(totals, [])
        share = consistent / recurring if recurring else None
        rows.append([label, recurring, consistent, share, scores.entity_recall, scores.entity_precision])
        result[label] = {
            "recurring": recurring,
            "consistent": consistent,
            "consistency": share,
            "entity_recall": scores.entity_recall,
            "entity_precision": scores.entity_precision,
        }
    print(f"\n{len(corpus)} articles from {len(folders)} folders read as one corpus; {len(renames)} renames")
    print(
        table(
            ["names", "entities in >=2 docs", "one name in all", "consistency", "entity_recall", "entity_precision"],
            rows,
        )
    )
    for old, new in sorted(renames.items()):
        print(f"  {old} -> {new}")
    path = write_result(
        "corpus_names",
        {"folders": [f.name for f in folders], "articles": len(corpus), "renames": renames, **result},
    )
    print(f"\nwrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
