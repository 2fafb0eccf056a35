"""`import belowtheline` and `btl --help` must stay light (STYLE.md §6)."""

import json
import subprocess
import sys

HEAVY = ["torch", "sklearn", "sqlalchemy", "spacy", "trafilatura", "lxml", "numpy", "jinja2",
         "charset_normalizer", "onnxruntime", "tokenizers", "fastapi", "scipy", "pandas"]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport json, sys; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]
    return {m.split(".")[0] for m in json.loads(out)}


def test_import_is_light() -> None:
    loaded = _loaded_after("import belowtheline")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_cli_help_is_light() -> None:
    code = (
        "import sys\nfrom belowtheline.cli.main import build_parser\n"
        "try:\n    build_parser().parse_args(['--help'])\nexcept SystemExit:\n    pass"
    )
    loaded = _loaded_after(code)
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
