"""Which language a readout is written in: told from its scripts and a few function words.

Ministries publish in their own language first. The tool reads English, Chinese and Russian
(SUPPORTED); any other language is named when it can be told (Japanese by its kana, Korean by
its hangul, Arabic, Ukrainian by its own letters) so that the report can say it is not read,
rather than report every topic of the other readouts as missing from it.

No dependency: a script census over the letters is exact for zh / ru / ja / ko, and a handful
of function words tells English from the other Latin-script languages readouts come in.
"""

from __future__ import annotations

from collections import Counter

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy

SUPPORTED = ("en", "zh", "ru")
FOREIGN = ("zh", "ru")  # read through their own names of the topics (core.topics_i18n)
# Names for the report; codes are ISO 639-1, "und" when the language cannot be told.
NAMES = {
    "en": "English",
    "zh": "Chinese",
    "ru": "Russian",
    "ja": "Japanese",
    "ko": "Korean",
    "ar": "Arabic",
    "uk": "Ukrainian",
    "fr": "French",
    "es": "Spanish",
    "de": "German",
    "und": "undetermined",
}
LANGUAGE_HINT = "a code such as en, zh, ru, ja, or a name such as Chinese"
_WORDS_SAMPLE = 1_500  # enough words to tell English from French, Spanish or German
_SAMPLE = 5_000  # characters looked at: a readout's language shows in its first paragraphs

# Scripts by code point ranges (first, last), tested in Python on the few letters that are not
# ASCII: a regular expression over the wide Chinese ranges costs ~10 ms to compile (sre builds
# its character set one code point at a time), which every English run would pay at import.
_SCRIPTS = (
    ("han", ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))),
    ("kana", ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))),
    ("hangul", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))),
    ("cyrillic", ((0x0400, 0x04FF),)),
    ("arabic", ((0x0600, 0x06FF), (0x0750, 0x077F))),
    ("latin", ((0x00C0, 0x024F),)),  # ASCII letters are counted apart
)


_ASCII = lazy(r"[\x00-\x7f]+")


def script_of(ch: str) -> str | None:
    """The script of one character, of those above; None for any other."""
    n = ord(ch)
    for name, ranges in _SCRIPTS:
        if any(a <= n <= b for a, b in ranges):
            return name
    return None


# every byte but A-Z and a-z: deleting them from the UTF-8 bytes leaves the ASCII letters
# (a multi-byte character's bytes are all >= 0x80), counted in C
_NOT_ASCII_LETTER_BYTES = bytes(
    b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha()
)
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_RUSSIAN_LETTERS = frozenset("ыэъЫЭЪ")
# Frequent short words of each Latin-script language (lower case, whole words).
_FUNCTION_WORDS = {
    "en": frozenset("the and of to in that with on for is was said both".split()),
    "fr": frozenset("le la les des et du une est dans pour que avec".split()),
    "es": frozenset("el los las del y una es en para que con por".split()),
    "de": frozenset("der die das und den dem des ist mit für von zu".split()),
}
_LATIN_WORD = lazy(r"[a-z\u00e0-\u024f]+")


@frozen
class Language:
    code: str  # "en", "zh", "ru", … or "und"
    how: str  # "given" (--language or meeting.yaml) or what the detection saw

    @property
    def supported(self) -> bool:
        return self.code in SUPPORTED

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)


def script_census(text: str) -> dict[str, int]:
    """How many letters of `text` are in each script of _SCRIPTS (ASCII letters as latin)."""
    rest = _ASCII.sub("", text)  # little is left of an English text: its curly quotes, dashes
    counts = dict.fromkeys((name for name, _ in _SCRIPTS), 0)
    for ch, n in Counter(rest).items():  # each distinct character once: a text repeats them
        script = script_of(ch)
        if script is not None:
            counts[script] += n
    counts["latin"] += len(text.encode("utf-8").translate(None, _NOT_ASCII_LETTER_BYTES))
    return counts


def detect_language(text: str) -> Language:
    """The language of `text` by its letters: the script most letters are in, then kana or
    hangul beside Chinese characters (Japanese, Korean), Ukrainian letters beside Cyrillic, and
    function words among Latin-script languages. Text with no letters is "und"."""
    sample = text[:_SAMPLE]
    counts = script_census(sample)
    letters = sum(counts.values())
    if not letters:
        return Language("und", "no letters")
    if counts["kana"] >= max(5, 0.05 * letters):
        return Language("ja", "kana")
    if counts["hangul"] >= 0.2 * letters:
        return Language("ko", "hangul")
    script = max(counts, key=lambda name: counts[name])
    share = f"{round(100 * counts[script] / letters)}% of letters"
    if script in ("han", "kana"):
        return Language("zh", f"Chinese characters ({share})")
    if script == "cyrillic":
        ukrainian = sum(ch in _UKRAINIAN_LETTERS for ch in sample)
        if ukrainian > sum(ch in _RUSSIAN_LETTERS for ch in sample):
            return Language("uk", f"Ukrainian letters ({share} Cyrillic)")
        return Language("ru", f"Cyrillic ({share})")
    if script == "arabic":
        return Language("ar", f"Arabic script ({share})")
    if script == "hangul":
        return Language("ko", "hangul")
    words = Counter(_LATIN_WORD.findall(sample[:_WORDS_SAMPLE].lower()))
    hits = {code: sum(words[w] for w in fw) for code, fw in _FUNCTION_WORDS.items()}
    best = max(hits, key=lambda code: hits[code])
    if hits[best] > hits["en"] and hits[best] >= 3:  # another language's words, clearly
        return Language(best, f"Latin letters and {NAMES[best]} function words")
    if not hits["en"]:  # a headline or a short line: English, the tool's own language
        return Language("en", "Latin letters (too few words to tell; English assumed)")
    return Language("en", "Latin letters and English function words")


def parse_language(value: str) -> str | None:
    """A user's language code or name ("zh", "Chinese", "RU") as a code; None if unknown."""
    key = value.strip().lower()
    if key in NAMES:
        return key
    by_name = {name.lower(): code for code, name in NAMES.items()}
    aliases = {"cn": "zh", "zh-cn": "zh", "zh-hans": "zh", "zh-hant": "zh", "zh-tw": "zh"}
    return by_name.get(key) or aliases.get(key)
