# ruff: noqa: E501  (regex tables read better unbroken)
"""Build the default narrative catalogue from the EUvsDisinfo case list.

Reads ``../shared/data/euvsdisinfo_cases_2015_2021/posts.csv`` (10,892 case
titles, each a one-line paraphrase of a debunked pro-Kremlin claim, with
EUvsDisinfo keywords), selects for every narrative of the default catalogue
the case titles whose title matches the narrative's patterns (and whose
keywords, when given, include one of the narrative's keywords), and writes
``src/belowtheline/comments/data/narratives.default.json``: the hand-written
part (description, comment-register claims, counter-examples, stance cues)
from ``training/narratives_seed.json`` plus up to ``--per-narrative`` case
titles per narrative, each recorded with the URL of its EUvsDisinfo case.

With ``--calibrate`` it then fits the logistic calibration of the matcher
(``data/narratives.calibration.json``) on the **dev** half of
``tests/fixtures/narratives/labelled.jsonl`` only (the test half is for
``benchmarks/eval_narratives.py``).

Run: python training/build_narratives.py [--per-narrative 40] [--calibrate]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "euvsdisinfo_cases_2015_2021" / "posts.csv"
SEED = ROOT / "training" / "narratives_seed.json"
OUT = ROOT / "src" / "belowtheline" / "comments" / "data" / "narratives.default.json"
CALIBRATION = OUT.with_name("narratives.calibration.json")
LABELLED = ROOT / "tests" / "fixtures" / "narratives" / "labelled.jsonl"


def feature_rows(split: str) -> tuple[list[list[float]], list[int]]:
    """Per (labelled text, narrative): the feature row of the text's best sentence, and the gold label."""
    from belowtheline.comments.narratives import _compiled, units

    comp = _compiled(None)
    xs: list[list[float]] = []
    ys: list[int] = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["split"] != split:
            continue
        text = item["text"]
        rows_per_sentence = [comp.sentence_features(text[a:b]) for a, b in units(text)]
        for j, nid in enumerate(comp.ids):
            best = max((rows[j] for rows in rows_per_sentence), key=lambda r: r[0])
            xs.append(best)
            ys.append(int(nid in item["narratives"]))
    return xs, ys


def fit_logistic(xs: list[list[float]], ys: list[int], *, l2: float = 0.05, iters: int = 3000) -> tuple[list[float], float]:
    """L2-regularised logistic regression by Newton steps (numpy only)."""
    import numpy as np

    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x1.shape[1])
    reg = np.full(x1.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x1 @ w)))
        grad = x1.T @ (p - y) + reg * w
        hess = (x1 * (p * (1 - p))[:, None]).T @ x1 + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return [float(v) for v in w[:-1]], float(w[-1])


def calibrate() -> None:
    from belowtheline.comments.narratives import FEATURES

    xs, ys = feature_rows("dev")
    weights, bias = fit_logistic(xs, ys)
    payload = {
        "what": "Logistic calibration of belowtheline.comments.narratives: P(sentence recites narrative | features).",
        "fitted_on": "dev split of tests/fixtures/narratives/labelled.jsonl",
        "rows": len(ys),
        "positives": sum(ys),
        "bias": round(bias, 4),
        "weights": {f: round(w, 4) for f, w in zip(FEATURES, weights, strict=True)},
    }
    CALIBRATION.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"calibration on {len(ys)} dev rows ({sum(ys)} positive): {payload['weights']} bias {bias:.3f}")

# Title patterns (case-insensitive) and, optionally, keywords one of which the case must carry.
SELECT: dict[str, dict[str, Any]] = {
    "nato_provocation": {
        "title": r"NATO.{0,60}(expan|enlarg|border|encircl|provo|approach|eastward|advanc|threat|aggress)"
        r"|(encircl|surround).{0,30}Russia|West.{0,20}provoked|provok.{0,30}(war|conflict|Russia)",
    },
    "maidan_coup": {
        "title": r"Maidan|Euromaidan|coup|putsch|colou?r revolution|overthrow",
        "keywords": ["Ukraine", "Euromaidan", "Coup", "Maidan", "Colour revolutions", "Viktor Yanukovych"],
    },
    "west_decline": {
        "title": r"(Europe|EU\b|West|America|US\b).{0,60}(declin|decay|collaps|degrad|decaden|dying|disintegrat|"
        r"degenera|moral|perver|crisis of|fall apart|falling apart|end of)|Gayropa|(declin|decay|collaps|degradation)"
        r".{0,30}(Europe|EU\b|West)",
    },
    "nazi_ukraine": {
        "title": r"Nazi|fascis|Bandera|junta|neo-Nazi|SS\b",
        "keywords": ["Ukraine", "Nazi/Fascist", "Stepan Bandera", "Far-right", "Euromaidan", "Donbas", "War in Ukraine"],
    },
    "ukraine_not_a_nation": {
        "title": r"artificial|not a (real |sovereign |independent )?(state|nation|country)|failed state|one people|"
        r"same people|historically Russian|Russian land|Little Russia|Malorossiya|no such (nation|country)|"
        r"does(n't| not) exist|never (been|existed)|statehood|sovereignty.{0,20}(lost|fake)|external (control|governance)",
        "keywords": ["Ukraine", "Ukrainian statehood", "Ukrainian identity"],
    },
    "russia_unbeatable": {
        "title": r"sanctions.{0,60}(backfir|hurt|harm|fail|useless|damag|ineffect|boomerang|no effect|not work|cost)|"
        r"(Ukrain|Kyiv|Kiev).{0,40}(los(es|ing|t) the war|defeat|army.{0,20}collaps|cannot win|can't win|will fall)|"
        r"Russia.{0,40}(invincib|cannot be defeated|strongest|will win|unbeat)|(futile|pointless|useless).{0,30}(aid|weapons)",
    },
    "proxy_war": {
        "title": r"puppet|proxy|to the last Ukrainian|cannon fodder|(US|Washington|West|America).{0,30}"
        r"(controls?|runs?|govern|manag|orders?|instruct).{0,20}(Ukrain|Kyiv|Kiev)|military.industrial|"
        r"arms (sales|dealers|industry)|profit.{0,30}war|war.{0,30}profit|using Ukraine",
    },
    "aid_corruption": {
        "title": r"(aid|money|loans?|IMF|funds|tranche|assistance|weapons|arms|credits?).{0,60}(stol|steal|embezzl|corrupt|"
        r"pocket|launder|plunder|wasted|disappear|black market|resold|sold|offshore)|(stol|steal|embezzl|plunder|pocket)"
        r".{0,40}(aid|money|funds|loan|credit|budget)|(corrupt|oligarch).{0,40}(West|IMF|EU|US|aid|loan)",
        "keywords": ["Ukraine", "Corruption", "IMF", "Sanctions", "EU", "European Union", "Economic difficulties"],
    },
}


def load_cases() -> list[dict[str, str]]:
    with open(DATA, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def select(cases: list[dict[str, str]], narrative: str, limit: int) -> list[dict[str, str]]:
    rule = SELECT[narrative]
    pattern = re.compile(rule["title"], re.IGNORECASE)
    keywords = {k.lower() for k in rule.get("keywords", [])}
    picked: list[dict[str, str]] = []
    seen: set[str] = set()
    for row in cases:
        title = row["title"].strip()
        if not pattern.search(title):
            continue
        kws = {k.strip().lower() for k in row["keywords"].split("+")} | {
            c.strip().lower() for c in row["countries"].split("+")
        }
        if keywords and not keywords & kws:
            continue
        key = title.lower()
        if key in seen:
            continue
        seen.add(key)
        picked.append({"text": title, "source": row["id"], "date": row["date"]})
    # Spread the picks over the years rather than keeping the newest only.
    picked.sort(key=lambda r: hashlib.blake2b(r["source"].encode(), digest_size=4).digest())
    return sorted(picked[:limit], key=lambda r: r["date"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-narrative", type=int, default=40)
    parser.add_argument("--calibrate", action="store_true", help="also fit the calibration on the dev split")
    args = parser.parse_args(argv)
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    cases = load_cases()
    data_hash = hashlib.sha256(DATA.read_bytes()).hexdigest()[:16]
    out = {
        "format": "belowtheline.narratives",
        "version": 1,
        "name": "default",
        "description": seed["description"],
        "sources": {
            "euvsdisinfo": {
                "what": "EUvsDisinfo database case titles 2015-2021 (cknabs/EUvsDisinfo data/posts.csv), "
                "selected by training/build_narratives.py; each claim of kind 'case' names its case URL.",
                "sha256_16": data_hash,
            },
            "handwritten": "Claims and counter-examples of kind 'comment' were written by the belowtheline "
            "developers in the register of reader comments, paraphrasing the EUvsDisinfo narratives.",
        },
        "stance": seed["stance"],
        "synonyms": seed["synonyms"],
        "narratives": [],
    }
    print(f"{'narrative':24} handwritten  cases")
    for item in seed["narratives"]:
        cases_for = select(cases, item["id"], args.per_narrative)
        claims = [{"text": t, "kind": "comment"} for t in item["claims"]]
        claims += [{"text": c["text"], "kind": "case", "source": c["source"]} for c in cases_for]
        out["narratives"].append(
            {
                "id": item["id"],
                "description": item["description"],
                "claims": claims,
                "counter_examples": item["counter_examples"],
            }
        )
        print(f"{item['id']:24} {len(item['claims']):11} {len(cases_for):6}")
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    if args.calibrate:
        from belowtheline.comments.narratives import _compiled

        _compiled.cache_clear()
        calibrate()


if __name__ == "__main__":
    main()
