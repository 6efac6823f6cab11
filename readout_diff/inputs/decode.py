"""Bytes → text, for every file the tool reads: readouts (text or HTML, local or fetched) and the
YAML and CSV files that describe them. One function, `decode`, with one order of precedence:

1. a byte-order mark: certain (UTF-8, UTF-16 or UTF-32);
2. the user's `--encoding`: an order, obeyed strictly;
3. a declared charset (an HTTP header, meeting.yaml's `encoding`, then an HTML page's own
   `<meta charset>`, read with the WHATWG label rules): a hint. A declared UTF-16 or UTF-32
   that the bytes decode in, but into garbage (UTF-8 served as UTF-16 gives CJK and unassigned
   characters, and has no NUL byte), is an InputError pointing to `--encoding`, rather than
   a comparison of garbage; a declared EBCDIC code page (cp037) is ignored;
4. UTF-8;
5. a legacy single-byte code page whose words look real.

Binary data: a NUL character anywhere in the text, whatever the encoding (a NUL byte among the
first 8 KB is refused before decoding, unless UTF-16 or UTF-32 was announced), is an InputError
"looks like a binary file": no readout has one, and a NUL would reach the terminal and the
Markdown report raw. Other control characters are left to the renderers.

Undecodable bytes: a BOM or the user's `--encoding` that the bytes break is an InputError naming
the byte offset. A declared charset the bytes are not in is set aside and the bytes decide (servers
send "us-ascii" or "iso-8859-1" for UTF-8 text). No step ever puts U+FFFD in the text: offsets and
quoted evidence must be the file's own characters, so a file nothing reads cleanly is refused
with `--encoding` as the way out, rather than compared with holes in it.

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

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy
from readout_diff.errors import InputError, UsageError

# Tried in this order; on equal scores the earlier one wins.
LEGACY_ENCODINGS = ("windows-1252", "windows-1254", "windows-1250", "windows-1251", "koi8-r")
# Share of non-ASCII words allowed to look wrong before a code page is rejected.
_MAX_ODD_WORDS = 0.1
_ALLOWED_SYMBOLS = set("°©®™§¶±×€£¥¢•·…–—‘’‚“”„«»‹›†‡‰¤")
_RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_OTHER_CYRILLIC = set("іїєґў")  # Ukrainian and Belarusian letters are plausible too
_WORD = lazy(r"\S+")
# Icelandic letters, in a readout far more often Turkish ş and ğ read as windows-1252.
_ICELANDIC = set("þðÞÐ")
_SUPERSCRIPTS = set("¹³")  # "km²" is real; these two are Polish ą and ł read as windows-1252
_INNER_PUNCTUATION = set("'’-‐.·")  # may stand between two letters of a real word


# Both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
_META_CHARSET = lazy(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_TAG = lazy(rb"<[^>]*>")
# As browsers do (WHATWG): "latin-1" and "ascii" labels on a web page mean windows-1252.
_WHATWG = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_SNIFF_BYTES = 8192  # a NUL among the first bytes: binary (unless UTF-16/32 was announced)


@frozen
class DecodeHints:
    """What is known of a file's encoding besides its bytes."""

    encoding: str | None = None  # the user's --encoding: obeyed strictly
    declared: str | None = None  # a server's charset, meeting.yaml's `encoding`: a hint
    html: bool = False  # a web page: its <meta charset> counts, labels read as browsers do
    utf8_only: bool = False  # YAML and CSV: UTF-8 (a BOM allowed), nothing guessed


@frozen
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


def decode(data: bytes, name: str, hints: DecodeHints | None = None) -> Decoded:
    """Text of a file, in the order of precedence above; InputError for binary data (a NUL
    anywhere) and for bytes that nothing reads cleanly, UsageError for an unknown `--encoding`."""
    hints = hints or DecodeHints()
    decoded = _decode(data, name, hints)
    if "\x00" in decoded.text and not hints.utf8_only:  # YAML and CSV parsers name the line
        raise _binary(name, hints)
    return decoded


def _binary(name: str, hints: DecodeHints) -> InputError:
    expected = "an HTML page" if hints.html else "text"
    return InputError(f"{name}: looks like a binary file, expected {expected}")


def _decode(data: bytes, name: str, hints: DecodeHints) -> Decoded:
    bom = bom_codec(data)
    if hints.utf8_only and bom not in (None, "utf-8-sig"):
        raise InputError(f"{name}: not UTF-8 (it starts with a {bom.upper()} byte-order mark)")
    if bom is not None:
        return _strict(data, name, bom, bom.replace("-sig", "").upper())
    if hints.encoding is not None:
        shown = hints.encoding.upper() if hints.encoding.lower().startswith("utf") else None
        return _strict(data, name, user_codec(hints.encoding), shown or hints.encoding)
    declared = _charset(hints.declared, hints.html, unicode=True)
    if declared is not None and declared.startswith(("utf-16", "utf-32")):
        found = _clean(data, declared)  # UTF-16 without a BOM is full of NUL bytes
        if found is not None:
            if not _plausible_wide(data, found.text):
                raise InputError(
                    f"{name}: declared {declared.upper()}, but its bytes are not {declared.upper()}"
                    " text (no NUL byte, or unassigned characters); give it with --encoding"
                )
            return found
    if not hints.utf8_only and b"\x00" in data[:_SNIFF_BYTES]:
        raise _binary(name, hints)  # before any guessing: a code page would read it
    if declared is None and hints.html:
        m = _META_CHARSET.search(data[:4096])
        declared = _charset(m.group(1).decode("ascii"), True, unicode=False) if m else None
    found = _clean(data, declared) if declared else None
    return found or _detect(data, name, hints)


def _plausible_wide(data: bytes, text: str) -> bool:
    """Whether UTF-16 or UTF-32 text could be what the bytes mean. ASCII or UTF-8 bytes read as
    UTF-16 decode cleanly, into CJK and unassigned code points; real UTF-16 has a NUL byte in
    every ASCII character (a space, a digit, a line break) and no unassigned code point."""
    if b"\x00" not in data:
        return False
    odd = sum(1 for ch in text if unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    return odd <= 0.01 * len(text)


def _detect(data: bytes, name: str, hints: DecodeHints) -> Decoded:
    """Undeclared bytes: UTF-8, else a legacy code page that reads cleanly, else InputError."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as e:
        if hints.utf8_only:
            raise InputError(
                f"{name}: not valid UTF-8 at byte offset {e.start} (byte 0x{data[e.start]:02x})"
            ) from None
        # "<h1>Переговоры" would look like mixed scripts: judge a page's words without its tags.
        guess = guess_single_byte(_TAG.sub(b" ", data) if hints.html else data)
        if guess is None:
            raise undecodable(name, data, e.start) from None
        return Decoded(data.decode(guess), guess, guessed=True)


def _clean(data: bytes, codec: str) -> Decoded | None:
    """The text in a declared charset, or None when the bytes are not in it."""
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeError:
        return None


def _strict(data: bytes, name: str, codec: str, shown: str) -> Decoded:
    """A BOM's or the user's encoding: every byte must be in it."""
    try:
        return Decoded(data.decode(codec), codecs.lookup(codec).name)
    except UnicodeError as e:
        at = getattr(e, "start", 0) + (3 if codec == "utf-8-sig" else 0)  # offset in the file
        byte = f" (byte 0x{data[at]:02x})" if at < len(data) else ""
        raise InputError(f"{name}: invalid {shown} at byte offset {at}{byte}") from None


def _charset(label: str | None, html: bool, unicode: bool) -> str | None:
    """The codec for a declared charset label, or None if it cannot be used. On a web page the
    label means what it means to a browser, and a <meta> read as ASCII cannot mean UTF-16
    (`unicode` False): it means UTF-8, as in WHATWG."""
    codec = text_codec(label) if label else None
    if codec is None:
        return None
    if html:
        codec = _WHATWG.get(codec, codec)
    if codec.startswith(("utf-16", "utf-32")):
        return codec if unicode else "utf-8"
    probe = b"<meta charset=x>"  # EBCDIC and the like would turn the whole file to garbage
    return codec if probe.decode(codec, "replace") == probe.decode("ascii") else None


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
