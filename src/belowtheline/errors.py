"""Exceptions raised by belowtheline.

Every exception derives from :class:`BelowTheLineError`, so callers can catch
one type. Messages say what went wrong, what the valid choices are and how to
fix it.

    BelowTheLineError
    ├── InputError                  a capture or export cannot be read
    │   ├── EmptyInputError         nothing but whitespace
    │   ├── BinaryInputError        not text (NUL bytes, an image, an archive)
    │   ├── EncodingError           bytes that no supported encoding decodes
    │   ├── InputTooLargeError      over the size or line-length limits
    │   ├── FormatError             a JSONL/CSV/HTML export that is malformed
    │   └── InputNotFoundError      a path that does not exist
    ├── PipelineError               a pipeline that cannot be built or run
    │   ├── MissingRequirementError a stage needs what no earlier stage assigns
    │   └── StageNotFoundError      a stage name that is not registered
    ├── ConfigError                 invalid options or configuration files
    └── MissingDependencyError      an optional extra is not installed (also ImportError)
"""

from __future__ import annotations

__all__ = [
    "BelowTheLineError",
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "FormatError",
    "InputError",
    "InputNotFoundError",
    "InputTooLargeError",
    "MissingDependencyError",
    "MissingRequirementError",
    "PipelineError",
    "StageNotFoundError",
]


class BelowTheLineError(Exception):
    """Base class of every error raised by belowtheline."""


class InputError(BelowTheLineError):
    """An input cannot be read. ``source`` names the input (a path or ``<stdin>``)."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary data, not a text capture."""


class EncodingError(InputError):
    """The bytes decode under none of the supported encodings."""


class InputTooLargeError(InputError):
    """The input exceeds a size limit set in :class:`~belowtheline.ingest.IngestOptions`."""


class FormatError(InputError):
    """A structured export (JSONL, CSV, HTML) is malformed."""


class InputNotFoundError(InputError):
    """A path given on the command line or to :func:`belowtheline.analyze` does not exist."""


class PipelineError(BelowTheLineError):
    """A pipeline cannot be built or run."""


class MissingRequirementError(PipelineError):
    """A stage requires a field that no earlier stage assigns."""


class StageNotFoundError(PipelineError, KeyError):
    """A stage name is not in the registry."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ConfigError(BelowTheLineError, ValueError):
    """Options or a configuration file are invalid."""


class MissingDependencyError(BelowTheLineError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""

    @classmethod
    def for_extra(cls, module: str, extra: str) -> MissingDependencyError:
        return cls(
            f"{module!r} is not installed. Install it with: pip install 'belowtheline[{extra}]'"
        )
