"""The segmenter of each language the tool reads: a function (text, start) -> segments, as
`segment` is for English. A language without its own (an unsupported one) is split by the
English rules, which at least keep its paragraphs apart; no topic is reported missing from it."""

from __future__ import annotations

from collections.abc import Callable

from readout_diff.core.segment import Segment, segment
from readout_diff.core.segment_ru import segment_ru
from readout_diff.core.segment_zh import segment_zh

Segmenter = Callable[[str, int], list[Segment]]

SEGMENTERS: dict[str, Segmenter] = {"en": segment, "zh": segment_zh, "ru": segment_ru}


def segmenter_for(language: str) -> Segmenter:
    return SEGMENTERS.get(language, segment)
