import codecs

import pytest

from belowtheline.errors import BinaryInputError, EmptyInputError, InputTooLargeError
from belowtheline.ingest.decode import decode

TEXT = "Zelenskyy’s “coalition” — café, naïve, €10 billion\nSecond line\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # no BOM
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-nobom", "utf16be-nobom", "utf32", "crlf"],
)
def test_common_encodings(data: bytes) -> None:
    assert decode(data).text == TEXT


def test_cp1252() -> None:
    text = "Zelenskyy’s “coalition” – café, €10 billion\n"
    got = decode(text.encode("cp1252"))
    assert got.text == text
    assert got.encoding == "cp1252"


def test_latin1_undefined_bytes_never_crash() -> None:
    got = decode(b"caf\xe9 \x81\x8d ok " * 3)
    assert got.text.startswith("caf")


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", "\ufeff".encode("utf-8")])
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyInputError, match="empty|whitespace"):
        decode(data, source="x.txt")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PK\x03\x04\x14\x00\x00\x00", b"abc\x00\x01\x02\xff\xfe\xfd"])
def test_binary(data: bytes) -> None:
    with pytest.raises(BinaryInputError, match="not a text capture") as exc:
        decode(data, source="photo.png")
    assert "photo.png" in str(exc.value)


def test_huge_line_is_refused_with_reason() -> None:
    with pytest.raises(InputTooLargeError, match="characters"):
        decode(b"a" * 2_000_001, max_line_chars=1_000_000)
