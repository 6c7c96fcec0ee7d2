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
    seen = {word for label in labels for word in _words(label)}
    found: set[str] = set()
    for label in labels:
        for form in {label, _fold(label)}:
            words = _words(form)
            joined = "".join(words)
            candidates = {
                joined,
                joined.replace(".", ""),
                " ".join(_LETTER_DIGIT.sub(" ", word) for word in words),
                " ".join(words),
            }
            for candidate in candidates:
                pieces = candidate.split()
                if pieces and not all(piece in seen for piece in pieces):
                    found.add(candidate)
    return tuple(sorted(found))
