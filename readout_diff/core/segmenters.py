"""The segmenter of each language the tool reads: a function (text, start) -> segments, as
`segment` is for English. A language without its own (an unsupported one) is split by the
English rules, which at least keep its paragraphs apart; no topic is reported missing from it.
The Chinese and Russian ones are imported when first asked for: their patterns cost an English
run nothing."""

from __future__ import annotations

import importlib

from readout_diff.core.segment import Segmenter, segment

# language -> (module, function) of its segmenter; English's is `segment`
SEGMENTERS: dict[str, tuple[str, str]] = {
    "zh": ("readout_diff.core.segment_zh", "segment_zh"),
    "ru": ("readout_diff.core.segment_ru", "segment_ru"),
}


def segmenter_for(language: str) -> Segmenter:
    where = SEGMENTERS.get(language)
    if where is None:
        return segment
    module, name = where
    found: Segmenter = getattr(importlib.import_module(module), name)
    return found
