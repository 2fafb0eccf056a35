"""The examples in docstrings are run, so they stay true."""

import doctest
import importlib

import pytest

MODULES = [
    "belowtheline.api",
    "belowtheline.document",
    "belowtheline.ingest.decode",
    "belowtheline.pipeline",
    "belowtheline.segment.core",
    "belowtheline.segment.style",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
