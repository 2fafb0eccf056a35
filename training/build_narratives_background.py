"""Build src/belowtheline/comments/data/narratives.background.json (for training/; run from the repo root).

Document frequency of every word stem (belowtheline.comments._lexical.stem of the folded word) in
Civil Comments as redistributed by ipavlopoulos/toxic_spans (CC0): acl2022_raw/comments.csv and
semeval2021/tsd_{train,trial}.csv (not the test split), deduplicated by stripped text. Stems used by fewer than
3 documents are left out (the matcher counts them as never used).

Run: python training/build_narratives_background.py [OUT]
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

from belowtheline.comments import _lexical as lx

ROOT = Path(__file__).resolve().parents[1] if (Path(__file__).resolve().parents[1] / "src").is_dir() else Path.cwd()
DATA = ROOT.parent / "shared" / "data" / "toxic_spans"
OUT = ROOT / "src" / "belowtheline" / "comments" / "data" / "narratives.background.json"
MIN_DF = 3


def main(out: Path = OUT) -> int:
    if not (DATA / "acl2022_raw" / "comments.csv").is_file():
        print(f"Error: {DATA} is missing (the shared toxic_spans dataset); nothing built.", file=sys.stderr)
        return 1
    csv.field_size_limit(10**9)
    texts: set[str] = set()
    with (DATA / "acl2022_raw" / "comments.csv").open(encoding="utf-8") as f:
        texts.update(r["comment_text"].strip() for r in csv.DictReader(f))
    for name in ("tsd_train.csv", "tsd_trial.csv"):
        with (DATA / "semeval2021" / name).open(encoding="utf-8") as f:
            texts.update(r["text"].strip() for r in csv.DictReader(f))
    docs = sorted(t for t in texts if t)
    df: Counter[str] = Counter()
    for t in docs:
        df.update({lx.stem(w) for w in lx._WORD.findall(lx.fold(t)) if len(w) >= 2})
    payload = {
        "what": "Background word specificity of belowtheline.comments.narratives: document frequency of each word "
        "stem (belowtheline.comments._lexical.stem of the folded word) in a general corpus of news-site comments. "
        "Stems used by fewer than 3 documents are left out (they count as never used).",
        "source": "Civil Comments, as redistributed in ipavlopoulos/toxic_spans (semeval2021 tsd_train/trial.csv "
        "and acl2022_raw/comments.csv, deduplicated by text); CC0 1.0.",
        "built_by": "training/build_narratives_background.py",
        "documents": len(docs),
        "min_df": MIN_DF,
        "df": {k: v for k, v in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])) if v >= MIN_DF},
    }
    out.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {len(docs)} documents, {len(payload['df'])} stems")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
