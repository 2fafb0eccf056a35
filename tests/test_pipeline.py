import pytest

from belowtheline import registry
from belowtheline.document import Document
from belowtheline.errors import ConfigError, MissingRequirementError, StageNotFoundError
from belowtheline.pipeline import Pipeline


class Needs:
    name = "test.needs.v1"
    requires = ("comments",)
    assigns = ("comments.scores",)

    def __call__(self, doc: Document) -> Document:
        return doc


def test_missing_requirement_names_the_provider() -> None:
    with pytest.raises(MissingRequirementError) as exc:
        Pipeline([Needs()])
    assert "test.needs.v1" in str(exc.value)
    assert "segment.text.v1" in str(exc.value)


def test_requirements_met_in_order() -> None:
    nlp = Pipeline([registry.make_stage("segment.text.v1"), Needs()])
    doc = nlp(Document(id="x", text="Headline\n\nA body paragraph that is long enough to count here."))
    assert doc.stages == ["segment.text.v1", "test.needs.v1"]


def test_unknown_stage_lists_known_ones() -> None:
    with pytest.raises(StageNotFoundError) as exc:
        registry.get_factory("nope.v1")
    assert "segment.text.v1" in str(exc.value)


def test_register_needs_versioned_name() -> None:
    with pytest.raises(ConfigError):
        registry.register("unversioned")
    registry.register("test.custom.v1")(Needs)
    assert "test.custom.v1" in registry.names()
    assert registry.make_stage("test.custom.v1").name == "test.custom.v1"


def test_not_a_stage() -> None:
    with pytest.raises(Exception, match="not a stage"):
        Pipeline([object()])  # type: ignore[list-item]
