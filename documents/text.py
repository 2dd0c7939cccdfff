"""Text as it is stored: one spelling for what looks the same.

Typed, pasted and imported text arrives in decomposed Unicode (NFD, from some Mac and Word
sources), with zero-width spaces, control characters and runs of spaces from copying out of
documents. Two names that look identical must be stored identically, or the bloc gets visual
duplicates and a section split in two. Every form (NormalizedFormMixin) and every import
(clean_text) goes through here."""

import re
import unicodedata

# Zero-width and invisible formatting characters that copy-paste brings along.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[^\S\n]+")


def _visible(character: str) -> bool:
    # Cc: control characters (NUL, escape, ...), Cf: other formatting marks; newlines stay.
    return character == "\n" or unicodedata.category(character) not in ("Cc", "Cf", "Cs", "Co")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """NFC, invisible and control characters removed, spaces collapsed, ends trimmed. Multiline
    text keeps its line breaks (each line cleaned, runs of blank lines kept at one)."""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", " ").translate(_INVISIBLE)
    text = "".join(c for c in text if _visible(c))
    if not multiline:
        return " ".join(text.split())
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def name_key(value: str) -> str:
    """The key two names are compared on: cleaned and case-folded ("HỘI  Nông dân" equals
    "hội nông dân"). Diacritics stay: "Hội" and "Hồi" are different words."""
    return clean_text(value).casefold()


# Vietnamese alphabetical order (the dictionaries' and the official lists'): the letters with
# their shapes are letters of their own (a < ă < â < b, d < đ < e), and the tones count only
# between words that are otherwise the same, in the order ngang, huyền, hỏi, ngã, sắc, nặng.
# Letters outside the Vietnamese alphabet (f, j, w, z) fall in their Latin place.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_SHAPES = "\u0306\u0302\u031b"  # breve (ă), circumflex (â ê ô), horn (ơ ư)
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vi_sort_key(value: str) -> tuple:
    """The key that sorts names in Vietnamese order: "An" < "Ăn" < "Ân" < "Dân" < "Đoàn".
    Spaces and digits come before letters, so "An Bình" < "Anh"; case decides only last."""
    letters, tones = [], []
    for character in unicodedata.normalize("NFD", clean_text(value).casefold()):
        if character in _TONES:
            tones[-1:] = [_TONES[character]]
        elif character in _SHAPES and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + character)
        else:
            letters.append(character)
            tones.append(0)
    primary = tuple((1, _LETTER[c]) if c in _LETTER else (0, ord(c)) for c in letters)
    return primary, tuple(tones), value
