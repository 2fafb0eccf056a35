"""Turn the bytes of a capture into text: detect the encoding, refuse binaries.

Plain-text captures come in UTF-8 (with or without a BOM), UTF-16 (with or
without a BOM) and legacy Windows code pages. :func:`decode` tries them in
that order of certainty and never raises on a text file; it raises a typed
:class:`~belowtheline.errors.InputError` for empty and binary inputs.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError

__all__ = ["Decoded", "decode", "normalise_newlines"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Leading bytes of common binary formats, so the error can say what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00", "binary data"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    #: Set when bytes had to be replaced (the text is still usable).
    lossy: bool = False


def normalise_newlines(text: str) -> str:
    """Map CRLF and lone CR to LF, and drop a leading BOM character."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(
    data: bytes,
    *,
    source: str | None = None,
    max_line_chars: int | None = None,
) -> Decoded:
    """Decode a capture's bytes to text with normalised newlines.

    Args:
        data: the raw bytes.
        source: the input's name, used in error messages.
        max_line_chars: refuse a text with a longer line (``None``: no limit).

    Returns:
        The text, the encoding used, and whether any byte was replaced.

    Raises:
        EmptyInputError: no bytes, or only whitespace.
        BinaryInputError: the data is not text.
        InputTooLargeError: a line is longer than ``max_line_chars``.

    Example:
        >>> decode("café".encode("cp1252")).text
        'café'
    """
    if not data.strip():
        raise EmptyInputError("the input is empty (no text to analyse)", source=source)
    decoded = _decode(data, source)
    if _control_ratio(decoded.text) > 0.05:
        raise BinaryInputError(
            f"this is binary data, not a text capture (it decodes as {decoded.encoding} "
            "to mostly control characters). Give a .txt, .html, .jsonl or .csv file.",
            source=source,
        )
    text = normalise_newlines(decoded.text)
    if not text.strip():
        raise EmptyInputError("the input holds only whitespace", source=source)
    if max_line_chars is not None and len(text) > max_line_chars:
        longest = max(len(line) for line in text.split("\n"))
        if longest > max_line_chars:
            raise InputTooLargeError(
                f"a line has {longest:,} characters, over the limit of {max_line_chars:,}; "
                "this is not a readable capture. Raise the limit with --max-line-chars "
                "(IngestOptions.max_line_chars) if it is.",
                source=source,
            )
    return Decoded(text, decoded.encoding, decoded.lossy)


def _decode(data: bytes, source: str | None) -> Decoded:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(enc, errors="replace"), enc)
    utf16 = _sniff_utf16(data)
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), utf16)
    if b"\x00" in data[:65536]:
        kind = next((name for magic, name in _MAGIC if data.startswith(magic)), "binary data")
        raise BinaryInputError(
            f"this is {kind}, not a text capture (it contains NUL bytes). "
            "Give a .txt, .html, .jsonl or .csv file.",
            source=source,
        )
    for magic, name in _MAGIC[:-1]:
        if data.startswith(magic):
            raise BinaryInputError(f"this is {name}, not a text capture.", source=source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    western = _plausible_cp1252(data)
    if western is not None:
        return western
    guess = _charset_guess(data)
    if guess is not None:
        return guess
    # cp1252 leaves five bytes undefined; replace them rather than fail.
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > max(8, len(text) // 20):
            raise EncodingError(
                "the bytes are not UTF-8, UTF-16 or a Windows code page. "
                "Convert the file to UTF-8 (for example with iconv).",
                source=source,
            ) from None
        return Decoded(text, "cp1252", lossy=True)


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or 0x7F <= ord(ch) < 0xA0)
    return bad / len(sample)


def _sniff_utf16(data: bytes) -> str | None:
    """Detect BOM-less UTF-16 from the pattern of NUL bytes in mostly-Latin text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) // 2)
    odd_nul = sample[1::2].count(0) / (len(sample) // 2)
    if odd_nul > 0.3 and even_nul < 0.05:
        enc = "utf-16-le"
    elif even_nul > 0.3 and odd_nul < 0.05:
        enc = "utf-16-be"
    else:
        return None
    try:
        data[: len(data) - len(data) % 2].decode(enc)
    except UnicodeDecodeError:
        return None
    return enc


def _plausible_cp1252(data: bytes) -> Decoded | None:
    """cp1252 when it decodes and reads like Western text (few non-ASCII letters).

    Statistical detectors are unreliable on a short capture; Windows-1252 is by
    far the commonest legacy encoding of English news text, and other code
    pages (cp1251, cp1253…) decoded as cp1252 give mostly non-ASCII letters.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return Decoded(text, "cp1252")
    non_ascii = sum(1 for ch in letters if ord(ch) > 127)
    return Decoded(text, "cp1252") if non_ascii <= max(2, 0.15 * len(letters)) else None


def _charset_guess(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return None
    enc = str(best.encoding)
    if enc.startswith(("utf_16", "utf_32", "utf-16", "utf-32")):
        return None  # wide encodings are found by their BOM or NUL pattern, never guessed
    # charset_normalizer often names a sibling of cp1252 for Western text; prefer
    # cp1252 when it decodes cleanly, as captures from Windows browsers are.
    latin = {"latin_1", "iso8859_1", "iso8859_15", "cp1252", "mac_roman", "cp850"}
    for candidate in (("cp1252", enc) if enc in latin else (enc, "cp1252")):
        try:
            return Decoded(data.decode(candidate), candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    return None
