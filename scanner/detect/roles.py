"""Is a name written in a public role? Officials are named in their office, citizens are not.

UU 14/2008 Pasal 18 ayat (2): personal information is not exempt when it concerns a position in
a public office. A name under "Kepala Dinas ..." or above "NIP." in a signature block, a name
followed by its office in a press release ("ujar X, Kepala Dinas ..."), an investigator with his
rank ("Aipda X, penyidik pembantu") or the examining doctor above his SIP is the office
speaking, not a private person's data.

Signature blocks are often split over several paragraphs (DOCX) or lines (PDF), so the caller
passes the text of the neighbouring segments too.
"""

from __future__ import annotations

import re

_OFFICES = (
    r"kepala|kadis|kabid|kasubag|kasubbag|kasi|kasie|sekretaris|sekda|camat|lurah|kades|"
    r"bupati|wakil bupati|wali ?kota|gubernur|direktur|dirut|menteri|ketua|wakil ketua|"
    r"plt\.?|plh\.?|pj\.?|a\.n\.|u\.b\.|ttd\.?|pejabat|ppid|inspektur|asisten|staf ahli|"
    r"kapolres|kapolsek|kapolda|dandim|danramil|kajari|kajati|koordinator|juru bicara|humas|"
    r"narahubung|penyidik|penyelidik|pemeriksa|dokter pemeriksa|dokter penanggung jawab|"
    r"penanggung jawab|kuasa pengguna anggaran|pejabat pembuat komitmen|ppk|bendahara|"
    r"pembina(?: utama)?(?: muda| madya)?|penata(?: muda)?(?: tk\.? ?i)?|pengatur|juru"
)
_RANKS = (
    r"aipda|aiptu|bripka|brigpol|briptu|bripda|bharada|ipda|iptu|akp|kompol|akbp|kombes|"
    r"brigjen|irjen|serda|sertu|serka|serma|letda|lettu|kapten|mayor|letkol|kolonel"
)
# The office on the same line before the name ("Kepala Dinas X, Budi"), or on a line of its
# own above a line that holds little more than the name (signature block). A table row whose
# previous row ends with a job title does not count: that person is listed, not signing.
_OFFICE_SAME_LINE = re.compile(rf"\b(?:{_OFFICES})\b[^;\n\d]{{0,80}}$", re.IGNORECASE)
_OFFICE_LINE = re.compile(rf"^\W*(?:{_OFFICES})\b[^;\n\d]{{0,80}}$", re.IGNORECASE)
_SHORT_PREFIX = re.compile(r"^[^\n\d;:]{0,12}$")
_RANK_BEFORE = re.compile(rf"\b(?:{_RANKS})\.?\s*$", re.IGNORECASE)
# After the name: optional degrees (", S.H., M.Si."), then an office, or a line with the NIP.
_DEGREES = r"(?:\s*,?\s*(?:[A-Z][A-Za-z]{0,4}\.){1,3}(?:\s?[A-Za-z]{1,4}\.?)?)*"
_AFTER_OFFICE = re.compile(rf"^{_DEGREES}\s*,\s*(?:{_OFFICES}|selaku|sebagai)\b", re.IGNORECASE)
_AFTER_ID = re.compile(
    rf"^{_DEGREES}[\s,.]*(?:\n[^\n]{{0,60}})?\n\s*(?:NIP|NRP|NIK\s*PNS|SIP|NIPPPK|Pangkat)\b",
    re.IGNORECASE,
)


def is_official_context(
    text: str, start: int, end: int, before_ctx: str = "", after_ctx: str = ""
) -> bool:
    """True when the span at ``start:end`` reads as a named official."""
    before = (before_ctx + "\n" + text[:start])[-200:]
    lines = before.split("\n")
    current = lines[-1]
    if _OFFICE_SAME_LINE.search(current) or _RANK_BEFORE.search(current):
        return True
    if _SHORT_PREFIX.match(current) and any(
        _OFFICE_LINE.match(line.strip()) for line in lines[-3:-1] if line.strip()
    ):
        return True
    after = (text[end:] + "\n" + after_ctx)[:200]
    return bool(_AFTER_OFFICE.match(after) or _AFTER_ID.match(after))
