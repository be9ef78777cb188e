"""Plausibility guards for PER spans predicted by the NER model.

Statistical NER on scanned forms and tables produces typical false positives: ALL-CAPS headings
("DAFTAR PENERIMA"), form labels ("NAMA", "ALAMAT"), codes and identifiers, e-mail addresses,
log fragments. These helpers reject such spans and trim honorifics/titles and academic degrees
so that the remaining span follows the model's convention (titles and degrees outside PER).

* :func:`trim_person_span` -> ``(start, end)`` character offsets of the name inside ``text``.
* :func:`is_plausible_person` -> ``True`` if the trimmed span looks like a person's name.
"""

from __future__ import annotations

import re

# Leading honorifics/titles (compared case-insensitively, optional final dot).
_TITLES = {
    "bapak",
    "bpk",
    "ibu",
    "pak",
    "bu",
    "sdr",
    "sdri",
    "saudara",
    "saudari",
    "tn",
    "tuan",
    "ny",
    "nyonya",
    "nn",
    "nona",
    "yth",
    "kepada",
    "h",
    "hj",
    "haji",
    "hajah",
    "hajjah",
    "kh",
    "kyai",
    "kiai",
    "ustadz",
    "ustaz",
    "ustad",
    "ustadzah",
    "dr",
    "drs",
    "dra",
    "ir",
    "prof",
    "drg",
    "ns",
    "mr",
    "mrs",
    "ms",
    "alm",
    "almh",
    "almarhum",
    "almarhumah",
    "an",
    "a.n",
    "atas",
    "nama",
    "pelapor",
    "terlapor",
    "pemohon",
}
# Trailing degrees (compared after removing dots, case-insensitively).
_DEGREES = {
    "sh",
    "sip",
    "msi",
    "skom",
    "se",
    "ak",
    "mm",
    "spd",
    "mpd",
    "st",
    "mt",
    "ssos",
    "mkes",
    "sked",
    "sag",
    "mag",
    "mh",
    "mkn",
    "phd",
    "ma",
    "msc",
    "bsc",
    "ba",
    "sp",
    "mba",
    "mph",
    "sstp",
    "map",
    "skep",
    "amd",
    "spdi",
    "mak",
    "ca",
    "spsi",
    "sfarm",
    "apt",
    "sei",
    "sgz",
    "spt",
    "ikom",
    "sikom",
    "ssi",
    "sht",
    "shi",
    "mhum",
    "mkom",
    "mti",
    "mpa",
    "dr",
    "cpa",
}
# Words that are never a person's name on their own (headings, form labels, admin units).
HEADING_WORDS = frozenset(
    """
    daftar nama alamat nik nip nomor no jumlah total kecamatan kabupaten kota provinsi desa
    kelurahan dusun dinas badan kantor pemerintah berita acara rekapitulasi lampiran surat
    keputusan keterangan tentang memutuskan menetapkan menimbang mengingat kesatu kedua ketiga
    laporan data penerima bantuan sosial tahun bulan tanggal tempat lahir agama pekerjaan
    jabatan pangkat golongan pendidikan status perkawinan kewarganegaraan jenis kelamin
    pelapor terlapor pemohon informasi publik rahasia catatan tembusan hormat kami ttd
    mengetahui perihal sifat hal kepada yth uraian anggaran realisasi kode rekening satuan
    volume harga program kegiatan subkegiatan formulir permohonan pengaduan hadir peserta rapat
    undangan notulen biodata kartu keluarga penduduk miskin sekretariat bagian bidang seksi
    kepala sekretaris camat lurah bupati walikota gubernur umum rt rw npwp telp telepon email
    fax hp halaman tabel gambar pasal ayat huruf angka bab ketua anggota wakil ketentuan
    laki perempuan islam kristen katolik hindu buddha konghucu wni wna kk ktp ket jl jalan gang
    gg lainnya pukul waktu hari senin selasa rabu kamis jumat sabtu minggu januari februari maret
    april mei juni juli agustus september oktober november desember
    """.split()
)
_STOPWORDS = frozenset(
    """
    dan atau yang di ke dari untuk pada dengan dalam oleh sebagai adalah ini itu tersebut
    telah akan sudah belum tidak bukan serta bagi per para sebanyak sesuai
    """.split()
)

_TOKEN_RE = re.compile(r"\S+")
_DIGIT_RE = re.compile(r"\d")
_URLISH_RE = re.compile(r"@|://|www\.|\.(?:go\.id|co\.id|ac\.id|com|id|org|net)\b", re.IGNORECASE)
_CODE_RE = re.compile(r"[_=#/\\|<>{}\[\]$%&*+~^]")
_DEGREE_RE = re.compile(r"(?:[A-Za-z]{1,4}\.){1,4}[A-Za-z]{0,4}\.?")
_MAX_TOKENS = 6


def _core(token: str) -> str:
    return token.strip(",.;:()\"'").lower().replace(".", "")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


def trim_person_span(text: str) -> tuple[int, int]:
    """Character offsets of ``text`` without leading titles and trailing degrees/punctuation.

    ``"Bapak Drs. H. Budi Santoso, M.Si."`` -> offsets of ``"Budi Santoso"``. If nothing would be
    left, returns ``(start, start)`` at the first non-space character (an empty span).
    """
    toks = _tokens(text)
    i, j = 0, len(toks)
    while i < j:
        core = _core(toks[i][2])
        # "Bapak/Ibu" and titles glued with dots ("Dr.Ir.") count as titles too.
        parts = [p for p in re.split(r"[/.]", toks[i][2].lower()) if p]
        if core in _TITLES or (parts and all(p.strip(",:") in _TITLES for p in parts)):
            i += 1
            continue
        break
    while j > i:
        tok = toks[j - 1][2]
        core = _core(tok)
        if not core:
            j -= 1
            continue
        after_comma = j - 1 > i and toks[j - 2][2].endswith(",")
        if core in _DEGREES and (j - 1 > i) and ("." in tok or after_comma or tok.isupper()):
            j -= 1
            continue
        if after_comma and _DEGREE_RE.fullmatch(tok.rstrip(",")):
            j -= 1
            continue
        break
    if i >= j:
        first = len(text) - len(text.lstrip())
        return first, first
    start = toks[i][0]
    end = toks[j - 1][1]
    # Drop trailing punctuation (the comma before a degree, a final dot that is not an initial).
    while end > start and text[end - 1] in ",;:()\"'":
        end -= 1
    if end - start > 2 and text[end - 1] == "." and text[end - 3] != " " and text[end - 2] != ".":
        end -= 1
    while start < end and text[start] in "(\"'":
        start += 1
    return start, end


def is_plausible_person(text: str) -> bool:
    """Whether ``text`` (a predicted PER span) plausibly is a person's name."""
    start, end = trim_person_span(text)
    name = text[start:end].strip()
    if not name or len(name) < 2:
        return False
    if _DIGIT_RE.search(name) or _URLISH_RE.search(name) or _CODE_RE.search(name):
        return False
    words = name.split()
    if len(words) > _MAX_TOKENS:
        return False
    cores = [_core(w) for w in words]
    if not any(sum(ch.isalpha() for ch in c) >= 2 for c in cores):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2:
        return False
    # Mostly non-letters (e.g. "A-12/B") is a code.
    if len(letters) < 0.6 * len(name.replace(" ", "")):
        return False
    if all(c in HEADING_WORDS or c in _STOPWORDS or not c for c in cores):
        return False
    # Mixed-case identifiers such as "userId" / "CamelCase" or words with inner capitals.
    for w in words:
        core = w.strip(",.;:()\"'-")
        if len(core) > 3 and not core.isupper() and any(ch.isupper() for ch in core[1:]):
            inner_caps = sum(ch.isupper() for ch in core[1:])
            if core[0].islower() or inner_caps > 1 or "_" in core:
                return False
    # All-lowercase multi-word phrases starting with a stopword are running text, not names.
    if cores[0] in _STOPWORDS or cores[-1] in _STOPWORDS:
        return False
    return True
