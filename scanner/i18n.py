"""User-facing messages in Bahasa Indonesia (default) and English.

Why one module: the CLI, the daemon's logs, the HTTP API and the reports must say the same thing
in the same words, and a translator must find every sentence in one place.
"""

from __future__ import annotations

from typing import Any

TYPE_LABELS: dict[str, tuple[str, str]] = {
    # type: (Indonesian, English)
    "ID_NIK": ("NIK (Nomor Induk Kependudukan)", "NIK (national identity number)"),
    "ID_KK": ("Nomor Kartu Keluarga", "Family card number (KK)"),
    "ID_NPWP": ("NPWP", "Tax number (NPWP)"),
    "ID_NIP": ("NIP pegawai", "Civil-servant number (NIP)"),
    "ID_BPJS": ("Nomor BPJS/JKN-KIS", "BPJS health-insurance number"),
    "ID_PASSPORT": ("Nomor paspor", "Passport number"),
    "PHONE_NUMBER": ("Nomor telepon pribadi", "Private phone number"),
    "EMAIL_ADDRESS": ("Alamat e-mail pribadi", "Private e-mail address"),
    "CREDIT_CARD": ("Nomor kartu kredit/debit", "Payment card number"),
    "ID_BANK_ACCOUNT": ("Nomor rekening bank", "Bank account number"),
    "DATE_OF_BIRTH": ("Tanggal lahir", "Date of birth"),
    "ADDRESS": ("Alamat rumah", "Home address"),
    "SECRET": ("Kata sandi / kunci rahasia", "Password / secret key"),
    "PERSON": ("Nama orang", "Person's name"),
    "GEO_LOCATION": ("Koordinat lokasi (GPS)", "Location coordinates (GPS)"),
    "FILE_TYPE_MISMATCH": ("Ekstensi tidak sesuai isi berkas", "Extension does not match content"),
}

# Rule-pack finding types are named from their parts (a new rule type needs no entry here).
_TYPE_PREFIXES: tuple[tuple[str, str, str], ...] = (
    # type prefix, Indonesian, English
    ("PDP_", "Data pribadi spesifik", "Specific personal data"),
    ("MARKING_", "Penanda klasifikasi", "Classification marking"),
    ("MEMO_", "Naskah internal", "Internal memorandum"),
    ("SECRET_", "Rahasia/kredensial", "Secret/credential"),
)
_TYPE_WORDS: dict[str, tuple[str, str]] = {
    "HEALTH": ("kesehatan", "health"),
    "FINANCE": ("keuangan pribadi", "personal finance"),
    "CRIMINAL": ("catatan kejahatan", "criminal record"),
    "CHILD": ("data anak", "child data"),
    "GENETIC": ("genetika", "genetic"),
    "BIOMETRIC": ("biometrik", "biometric"),
    "INTERNAL": ("internal", "internal"),
    "CREDENTIAL": ("kredensial", "credential"),
}

_TEXT: dict[str, tuple[str, str]] = {
    "verdict.allow": ("BOLEH TERBIT", "ALLOW"),
    "verdict.flag": ("PERLU DITINJAU", "FLAG"),
    "verdict.block": ("DIBLOKIR", "BLOCK"),
    "found": ("{label}: {n} nilai ditemukan", "{label}: {n} value(s) found"),
    "bulk_contacts": (
        "{n} kontak pribadi berbeda dalam satu berkas (daftar warga, bukan kontak kantor)",
        "{n} distinct private contacts in one file (a list of citizens, not an office contact)",
    ),
    "bulk_birth_dates": (
        "{n} tanggal lahir berbeda dalam satu berkas",
        "{n} distinct dates of birth in one file",
    ),
    "hidden_layer": (
        "Data ditemukan di bagian tersembunyi: {layers}",
        "Data found in hidden parts: {layers}",
    ),
    "unreadable": (
        "Berkas tidak dapat dibaca sepenuhnya ({why}); tidak boleh terbit tanpa pemeriksaan",
        "File could not be read completely ({why}); not publishable without review",
    ),
    "unscanned.images": (
        "{n} halaman/gambar hasil pindaian tidak dapat dibaca (OCR tidak tersedia atau melebihi "
        "batas); periksa manual sebelum terbit",
        "{n} scanned page(s)/image(s) could not be read (no OCR or over the budget); "
        "check by hand before publishing",
    ),
    "unscanned.parts": (
        "{n} bagian berkas (anggota arsip/objek tersemat) tidak dapat dibaca",
        "{n} part(s) of the file (archive members/embedded objects) could not be read",
    ),
    "summary": (
        "{files} berkas: {allow} boleh terbit, {flag} perlu ditinjau, {block} diblokir",
        "{files} file(s): {allow} allowed, {flag} flagged, {block} blocked",
    ),
    "no_findings": ("tidak ada temuan", "no findings"),
    "where": ("lokasi", "where"),
    "why": ("dasar", "basis"),
    "value": ("nilai", "value"),
    "error.not_found": (
        "Berkas atau folder tidak ditemukan: {path}",
        "File or folder not found: {path}",
    ),
    "error.config": ("Konfigurasi tidak valid: {detail}", "Invalid configuration: {detail}"),
    "error.rules": ("Paket aturan tidak valid: {detail}", "Invalid rule pack: {detail}"),
    "error.internal": (
        "Kesalahan internal: {detail}. Jalankan ulang dengan SARING_DEBUG=1 untuk rincian.",
        "Internal error: {detail}. Run again with SARING_DEBUG=1 for details.",
    ),
    "error.db": (
        "Basis data temuan tidak dapat dibuka: {detail}",
        "Cannot open findings database: {detail}",
    ),
    "scanning": ("Memindai", "Scanning"),
}

_UNREADABLE: dict[str, tuple[str, str]] = {
    "timeout": ("batas waktu terlampaui", "time limit exceeded"),
    "memory": ("batas memori terlampaui", "memory limit exceeded"),
    "too_large": ("ukuran berkas melebihi batas", "file larger than the limit"),
    "encrypted": ("berkas terenkripsi / berkata sandi", "file is encrypted / password-protected"),
    "corrupt": ("berkas rusak atau tidak lengkap", "file is corrupt or truncated"),
    "unsupported": ("jenis berkas tidak didukung", "unsupported file type"),
    "limit": ("batas halaman/arsip terlampaui", "page/archive limit exceeded"),
    "crashed": ("pengurai berkas berhenti tak terduga", "the parser stopped unexpectedly"),
    "unreadable": ("berkas tidak dapat dibuka", "file cannot be opened"),
}

_LAYERS: dict[str, tuple[str, str]] = {
    "comment": ("komentar", "comments"),
    "tracked_change": ("perubahan terlacak", "tracked changes"),
    "metadata": ("metadata/properti", "metadata/properties"),
    "hidden": ("sheet/baris/elemen tersembunyi", "hidden sheets/rows/elements"),
    "annotation": ("anotasi/isian formulir", "annotations/form fields"),
    "attachment": ("lampiran tersemat", "embedded attachments"),
    "redacted": (
        "teks di bawah kotak hitam (sensor gagal)",
        "text under black boxes (failed redaction)",
    ),
}


class Messages:
    """Messages in one language: ``Messages("id")`` or ``Messages("en")``."""

    def __init__(self, lang: str = "id"):
        self.lang = lang if lang in ("id", "en") else "id"
        self._i = 0 if self.lang == "id" else 1

    def t(self, key: str, **values: Any) -> str:
        return _TEXT[key][self._i].format(**values)

    def type_label(self, entity_type: str) -> str:
        """A readable name for a finding type, also for the rule packs' types:
        ``KIP_17A_PENEGAKAN_HUKUM`` -> "UU KIP Pasal 17 huruf a: penegakan hukum"."""
        if entity_type in TYPE_LABELS:
            return TYPE_LABELS[entity_type][self._i]
        en = self.lang == "en"
        if entity_type.startswith("KIP_17") and len(entity_type) >= 7:
            letter, rest = entity_type[6].lower(), entity_type[8:]
            head = f"KIP Art. 17({letter})" if en else f"UU KIP Pasal 17 huruf {letter}"
            return f"{head}: {self._words(rest)}" if rest else head
        for prefix, id_label, en_label in _TYPE_PREFIXES:
            if entity_type.startswith(prefix):
                rest = self._words(entity_type[len(prefix) :])
                label = en_label if en else id_label
                return f"{label}: {rest}" if rest else label
        return entity_type.replace("_", " ").capitalize()

    def _words(self, rest: str) -> str:
        if rest in _TYPE_WORDS:
            return _TYPE_WORDS[rest][self._i]
        return rest.replace("_", " ").lower()

    def verdict(self, verdict: str) -> str:
        return self.t(f"verdict.{verdict}")

    def reason_for_type(self, entity_type: str, distinct: int, sample: Any) -> str:
        message = sample.explanation.get("message") if sample is not None else None
        if isinstance(message, dict) and message.get(self.lang):
            return str(message[self.lang])
        return self.t("found", label=self.type_label(entity_type), n=distinct)

    def bulk(self, code: str, n: int) -> str:
        return self.t(code, n=n) if code in _TEXT else f"{code}: {n}"

    def hidden_layers(self, layers: list[str]) -> str:
        names = ", ".join(_LAYERS.get(x, (x, x))[self._i] for x in layers)
        return self.t("hidden_layer", layers=names)

    def unreadable(self, code: str) -> str:
        why = _UNREADABLE.get(code, (code, code))[self._i]
        return self.t("unreadable", why=why)

    def unscanned(self, part: str, count: int) -> str:
        return self.t(f"unscanned.{part}", n=count)

    def layer(self, layer: str) -> str:
        return _LAYERS.get(layer, (layer, layer))[self._i]
