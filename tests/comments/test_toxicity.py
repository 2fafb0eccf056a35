"""The toxicity scorer: labels, calibration range, evidence offsets, obfuscation, identity terms."""

from __future__ import annotations

import pytest

from belowtheline import LABELS
from belowtheline.comments import Scores, score
from belowtheline.document import Comment, Document
from belowtheline.errors import ConfigError
from belowtheline.pipeline import Pipeline
from belowtheline.registry import make_stage

ABUSIVE = [
    "You are a complete idiot and a liar.",
    "What a load of shit from a total moron.",
    "Europeans are neanderthals, every one of them.",
    "They deserve to die.",
    "I know where you live, and I will find you.",
    "Fuck off, you stupid bastard.",
]
OBFUSCATED = [
    ("You are a complete idiot", "You are a complete id1ot"),
    ("You are a complete idiot", "You are a complete i.d.i.o.t"),
    ("what a load of shit", "what a load of sh!t"),
    ("what a load of shit", "what a load of sh*t"),
    ("fuck off", "f u c k off"),
    ("fuck off", "fuuuuuck off"),
    ("you stupid bastard", "you stupid b@stard"),
    ("you stupid bastard", "you stupid bаstаrd"),  # Cyrillic а
    ("you moron", "you m0r0n"),
    ("shut up you idiot", "shut up you idoit"),
]
CIVIL_IDENTITY = [
    "As a gay man, I found this piece moving.",
    "My family is Muslim and we have lived here for decades.",
    "I'm Jewish and from Odesa.",
    "As a black woman and a nurse, I see this every day.",
    "I am a trans woman and a teacher.",
    "Our mosque hosted the flood relief meeting.",
    "Many Ukrainians and Russians in my city are friends.",
]


#: Harms that single words miss: the curated patterns must catch them (label, text).
PATTERN_HARMS = [
    ("threat", "We have your address. Sleep well."),
    ("threat", "Somebody should torch that mosque with them inside."),
    ("threat", "If I ever see that councillor in town I will break his jaw."),
    ("sexual_explicit", "Stop talking and take your top off, love."),
    ("sexual_explicit", "She only got the job because she knows her way around the boss's desk."),
    ("identity_attack", "Romanians are a plague on every city they settle in."),
    ("identity_attack", "Americans are fat, stupid sheep who will believe anything."),
    ("insult", "You clearly have the IQ of a houseplant."),
]
#: Civil sentences close to the patterns above.
PATTERN_CIVIL = [
    "Germans are not stupid, they simply planned ahead.",
    "The council should publish the address of the new clinic.",
    "She knows her way around the budget better than anyone in the cabinet.",
    "Bombing a maternity hospital is a war crime.",
]


#: Severe harms: dehumanisation with the strongest words, death wishes (written for these tests).
SEVERE = [
    "Those refugees are vermin, not people.",
    "These strikers are rats, every one of them.",
    "The only good banker is a dead banker.",
    "Pensioners like him should hurry up and die.",
    "Boat sank? Let the rest of them drown.",
]
#: Generalisations that are abusive but not severe: no severe floor.
NOT_SEVERE = [
    "Voters in this town are sheep.",
    "Politicians are all liars and thieves.",
]
#: Abuse quoted in order to report or condemn it (written for these tests).
REPORTED = [
    "Calling migrants 'vermin' is disgraceful and the MP should resign.",
    'A man was arrested after a placard reading "hang the traitors" was seen at the march.',
]


@pytest.mark.parametrize("text", SEVERE)
def test_severe_generalisations_and_death_wishes(text: str) -> None:
    r = score([text])[0]
    assert r.scores["severe_toxicity"] >= 0.5, r.scores
    assert r.scores["toxicity"] >= r.scores["severe_toxicity"]


@pytest.mark.parametrize("text", NOT_SEVERE)
def test_ordinary_generalisations_are_not_severe(text: str) -> None:
    assert score([text])[0].scores["severe_toxicity"] < 0.5


@pytest.mark.parametrize("text", REPORTED)
def test_reported_abuse_sets_no_floor(text: str) -> None:
    r = score([text])[0]
    assert max(r.scores[k] for k in ("threat", "severe_toxicity", "identity_attack")) < 0.5, r.scores


#: Negations that defend a group or a person (written for these tests).
NEGATED = [
    "Germans are not stupid, they simply planned ahead.",
    "Refugees are not criminals, and the statistics show it.",
    "Gay people aren't perverts, they're our neighbours.",
    "You're not an idiot for asking that, it's a fair question.",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negated_abuse_is_not_toxic(text: str) -> None:
    assert score([text])[0].scores["toxicity"] < 0.5


def test_negation_takes_back_only_the_negated_word() -> None:
    from belowtheline.comments.scorer import load_scorer

    lex = load_scorer().lexicon
    text = "you're not an idiot, you're a moron"
    toks = set(text.replace(",", "").split())
    assert [text[a:b] for a, b in lex.negated(text, toks)] == ["idiot"]
    assert [h.kind for h in lex.match(text)] == ["insult", "you_insult"]
    assert lex.negated("they're not human, they're animals", {"they're", "not", "human", "animals"}) == []


#: Dog whistles of organised hate, and the same slogans named to reject them (written for these tests).
CODED = ["(((bankers))) again, who could have guessed", "13/50, look it up", "Remigration now, no more excuses"]
CODED_REJECTED = ["The 'great replacement' is a far-right conspiracy theory and the paper should say so."]


@pytest.mark.parametrize("text", CODED)
def test_coded_hate_is_an_identity_attack(text: str) -> None:
    r = score([text])[0]
    assert r.scores["identity_attack"] >= 0.5, r.scores


@pytest.mark.parametrize("text", CODED_REJECTED)
def test_a_slogan_named_to_reject_it_sets_no_floor(text: str) -> None:
    assert score([text])[0].scores["identity_attack"] < 0.5


def test_reported_threat_sets_no_floor() -> None:
    from belowtheline.comments.scorer import load_scorer

    scorer = load_scorer()
    reported = scorer._prepare(["The court heard he texted her 'I will burn your house down'. Horrifying."])
    own = scorer._prepare(["I will burn your house down."])
    threat = scorer.labels.index("threat")
    assert own.floors[0, threat] >= 0.5
    assert reported.floors[0, threat] == 0.0


def test_reported_spans_need_a_reporting_frame() -> None:
    from belowtheline.comments.lexicon import reported_spans

    assert reported_spans("the court heard he said 'i'll kill you'") == [(24, 39)]
    assert reported_spans("i'll kill you, don't test me") == []
    assert reported_spans("he said 'hang them all' and he's right") == []  # endorsed
    assert reported_spans("'hang them all'") == []  # nothing reports it


@pytest.mark.parametrize(("label", "text"), PATTERN_HARMS)
def test_patterns_catch_harms_without_abusive_words(label: str, text: str) -> None:
    r = score([text])[0]
    assert r.scores[label] >= 0.5, r.scores
    assert r.scores["toxicity"] >= 0.5, r.scores
    assert any(e.label == label for e in r.evidence), r.evidence


@pytest.mark.parametrize("text", PATTERN_CIVIL)
def test_patterns_leave_near_misses_alone(text: str) -> None:
    r = score([text])[0]
    assert max(r.scores[k] for k in ("threat", "sexual_explicit", "identity_attack")) < 0.5, r.scores


def test_every_label_in_unit_interval() -> None:
    results = score(ABUSIVE + CIVIL_IDENTITY + ["", "   ", "😀" * 50, "a" * 5000])
    for r in results:
        assert isinstance(r, Scores)
        assert set(r.scores) == set(LABELS)
        assert all(0.0 <= v <= 1.0 for v in r.scores.values())


def test_abusive_comments_are_flagged() -> None:
    for text, r in zip(ABUSIVE, score(ABUSIVE), strict=False):
        assert r.scores["toxicity"] >= 0.5, text


@pytest.mark.parametrize("text", CIVIL_IDENTITY)
def test_civil_identity_sentences_score_low(text: str) -> None:
    r = score([text])[0]
    assert r.scores["toxicity"] < 0.5, r.scores
    assert r.scores["identity_attack"] < 0.5, r.scores


@pytest.mark.parametrize(("clean", "obfuscated"), OBFUSCATED)
def test_obfuscated_variants_score_close_to_clean(clean: str, obfuscated: str) -> None:
    a, b = score([clean, obfuscated])
    for label in ("toxicity", "insult", "profanity"):
        assert b.scores[label] >= a.scores[label] - 0.15, (label, a.scores, b.scores)


@pytest.mark.parametrize(
    "text",
    [
        "You F.U.C.K.I.N.G id1ot!!",
        "Europeans are neanderthals.",
        "Total   i d i o t here",
        "ΡUTIN is a stuuuuupid m0r0n",
        "They deserve to die. Fuck them.",
    ],
)
def test_evidence_offsets_map_to_the_original_text(text: str) -> None:
    r = score([text])[0]
    assert r.evidence, r
    for ev in r.evidence:
        assert ev.label in LABELS
        assert 0 <= ev.start < ev.end <= len(text)
        assert text[ev.start : ev.end] == ev.text
        assert r.scores[ev.label] >= 0.5
        assert len(ev.text) < len(text) or len(text) < 40  # spans, not whole comments


def test_spaced_word_starting_with_an_article_letter() -> None:
    """Read "i d i o t s" as one spaced word, not the pronoun "i" and "diots"."""
    r = score(["i d i o t s everywhere in this thread"])[0]
    assert r.scores["insult"] >= 0.5, r.scores
    assert "i d i o t s" in {e.text for e in r.evidence if e.label == "insult"}


def test_evidence_names_the_obfuscated_word() -> None:
    r = score(["You are such an id1ot."])[0]
    assert "id1ot" in {e.text for e in r.evidence if e.label == "insult"}


def test_score_rejects_a_bare_string() -> None:
    with pytest.raises(ConfigError, match="list of texts"):
        score("one comment")  # type: ignore[arg-type]


def test_stage_fills_scores_and_evidence() -> None:
    stage = make_stage("toxicity.linear.v1")
    assert stage.requires == ("comments",)
    assert set(stage.assigns) == {"comments.scores", "comments.evidence"}
    doc = Document(id="d", comments=[Comment(id="1", text="Thanks for this."), Comment(id="2", text="You m0ron.")])
    doc.provided.add("comments")
    stage(doc)
    assert doc.comments[0].scores["toxicity"] < 0.5
    assert doc.comments[1].scores["insult"] >= 0.5
    assert any(e.text == "m0ron" for e in doc.comments[1].evidence)


def test_pipeline_after_segmentation(seed_000: str) -> None:
    nlp = Pipeline.from_names(["segment.text.v1", "toxicity.linear.v1"])
    doc = nlp(Document(id="s", text=seed_000))
    assert doc.comments and all(set(c.scores) == set(LABELS) for c in doc.comments)
    assert doc.stages[-1] == "toxicity.linear.v1"


@pytest.mark.parametrize(
    "text",
    [
        "They should hang the portrait back in the gallery where it belongs.",
        "Don't shoot the messenger, the reporter only read out the figures.",
        "The council needs to execute the plan it promised before the election.",
    ],
)
def test_calls_to_hang_or_shoot_a_thing_are_not_threats(text: str) -> None:
    assert score([text])[0].scores["threat"] < 0.5


def test_calls_to_hang_people_are_still_threats() -> None:
    assert score(["Hang the traitors, every last one of them."])[0].scores["threat"] >= 0.5


def test_british_slang_for_a_sex_offender_is_an_insult() -> None:
    s = score(["This commenter is clearly a nonce, check his post history."])[0]
    assert s.scores["insult"] >= 0.5 and any("nonce" in e.text for e in s.evidence)
