"""The spaCy pipeline: built once per process from models/pipeline.yaml.

Importing this module is cheap (spaCy is imported on the first call to `nlp()`), so the
command line starts fast and commands that never read a document never load spaCy.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.yamlio import safe_load

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"

@lru_cache(maxsize=1)
def pipeline_config() -> dict[str, Any]:
    return safe_load((MODELS_DIR / "pipeline.yaml").read_text(encoding="utf-8"))


def _lemma_table(language: str, name: str) -> Callable[[str, str], str]:
    """The `get` of spacy-lookups-data's table, as a plain dict of strings.

    spaCy's own `load_lookups` gives the same mapping as a `Table`, which hashes every
    key into a Bloom filter as it loads (~0.1 s) and hashes each key again on lookup."""
    from spacy.util import load_language_data

    try:
        import spacy_lookups_data

        data = load_language_data(getattr(spacy_lookups_data, language)[name])
    except (ImportError, AttributeError, KeyError, ValueError):
        data = None
    if isinstance(data, dict):
        return data.get
    # Not where the package keeps it: through spaCy's registry (the same data, slower).
    from spacy.lookups import load_lookups

    return load_lookups(language, [name]).get_table(name).get


class LowerLookupLemmatizer:
    """Sets each token's lemma to the table's entry for its lower-cased form (or that form
    itself), the same as `token.lemma_ = table.get(token.lower_, token.lower_)` per token.

    It works on whole attribute arrays: each distinct lower-case form is looked up once per
    process and remembered by its string hash, so a document costs one array read, one
    dict lookup per token and one array write, with no Token objects created."""

    def __init__(self, vocab, lookup: Callable[[str, str], str]) -> None:
        import numpy
        from spacy.attrs import LEMMA, LOWER

        self._strings = vocab.strings
        self._lookup = lookup
        self._lemma_of: dict[int, int] = {}  # hash of the lower form -> hash of its lemma
        self._numpy, self._lower, self._lemma = numpy, LOWER, [LEMMA]

    def lemma_hash(self, lower: str) -> int:
        """The string hash of the lemma of a lower-case form (added to the strings)."""
        return self._strings.add(self._lookup(lower, lower))

    def __call__(self, doc):
        n = len(doc)
        if not n:
            return doc
        lowers = doc.to_array(self._lower).tolist()
        lemma_of = self._lemma_of
        try:
            lemmas = self._numpy.fromiter(map(lemma_of.__getitem__, lowers),
                                          dtype=self._numpy.uint64, count=n)
        except KeyError:  # a form not seen before in this process
            for h in set(lowers).difference(lemma_of):
                lower = self._strings[h]
                lemma_of[h] = self._strings.add(self._lookup(lower, lower))
            lemmas = self._numpy.fromiter(map(lemma_of.__getitem__, lowers),
                                          dtype=self._numpy.uint64, count=n)
        doc.from_array(self._lemma, lemmas)
        return doc


def _import_spacy():
    """`import spacy`, without importing its command-line package on the way.

    spaCy's `__init__` imports `spacy.cli` (model downloads, project tooling and the HTTP
    clients they use, about a quarter of spaCy's import time) only to re-export
    `spacy.info`. While spaCy is first imported, a stand-in for `spacy.cli.info` gives it
    an `info` that imports the real one when called; the stand-in is then removed, so a
    later `import spacy.cli` imports the real package. If anything about that goes wrong,
    spaCy is imported the ordinary way."""
    if "spacy" in sys.modules:
        import spacy

        return spacy
    import types

    names = ("spacy.cli", "spacy.cli.info")
    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    module = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    module.info = info
    package.info = module
    sys.modules.update(zip(names, (package, module), strict=True))
    try:
        import spacy
    except Exception:
        spacy = None
    finally:
        for name in names:
            if sys.modules.get(name) in (package, module):
                del sys.modules[name]
    if spacy is None:  # start again, the ordinary way
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    elif getattr(spacy, "cli", None) is package:
        del spacy.cli
    return spacy


@lru_cache(maxsize=1)
def nlp():
    """A blank English pipeline with a sentencizer and a lower-cased lookup lemmatizer."""
    spacy = _import_spacy()
    from spacy.language import Language

    config = pipeline_config()
    if not Language.has_factory("lower_lookup_lemmatizer"):
        @Language.factory("lower_lookup_lemmatizer")
        def make_lower_lookup_lemmatizer(nlp, name):
            settings = pipeline_config()
            return LowerLookupLemmatizer(
                nlp.vocab, _lemma_table(settings["language"], settings["lemma_table"]))

    pipe = spacy.blank(config["language"])
    pipe.add_pipe("sentencizer", config=config["sentencizer"])
    pipe.add_pipe("lower_lookup_lemmatizer")
    pipe.max_length = 20_000_000
    return pipe
