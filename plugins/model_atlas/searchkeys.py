"""Other spellings of an entry's names, so that search finds them as people type them.

Search splits on spaces, hyphens and most punctuation, so `GPT-4o` and `GPT 4o` already meet.
What it cannot match is a spelling that joins or splits words differently (`gpt4o`, `llama3.1`,
`Qwen 2.5` for `Qwen2.5`) or drops accents (`Nystromformer`). This module lists those spellings.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)")
_SEPARATORS = re.compile(r"[\s\-_/,:;()\[\]\"']+")


def _fold(text: str) -> str:
    if text.isascii():
        return text  # ASCII has no accents to drop and is its own normal form
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _words(text: str) -> list[str]:
    return [word for word in _SEPARATORS.split(text.casefold()) if word]


def variants(labels: list[str]) -> list[str]:
    """Spellings of the labels that search would not otherwise match, sorted and unique."""
    return list(_variants(tuple(labels)))


@functools.lru_cache(maxsize=4096)
def _variants(labels: tuple[str, ...]) -> tuple[str, ...]:
    words_of = {label: _words(label) for label in labels}
    seen = {word for words in words_of.values() for word in words}
    found: set[str] = set()
    for label in labels:
        for form in {label, _fold(label)}:
            words = words_of[form] if form in words_of else _words(form)
            joined = "".join(words)
            spaced = " ".join(words)
            candidates = {
                joined,
                joined.replace(".", ""),
                # One pass over the spaced words splits each as a pass per word would: a word's
                # first letter follows a space, which the look-behind never takes for a letter.
                _LETTER_DIGIT.sub(" ", spaced),
                spaced,
            }
            for candidate in candidates:
                pieces = candidate.split()
                if pieces and not seen.issuperset(pieces):
                    found.add(candidate)
    return tuple(sorted(found))
