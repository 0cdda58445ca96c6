"""Train the shipped part-of-speech tagger on UD English EWT and print its accuracy.

Run ``python -m writer_app.grammar.train_tagger /work/shared/data/ud-english-ewt [OUTPUT]``. Training is
deterministic (a fixed shuffle seed and feature order), so the same treebank and lexicon give the same model.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from writer_app.characters.names import first_names
from writer_app.grammar.conllu import read_conllu
from writer_app.grammar.disambiguation import disambiguate
from writer_app.grammar.lexicon import NAME_MARK, Lexicon, shipped_lexicon
from writer_app.grammar.tagger import (
    _END,
    _START,
    MODEL_NAME,
    VERB_TAGS,
    WEIGHT_SCALE,
    PerceptronTagger,
    canonical,
    features,
    normalise,
)
from writer_app.resources import resource_path

log = logging.getLogger(__name__)

ITERATIONS = 6
SEED = 7
# Averaged weights smaller than this (in units of one update) are dropped from the shipped model.
PRUNE_BELOW = 0.5
_TAGDICT_MIN_COUNT = 20
_TAGDICT_MIN_SHARE = 0.98

Tagged = list[tuple[str, str]]


def load_split(ewt: Path, split: str) -> list[Tagged]:
    """Return one EWT split as sentences of (word, Penn tag), hyphenated words joined."""
    path = ewt / f"en_ewt-ud-{split}.conllu"
    return [[(form, tag) for form, tag, _lemma in sentence] for sentence in read_conllu(path, join_hyphens=True)]


# Verbs of dialogue tags and kinship words used as names, for the fiction-shaped training sentences.
_SPEECH_VERBS = (
    "said asked replied answered cried shouted whispered muttered called exclaimed added snapped demanded "
    "murmured yelled sighed laughed breathed insisted repeated began continued agreed admitted"
).split()
_KIN = "Mom Dad Mum Mother Father Grandma Grandpa Granny Nana Papa Mama Auntie Uncle Sis".split()
_TITLES = "Aunt Uncle Captain Doctor Mr. Mrs. Miss Lady Lord Sir Father Sister Professor Inspector".split()


def dialogue_variants(sentences: Sequence[Tagged], names: Sequence[str], every: int = 3) -> list[Tagged]:
    """Return fiction-shaped copies of some treebank sentences: speech in quotes with a dialogue tag.

    The treebank is web text with few dialogue tags ('"...," said Rose.'), vocatives ('..., Dad.') or names
    at a sentence start; these copies, made with a fixed seed, show the tagger those shapes.
    """
    rng = random.Random(SEED)
    out: list[Tagged] = []
    for sentence in sentences:
        if sentence[0][0] in ("He", "She") and len(sentence) > 2:
            out.append([(rng.choice(names), "NNP"), *sentence[1:]])  # "Lily smiled."
    for number, sentence in enumerate(sentences):
        if number % every or not 3 <= len(sentence) <= 25 or sentence[-1][1] != ".":
            continue
        if any(tag in ("``", "''") for _w, tag in sentence):
            continue
        body = list(sentence[:-1])
        end = sentence[-1]
        if body[0][1] not in ("NNP", "NNPS") and body[0][0] != "I":
            body[0] = (body[0][0].capitalize(), body[0][1])
        name = rng.choice(names)
        person = [(rng.choice(_TITLES), "NNP"), (name, "NNP")] if rng.random() < 0.2 else [(name, "NNP")]
        verb = (rng.choice(_SPEECH_VERBS), "VBD")
        shape = rng.randrange(6)
        if shape == 0:
            out.append([('"', "``"), *body, (",", ","), ('"', "''"), verb, *person, (".", ".")])
        elif shape == 1:
            out.append([('"', "``"), *body, (",", ","), ('"', "''"), *person, verb, (".", ".")])
        elif shape == 2:
            pronoun = (rng.choice(("he", "she", "they")), "PRP")
            out.append([('"', "``"), *body, (",", ","), ('"', "''"), pronoun, verb, (".", ".")])
        elif shape == 3:
            vocative = (rng.choice(_KIN), "NNP") if rng.random() < 0.4 else (name, "NNP")
            out.append([('"', "``"), *body, (",", ","), vocative, end, ('"', "''")])
        elif shape == 4:
            out.append([*person, verb, (",", ","), ('"', "``"), *body, end, ('"', "''")])
        else:
            mark = rng.choice(("!", "?"))
            out.append([('"', "``"), *body, (mark, "."), ('"', "''"), verb, *person, (".", ".")])
    return out


def make_tagdict(sentences: Sequence[Tagged]) -> dict[str, str]:
    """Return the frequent words that (nearly) always carry one tag."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for word, tag in sentence:
            counts[normalise(word)][tag] += 1
    tagdict: dict[str, str] = {}
    for word, tags in sorted(counts.items()):
        tag, count = tags.most_common(1)[0]
        total = sum(tags.values())
        if total >= _TAGDICT_MIN_COUNT and count / total >= _TAGDICT_MIN_SHARE:
            tagdict[word] = tag
    return tagdict


class _Trainer:
    """The perceptron's weights during training, with the running sums for averaging."""

    def __init__(self, tags: Sequence[str]) -> None:
        self.tags = tuple(tags)
        self.index = {tag: i for i, tag in enumerate(self.tags)}
        self.weights: dict[str, dict[int, float]] = {}
        self.totals: dict[tuple[str, int], float] = defaultdict(float)
        self.stamps: dict[tuple[str, int], int] = defaultdict(int)
        self.instances = 0

    def predict(self, feats: Sequence[str]) -> int:
        scores = [0.0] * len(self.tags)
        for feat in feats:
            row = self.weights.get(feat)
            if row:
                for tag, weight in row.items():
                    scores[tag] += weight
        return max(range(len(scores)), key=lambda i: (scores[i], -i))

    def update(self, truth: int, guess: int, feats: Sequence[str]) -> None:
        self.instances += 1
        if truth == guess:
            return
        for feat in feats:
            row = self.weights.setdefault(feat, {})
            for tag, change in ((truth, 1.0), (guess, -1.0)):
                key = (feat, tag)
                weight = row.get(tag, 0.0)
                self.totals[key] += (self.instances - self.stamps[key]) * weight
                self.stamps[key] = self.instances
                row[tag] = weight + change

    def averaged(self) -> dict[str, list[int]]:
        """Return the averaged weights, scaled to integers, tiny ones pruned, as compact rows."""
        out: dict[str, list[int]] = {}
        for feat in sorted(self.weights):
            row: list[int] = []
            for tag in sorted(self.weights[feat]):
                key = (feat, tag)
                total = self.totals[key] + (self.instances - self.stamps[key]) * self.weights[feat][tag]
                average = total / max(1, self.instances)
                if abs(average) >= PRUNE_BELOW:
                    row += [tag, round(average * WEIGHT_SCALE)]
            if row:
                out[feat] = row
        return out


FOLDS = 10


def _signatures(words: Sequence[str], lexicon: Lexicon) -> list[str]:
    return [lexicon.signature(canonical(word)) for word in words]


def jackknifed_signatures(sentences: Sequence[Tagged], lexicon: Lexicon) -> list[list[str]]:
    """Return each training word's possible tags as if the lexicon had not seen the word's own fold.

    The shipped lexicon holds every word/tag pair of the training set, so without this the tagger would learn
    to trust it more than it deserves on new text. A tag is dropped from a word's signature when the
    treebank shows that pair only in the sentence's own fold of ten.
    """
    seen: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    for number, sentence in enumerate(sentences):
        for word, tag in sentence:
            seen[_lex_key(word), tag][number % FOLDS] += 1
    out: list[list[str]] = []
    for number, sentence in enumerate(sentences):
        fold = number % FOLDS
        signatures = []
        for word, _tag in sentence:
            key = _lex_key(word)
            kept = []
            signature = lexicon.signature(canonical(word))
            for tag in signature.rstrip(NAME_MARK).split("|"):
                folds = seen.get((key, tag))
                if tag and (folds is None or sum(folds.values()) > folds[fold]):
                    kept.append(tag)
            signatures.append("|".join(kept) + (NAME_MARK if signature.endswith(NAME_MARK) else ""))
        out.append(signatures)
    return out


def _lex_key(word: str) -> str:
    return canonical(word).lower()


def train(sentences: Sequence[Tagged], lexicon: Lexicon, iterations: int = ITERATIONS) -> PerceptronTagger:
    """Train a tagger on tagged sentences; deterministic for a given input order."""
    tags = sorted({tag for sentence in sentences for _word, tag in sentence})
    tagdict = make_tagdict(sentences)
    trainer = _Trainer(tags)
    prepared = []
    for sentence, signatures in zip(sentences, jackknifed_signatures(sentences, lexicon), strict=True):
        words = [word for word, _tag in sentence]
        prepared.append(
            (words, [*_START, *(normalise(w) for w in words), *_END], [trainer.index[t] for _w, t in sentence],
             signatures)
        )
    order = list(range(len(prepared)))
    rng = random.Random(SEED)
    for iteration in range(iterations):
        started = time.perf_counter()
        right = total = 0
        for number in order:
            words, normal, truths, lex = prepared[number]
            prev, prev2 = _START
            last_verb = "-"
            for index, truth in enumerate(truths):
                feats = features(index, normal, words, prev, prev2, lex, last_verb)
                guess = trainer.predict(feats)
                trainer.update(truth, guess, feats)
                right += guess == truth
                total += 1
                prev2, prev = prev, tags[guess]
                if prev in VERB_TAGS:
                    last_verb = prev
        rng.shuffle(order)
        log.info("iteration %d: %.2f%% in %.0f s", iteration + 1, 100 * right / total, time.perf_counter() - started)
    return PerceptronTagger(tags, trainer.averaged(), tagdict)


def accuracy(
    tagger: PerceptronTagger, sentences: Sequence[Tagged], lexicon: Lexicon, disambiguated: bool = True
) -> float:
    """Return the share of tokens tagged as the treebank does (tagger, then the disambiguation pass)."""
    right = total = 0
    for sentence in sentences:
        words = [word for word, _tag in sentence]
        guesses = tagger.tag(words, _signatures(words, lexicon))
        if disambiguated:
            guesses = disambiguate(words, guesses, [lexicon.tags(canonical(word)) for word in words])
        right += sum(guess == tag for guess, (_word, tag) in zip(guesses, sentence, strict=True))
        total += len(sentence)
    return right / max(1, total)


def main(argv: list[str] | None = None) -> int:
    """Train on EWT train, report dev and test accuracy, write the compressed model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ewt", type=Path, help="folder holding the en_ewt-ud-*.conllu files")
    parser.add_argument("output", type=Path, nargs="?", default=resource_path("grammar", MODEL_NAME))
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.ewt / "en_ewt-ud-train.conllu").is_file():
        print(f"No en_ewt-ud-train.conllu in {args.ewt}.", file=sys.stderr)
        return 2
    lexicon = shipped_lexicon()
    treebank = load_split(args.ewt, "train")
    names = sorted(name.capitalize() for name in first_names())
    tagger = train(treebank + dialogue_variants(treebank, names), lexicon, args.iterations)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tagger.save(args.output)
    shipped = PerceptronTagger.load(args.output)
    for split in ("dev", "test"):
        print(f"accuracy on EWT {split}: {100 * accuracy(shipped, load_split(args.ewt, split), lexicon):.2f}%")
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes, {len(shipped.weights):,} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
