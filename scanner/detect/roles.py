"""Is a name written in a public role? Officials are named in their office, citizens are not.

UU 14/2008 Pasal 18 ayat (2): personal information is not exempt when it concerns a position in
a public office. A name under "Kepala Dinas ..." or above "NIP." in a signature block, or quoted
as an official in a press release, is the office speaking, not a private person's data.
"""

from __future__ import annotations

import re

_TITLES = (
    r"kepala|kadis|kabid|kasubag|kasubbag|kasi|sekretaris|sekda|camat|lurah|kades|kepala desa|"
    r"bupati|wakil bupati|wali ?kota|wakil wali ?kota|gubernur|wakil gubernur|direktur|dirut|"
    r"menteri|ketua|wakil ketua|plt\.?|plh\.?|pj\.?|a\.n\.|u\.b\.|ttd\.?|pejabat|ppid|"
    r"pembina|penata|pengatur|juru|inspektur|asisten|staf ahli|kapolres|kapolsek|dandim|"
    r"kajari|kepala bagian|kepala bidang|koordinator|juru bicara|humas|narahubung"
)
_BEFORE = re.compile(rf"(?:{_TITLES})\b[^\n;]{{0,80}}$", re.IGNORECASE)
_AFTER = re.compile(r"^[\s,.]*(?:\n[^\n]{0,60})?\n?\s*(?:NIP|NRP|NIK\s*PNS)\b", re.IGNORECASE)
_SAYS = re.compile(
    r"^[^\n]{0,40}\b(?:mengatakan|menjelaskan|menyampaikan|menegaskan|"
    r"mengungkapkan|menambahkan|kata|ujar|ungkap|jelas)\b",
    re.IGNORECASE,
)


def is_official_context(text: str, start: int, end: int) -> bool:
    """True when the span at ``start:end`` reads as a named official."""
    before = text[max(0, start - 120) : start]
    # Look only at the line(s) just before: "Kepala Dinas Kominfo,\n ttd\n <NAME>".
    tail = "\n".join(before.split("\n")[-3:])
    if _BEFORE.search(tail):
        return True
    after = text[end : end + 120]
    return bool(_AFTER.match(after) or _SAYS.match(after))
