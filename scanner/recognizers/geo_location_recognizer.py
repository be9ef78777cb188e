"""GEO_LOCATION: coordinates of where a photo was taken or a person lives.

A photo of an aid recipient's house with its EXIF GPS position gives away the home address as
surely as "Jl. Mawar No. 5"; survey spreadsheets carry "Koordinat: -8.1723, 113.7001" columns.
Decimal degrees inside Indonesia's bounding box (lat -11..6, lon 95..141) are reported when the
text says they are coordinates (the extractor writes EXIF positions as "GPS lat, lon").
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ._base import Hit, SaringRecognizer
from ._context import preceding, words

_LABEL = words(r"GPS", r"koordinat", r"titik\s+koordinat", r"lokasi", r"lat(?:itude)?",
               r"lintang", r"geotag")


class GeoLocationRecognizer(SaringRecognizer):
    ENTITY = "GEO_LOCATION"
    TRIGGER = re.compile(r"\d\.\d{4}")
    PATTERNS = [
        Pattern(
            "Decimal latitude, longitude",
            r"(?<![\d.])(?P<lat>-?\d{1,2}\.\d{4,8})\s*[,;/ ]\s*(?P<lon>\d{2,3}\.\d{4,8})(?![\d.])",
            0.1,
        )
    ]
    CONTEXT = ["gps", "koordinat"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        lat, lon = float(match.group("lat")), float(match.group("lon"))
        if not (-11.5 <= lat <= 6.5 and 94.5 <= lon <= 141.5):
            return None
        label = _LABEL.search(preceding(text, match.start(), 40))
        if label is None:
            return None
        return Hit(0.85, f"coordinates inside Indonesia after '{label.group()}'",
                   context_word=label.group(), validation=True)
