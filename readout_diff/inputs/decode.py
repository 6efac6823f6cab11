"""Bytes → text: Unicode with or without a byte-order mark, or a legacy single-byte code page.

A readout that is not UTF-8 is usually an old Windows file: Western (windows-1252, often just for
its curly quotes), Central European (windows-1250), Turkish (windows-1254) or Cyrillic
(windows-1251, KOI8-R). Any byte string decodes in any of these, so
the guess is checked: the text each code page gives is read word by word, and a code page whose
words look like mojibake ("ÐŸÑ€ÐµÐ·", mixed scripts, box-drawing characters) is rejected. When no
code page reads cleanly the file is refused rather than compared as garbage.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from readout_diff.errors import InputError, UsageError

# Tried in this order; on equal scores the earlier one wins.
LEGACY_ENCODINGS = ("windows-1252", "windows-1254", "windows-1250", "windows-1251", "koi8-r")
# Share of non-ASCII words allowed to look wrong before a code page is rejected.
_MAX_ODD_WORDS = 0.1
_ALLOWED_SYMBOLS = set("°©®™§¶±×€£¥¢•·…–—‘’‚“”„«»‹›†‡‰¤")
_RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_OTHER_CYRILLIC = set("іїєґў")  # Ukrainian and Belarusian letters are plausible too
_WORD = re.compile(r"\S+")
# Icelandic letters, in a readout far more often Turkish ş and ğ read as windows-1252.
_ICELANDIC = set("þðÞÐ")
_SUPERSCRIPTS = set("¹³")  # "km²" is real; these two are Polish ą and ł read as windows-1252
_INNER_PUNCTUATION = set("'’-‐.·")  # may stand between two letters of a real word


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig" (a BOM, not part of the text), "windows-1252"...
    guessed: bool = False  # True when the encoding was guessed from the bytes


def bom_codec(data: bytes) -> str | None:
    """The Unicode encoding a byte-order mark announces (UTF-32's before UTF-16's: FF FE 00 00
    starts with UTF-16's FF FE)."""
    for boms, codec in (
        ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),
        ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"),
        ((codecs.BOM_UTF8,), "utf-8-sig"),
    ):
        if data.startswith(boms):
            return codec
    return None


def user_codec(encoding: str) -> str:
    """The codec of an encoding the user named (`--encoding`); UsageError if there is none."""
    codec = text_codec(encoding)
    if codec is None:
        raise UsageError(f"unknown encoding {encoding!r}")
    return codec


def undecodable(name: str, data: bytes, at: int) -> InputError:
    return InputError(
        f"{name}: not valid UTF-8 at byte offset {at} (byte 0x{data[at]:02x}), and not "
        "a recognisable legacy encoding; give it with --encoding"
    )


def decode(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """Text of a readout; refuses binary data, and bytes that no known encoding reads cleanly."""
    if encoding is not None:
        return _decode_as(data, name, user_codec(encoding))
    bom = bom_codec(data)
    if bom in ("utf-32", "utf-16"):
        return _decode_as(data, name, bom)
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, expected text")
    try:
        return Decoded(data.decode("utf-8-sig"), bom or "utf-8")
    except UnicodeDecodeError as e:
        at = e.start + (3 if bom else 0)  # offset in the file
        # A UTF-8 byte-order mark promises UTF-8: broken bytes after it are not a code page.
        guess = None if bom else guess_single_byte(data)
        if guess is None:
            raise undecodable(name, data, at) from None
        return Decoded(data.decode(guess), guess, guessed=True)


def encoding_label(codec: str) -> str:
    """The name people and browsers use: "windows-1252" for Python's "cp1252"."""
    name = codecs.lookup(codec).name
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    return re.sub(r"\Aiso8859-", "iso-8859-", name)


def text_codec(name: str) -> str | None:
    """Python's name of a text encoding, or None: "hex", "rot13" and "zip" are codecs too, but
    not text encodings, and "undefined" decodes nothing."""
    try:
        info = codecs.lookup(name)
        if not getattr(info, "_is_text_encoding", True):
            return None
        b"<p>".decode(info.name, "replace")  # "undefined" decodes b"" but no real byte
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    return info.name


def _decode_as(data: bytes, name: str, encoding: str) -> Decoded:
    canonical = codecs.lookup(encoding).name
    if canonical == "utf-8" and data.startswith(codecs.BOM_UTF8):
        canonical = "utf-8-sig"  # the BOM is not text: offsets are counted after it
    try:
        text = data.decode(canonical)
    except UnicodeError as e:
        shown = encoding.upper() if encoding.lower().startswith("utf") else encoding
        at = getattr(e, "start", 0)
        raise InputError(f"{name}: invalid {shown} at byte offset {at}") from None
    return Decoded(text, encoding if canonical.startswith("utf") else canonical)


def guess_single_byte(data: bytes) -> str | None:
    """The legacy code page whose text reads cleanly, or None when none does."""
    ranked = []
    for order, encoding in enumerate(LEGACY_ENCODINGS):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:  # some code pages leave a few bytes undefined
            continue
        score = odd_word_share(text)
        if score <= _MAX_ODD_WORDS and not _caseless_cyrillic(text):
            # On a tie, fewer words in Cyrillic capitals: lower-case KOI8-R text read as
            # windows-1251 comes out all in capitals, and a real heading is a few words.
            ranked.append((score, _cyrillic_capitals(text), order, encoding))
    return min(ranked)[3] if ranked else None


def _caseless_cyrillic(text: str) -> bool:
    """Hebrew and Arabic have no capitals: read as windows-1251 or KOI8-R they come out as
    Cyrillic words all in lower case, or all in capitals. Real Russian has both."""
    words = [w for w in _WORD.findall(text) if "CYRILLIC" in unicodedata.name(w[0], "")]
    if len(words) < 8:
        return False
    return not any(w[0].isupper() for w in words) or all(w.isupper() for w in words)


def _cyrillic_capitals(text: str) -> int:
    return sum(
        1
        for w in _WORD.findall(text)
        if len(w) >= 4 and w.isupper() and "CYRILLIC" in unicodedata.name(w[0], "")
    )


def odd_word_share(text: str) -> float:
    """Share of the words with non-ASCII characters that no real language would write."""
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return 0.0
    return sum(_odd(w) for w in words) / len(words)


def _odd(word: str) -> bool:
    scripts, accented, letters, previous_lower = set(), 0, 0, False
    after_letter = gap = False  # a stray character between two letters: "mo¿na", "spotka³em"
    for ch in word:
        category = unicodedata.category(ch)
        if category[0] == "C" or (category[0] == "S" and ch not in _ALLOWED_SYMBOLS):
            return True  # control codes, box drawing, stray symbols: a wrong code page
        if ch in _SUPERSCRIPTS or ch in _ICELANDIC:
            return True  # "³", "¹", "þ": Polish ł, ą and Turkish ş read as windows-1252
        if category[0] != "L":
            previous_lower = False
            gap = gap or (after_letter and ch not in _INNER_PUNCTUATION)
            continue
        if gap:
            return True
        after_letter = True
        letters += 1
        if ch.isascii():
            scripts.add("latin")
        elif "CYRILLIC" in unicodedata.name(ch, ""):
            scripts.add("cyrillic")
            if ch.lower() not in _RUSSIAN and ch.lower() not in _OTHER_CYRILLIC:
                return True  # Serbian letters amid Russian ones: mostly mojibake
            if previous_lower and ch.isupper():
                return True  # "пПЕТ": KOI8-R read as windows-1251 swaps the case
        else:
            scripts.add("latin")
            accented += 1
        previous_lower = ch.islower()
    # "Ïðåçèäåíò": a word of accented letters only is Cyrillic read as Western.
    return len(scripts) > 1 or (accented >= 3 and accented >= 0.8 * letters)
