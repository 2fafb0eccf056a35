"""Test doubles for code that integrates belowtheline.

- :data:`CAPTURES`: small canned captures, one per supported text layout.
- :class:`FakeScorer`: a deterministic, instant stand-in for the comment
  scorer, so an integration test does not depend on a model's numbers.

Example:
    >>> from belowtheline.testing import CAPTURES, FakeScorer
    >>> from belowtheline.pipeline import Pipeline
    >>> from belowtheline.registry import make_stage
    >>> from belowtheline.document import Document
    >>> nlp = Pipeline([make_stage("segment.text.v1"), FakeScorer(flag={"idiot"})])
    >>> doc = nlp(Document(id="t", text=CAPTURES["blocks"]))
    >>> [c.scores["toxicity"] for c in doc.comments]
    [0.0, 0.95]
"""

from __future__ import annotations

from collections.abc import Iterable

from .document import LABELS, Document, Evidence

__all__ = ["CAPTURES", "FakeScorer"]

_ARTICLE = (
    "Council approves new bus lanes on Riverside Road\n\n"
    "The city council voted 31 to 12 on Wednesday night to install dedicated bus lanes along the road.\n\n"
    "Under the plan, buses will get priority between 7am and 7pm on weekdays, the council said.\n\n"
)

#: Canned captures keyed by layout name.
CAPTURES: dict[str, str] = {
    "blocks": _ARTICLE
    + "2 comments\n\nDave_R\n2 hours ago\nAbout time, the bus is always late.\nReply\nLike (14)\n\n"
    "Margaret Ellis\n1 hour ago\nOnly an idiot would take away the loading bays.\nReply\nLike (3)\n",
    "says": _ARTICLE
    + "Sarah K says:\nMarch 12, 2025 at 10:14 am\nBrilliant news.\n\n"
    "    John Price says:\n    March 12, 2025 at 11:02 am\n    Someone is paying for it.\n",
    "bullet": _ARTICLE + "Comments (2)\n\noldgardener • 3 days ago\nHosepipe ban next.\n\n"
    "Wrex • 2 days ago\n@oldgardener already announced here.\n",
    "bare": _ARTICLE.replace("\n\n", "\n").rstrip("\n")
    + "\nJane Doe is a transport correspondent.\n\nAbout time.\nWho pays for this? Nobody ever says.\n",
    "no_comments": _ARTICLE.rstrip("\n") + "\n",
}


class FakeScorer:
    """A comment scorer stand-in: a comment containing a flagged word gets high scores.

    Args:
        flag: lower-case words that make a comment score ``high`` on every label.
        high: the score given to flagged comments; others get 0.0.
    """

    name = "toxicity.fake.v1"
    requires: tuple[str, ...] = ("comments",)
    assigns: tuple[str, ...] = ("comments.scores", "comments.evidence")

    def __init__(self, *, flag: Iterable[str] = ("idiot",), high: float = 0.95) -> None:
        self.flag = {w.lower() for w in flag}
        self.high = high

    def __call__(self, doc: Document) -> Document:
        for c in doc.comments:
            lower = c.text.lower()
            hits = [(w, lower.find(w)) for w in sorted(self.flag) if w in lower]
            c.scores = {label: (self.high if hits else 0.0) for label in LABELS}
            c.evidence = [Evidence("toxicity", i, i + len(w), c.text[i : i + len(w)]) for w, i in hits]
        return doc
