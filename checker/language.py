"""The spaCy pipeline: built once per process from models/pipeline.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


@lru_cache(maxsize=1)
def pipeline_config() -> dict[str, Any]:
    return yaml.safe_load((MODELS_DIR / "pipeline.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def nlp():
    """A blank English pipeline with a sentencizer and a lower-cased lookup lemmatizer."""
    import spacy
    from spacy.language import Language
    from spacy.lookups import load_lookups

    config = pipeline_config()
    table = load_lookups(config["language"], [config["lemma_table"]]).get_table(
        config["lemma_table"])

    if not Language.has_factory("lower_lookup_lemmatizer"):
        @Language.component("lower_lookup_lemmatizer")
        def lower_lookup_lemmatizer(doc):
            for token in doc:
                lower = token.lower_
                token.lemma_ = table.get(lower, lower)
            return doc

    pipe = spacy.blank(config["language"])
    pipe.add_pipe("sentencizer", config=config["sentencizer"])
    pipe.add_pipe("lower_lookup_lemmatizer")
    pipe.max_length = 20_000_000
    return pipe
