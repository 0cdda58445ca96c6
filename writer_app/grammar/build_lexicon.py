"""Build resources/grammar/lexicon.gz: each word's possible Penn tags and lemmas, each lemma's inflections.

Run ``python -m writer_app.grammar.build_lexicon /work/shared/data/ud-english-ewt [OUTPUT]``. It reads the
inflection tables of the ``lemminflect`` package (MIT; install the ``build`` extra) and the lemmas and Penn
tags of UD English EWT's training set (CC BY-SA 4.0). The output is sorted and gzipped without a time stamp,
so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import io
import logging
import sys
from collections import Counter, defaultdict
from pathlib import Path

from writer_app.grammar.conllu import read_conllu
from writer_app.grammar.lexicon import LEXICON_NAME, NO_FORM, SECTION, regular_form
from writer_app.resources import resource_path

log = logging.getLogger(__name__)

# Penn tags each lemminflect part of speech inflects to; the first is the lemma's own tag.
_UPOS_TAGS = {
    "noun": ("NN", "NNS"),
    "verb": ("VB", "VBP", "VBD", "VBN", "VBG", "VBZ"),
    "aux": ("VB", "VBP", "VBD", "VBN", "VBG", "VBZ"),
    "adj": ("JJ", "JJR", "JJS"),
    "adv": ("RB", "RBR", "RBS"),
}
# Where the source tables disagree with standard usage, the standard forms first (checked by tests).
CORRECTIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("lie", "VBN"): ("lain", "lied"),
    ("get", "VBN"): ("got", "gotten"),
    ("wake", "VBN"): ("woken", "waked"),
    ("prove", "VBN"): ("proved", "proven"),
    ("dive", "VBD"): ("dived", "dove"),
    ("overcome", "VBN"): ("overcome",),
    ("undergo", "VBN"): ("undergone",),
    ("sting", "VBG"): ("stinging",),
    ("typeset", "VBG"): ("typesetting",),
    ("torpedo", "VBZ"): ("torpedoes",),
    ("quit", "VBN"): ("quit", "quitted"),
    ("light", "VBN"): ("lit", "lighted"),
    ("lean", "VBN"): ("leaned", "leant"),
}
# A tag seen for a word in the treebank counts if it is at least this share of the word's uses, or a
# smaller share seen a few times.
_MIN_SHARE = 0.01
_MIN_SHARE_REPEATED = 0.003
# A treebank lemma seen this often for a word and tag overrides lemminflect's ("n't" -> "not", "wan" -> "want").
_TRUSTED_COUNT = 3


def inflection_tables(extra_verbs: set[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Return lemma -> Penn tag -> forms (preferred first) from lemminflect's tables.

    ``extra_verbs`` are verb lemmas to inflect through lemminflect's own exceptions ("be") when its table
    lacks them.
    """
    try:
        import lemminflect
    except ImportError as error:  # pragma: no cover - depends on the build environment
        raise SystemExit("building the lexicon needs lemminflect: pip install 'writer-app[build]'") from error
    table_path = Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz"
    tables: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    with gzip.open(table_path, "rt", encoding="utf-8") as rows:
        for row in rows:
            lemma, upos, *_forms = row.rstrip("\n").split(",")
            if upos not in _UPOS_TAGS or not lemma or " " in lemma or lemma[:1].isupper():
                continue  # proper nouns are left to the tagger (capitals, context) and the treebank
            for tag in _UPOS_TAGS[upos]:
                forms = lemminflect.getInflection(lemma, tag, inflect_oov=False)
                wanted = CORRECTIONS.get((lemma, tag), forms)
                forms = tuple(f for f in dict.fromkeys(wanted) if f and " " not in f and f.count("-") <= lemma.count("-"))
                if tag == "NNS" and len(forms) > 1:
                    forms = tuple(f for f in forms if f != lemma)  # "rains/rain": the mass-noun reading is NN
                if not forms:
                    if tag in ("JJR", "JJS"):
                        tables[lemma].setdefault(tag, (NO_FORM,))  # "unique": no "uniquer"
                    continue
                tables[lemma].setdefault(tag, forms)
    for lemma in sorted(extra_verbs - set(tables)):
        for tag in _UPOS_TAGS["verb"]:
            forms = tuple(f for f in lemminflect.getInflection(lemma, tag, inflect_oov=False) if " " not in f)
            if forms:
                tables[lemma][tag] = forms
    return tables


def treebank_words(ewt: Path) -> dict[str, dict[str, tuple[str, int]]]:
    """Return lower-case word -> Penn tag -> (lemma, count) as the EWT training set uses them."""
    counts: Counter[tuple[str, str, str]] = Counter()
    totals: Counter[str] = Counter()
    for sentence in read_conllu(ewt / "en_ewt-ud-train.conllu"):
        for form, tag, lemma in sentence:
            word = form.lower().replace("’", "'")
            lemma = lemma.replace("’", "'")
            counts[word, tag, lemma if tag in ("NNP", "NNPS") else lemma.lower()] += 1
            totals[word] += 1
    words: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    for (word, tag, lemma), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        share = count / totals[word]
        if share >= _MIN_SHARE or (count >= 3 and share >= _MIN_SHARE_REPEATED):
            words[word].setdefault(tag, (lemma, count))
    return words


def _irregular(lemma: str, tags: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Return the tags whose forms the regular spelling rules would not make (the only ones stored)."""
    return {tag: forms for tag, forms in tags.items() if forms != (regular_form(lemma, tag),)}


def build(ewt: Path) -> bytes:
    """Return the gzipped lexicon file built from lemminflect's tables and the EWT treebank."""
    treebank = treebank_words(ewt)
    verbs = {lemma for tags in treebank.values() for tag, (lemma, count) in tags.items() if tag == "VBZ" and count >= 5}
    tables = inflection_tables(verbs)
    words: dict[str, dict[str, str]] = defaultdict(dict)
    for lemma, tags in tables.items():
        for tag, forms in tags.items():
            for form in forms:
                if form != NO_FORM:
                    words[form.lower()].setdefault(tag, lemma)
    for word, tags in treebank.items():
        for tag, (lemma, count) in tags.items():
            if count >= _TRUSTED_COUNT:
                words[word][tag] = lemma  # frequent treebank lemmas ("n't" -> "not") win
            else:
                words[word].setdefault(tag, lemma)
    keys = [word for word in sorted(words) if word and not any(ch in word for ch in "\t\n\x1e")]
    values = [" ".join(tag if lemma == word else f"{tag}={lemma}" for tag, lemma in sorted(words[word].items())) for word in keys]
    lemmas = sorted(tables)
    irregular = {lemma: _irregular(lemma, tables[lemma]) for lemma in tables}
    lemmas = [lemma for lemma in lemmas if irregular[lemma]]
    forms = [" ".join(f"{tag}={'/'.join(irregular[lemma][tag])}" for tag in sorted(irregular[lemma])) for lemma in lemmas]
    header = "writer-app lexicon 1: words, their TAG[=lemma] lists, lemmas, their TAG=form/form lists"
    text = SECTION.join((header, "\n".join(keys), "\n".join(values), "\n".join(lemmas), "\n".join(forms)))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as packed:
        packed.write(text.encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Build the lexicon from the EWT folder given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ewt", type=Path, help="folder holding en_ewt-ud-train.conllu")
    parser.add_argument("output", type=Path, nargs="?", default=resource_path("grammar", LEXICON_NAME))
    args = parser.parse_args(argv)
    if not (args.ewt / "en_ewt-ud-train.conllu").is_file():
        print(f"No en_ewt-ud-train.conllu in {args.ewt}.", file=sys.stderr)
        return 2
    data = build(args.ewt)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
