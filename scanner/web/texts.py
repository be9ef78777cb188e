"""Words of the review UI and the reports, in Bahasa Indonesia (default) and English.

Why not scanner/i18n.py: those are the scanner's messages (CLI, API); these are the screens' own
labels. Keeping them in one table lets a translator see every word of the UI in one place, and
:func:`text` falls back to the key itself, so a missing entry shows up visibly instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable

TEXTS: dict[str, tuple[str, str]] = {
    "app": ("Saring — Tinjauan Kepatuhan", "Saring — Compliance review"),
    "login": ("Masuk", "Sign in"),
    "logout": ("Keluar", "Sign out"),
    "username": ("Nama pengguna", "User name"),
    "password": ("Kata sandi", "Password"),
    "login.failed": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "login.limited": (
        "Terlalu banyak percobaan gagal. Coba lagi dalam 15 menit.",
        "Too many failed attempts. Try again in 15 minutes.",
    ),
    "inbox": ("Kotak masuk", "Inbox"),
    "audit": ("Log audit", "Audit log"),
    "report": ("Laporan", "Report"),
    "users": ("Pengguna", "Users"),
    "language": ("Bahasa", "Language"),
    "signed_in_as": ("Masuk sebagai", "Signed in as"),
    "file": ("Berkas", "File"),
    "files": ("berkas", "files"),
    "verdict": ("Putusan", "Verdict"),
    "status": ("Status", "Status"),
    "reasons": ("Alasan", "Reasons"),
    "findings": ("Temuan", "Findings"),
    "type": ("Jenis", "Type"),
    "category": ("Kategori", "Category"),
    "article": ("Pasal / dasar hukum", "Article / legal basis"),
    "unit": ("Unit (OPD)", "Unit (agency)"),
    "uploader": ("Pengunggah", "Uploader"),
    "scanned_at": ("Dipindai", "Scanned"),
    "date_from": ("Dari tanggal", "From"),
    "date_to": ("Sampai tanggal", "To"),
    "search": ("Cari nama berkas", "Search file name"),
    "filter": ("Saring", "Filter"),
    "reset": ("Atur ulang", "Reset"),
    "all": ("Semua", "All"),
    "none_found": ("Tidak ada berkas yang cocok.", "No matching files."),
    "masked_value": ("Nilai (disamarkan)", "Value (masked)"),
    "context": ("Cuplikan (disamarkan)", "Snippet (masked)"),
    "location": ("Lokasi", "Location"),
    "layer": ("Lapisan", "Layer"),
    "explanation": ("Penjelasan aturan", "Rule explanation"),
    "basis": ("Dasar hukum", "Legal basis"),
    "rule": ("Aturan", "Rule"),
    "label": ("Label peninjau", "Reviewer label"),
    "exp.pattern": ("pola", "pattern"),
    "exp.context": ("kata konteks", "context word"),
    "exp.validation": ("validasi (checksum/tanggal)", "validation (checksum/date)"),
    "exp.level": ("tingkat", "level"),
    "exp.score": ("skor", "score"),
    "yes": ("lolos", "passed"),
    "no": ("gagal", "failed"),
    "label.none": ("belum ditinjau", "not reviewed"),
    "label.leak": ("benar kebocoran", "real leak"),
    "label.fp": ("positif palsu", "false positive"),
    "actions": ("Tindakan", "Actions"),
    "release": ("Terbitkan", "Release"),
    "release.help": (
        "Menerbitkan berkas yang ditahan ke folder publik. Justifikasi wajib dan tercatat di log "
        "audit.",
        "Publishes the held file to the public folder. A justification is mandatory and recorded "
        "in the audit log.",
    ),
    "justification": ("Justifikasi", "Justification"),
    "confirm": ("Konfirmasi blokir", "Confirm block"),
    "confirm.help": (
        "Berkas tetap diblokir; semua temuan yang belum dilabel dianggap benar kebocoran.",
        "The file stays blocked; unlabelled findings are counted as real leaks.",
    ),
    "note": ("Catatan", "Note"),
    "optional": ("opsional", "optional"),
    "comment": ("Komentar", "Comment"),
    "add_comment": ("Tambah komentar", "Add comment"),
    "false_positive": ("Tandai positif palsu", "Mark false positive"),
    "false_positive.help": (
        "Nilai yang sama di tempat yang sama tidak akan ditandai lagi.",
        "The same value in the same place will not be flagged again.",
    ),
    "true_positive": ("Tandai benar kebocoran", "Mark real leak"),
    "history": ("Riwayat keputusan", "Decision history"),
    "at": ("Waktu (UTC)", "Time (UTC)"),
    "actor": ("Pelaku", "Actor"),
    "action": ("Tindakan", "Action"),
    "why": ("Alasan / catatan", "Reason / note"),
    "audit.help": (
        "Log ini hanya dapat ditambah; tidak ada yang dapat mengubah atau menghapus isinya.",
        "This log is append-only; nobody can change or delete its entries.",
    ),
    "viewer_readonly": (
        "Peran Anda hanya dapat melihat; tindakan memerlukan peran peninjau.",
        "Your role can only view; actions need the reviewer role.",
    ),
    "done.release": ("Berkas diterbitkan.", "File released."),
    "done.confirm": ("Blokir dikonfirmasi.", "Block confirmed."),
    "done.comment": ("Komentar disimpan.", "Comment saved."),
    "done.false_positive": ("Temuan ditandai positif palsu.", "Finding marked false positive."),
    "done.true_positive": ("Temuan ditandai benar kebocoran.", "Finding marked as a real leak."),
    "error.justification": (
        "Justifikasi wajib diisi (minimal 10 karakter).",
        "A justification is required (at least 10 characters).",
    ),
    "error.comment": ("Komentar tidak boleh kosong.", "The comment must not be empty."),
    "error.forbidden": ("Akses ditolak.", "Access denied."),
    "error.csrf": (
        "Permintaan ditolak: token keamanan formulir tidak valid. Muat ulang halaman dan coba "
        "lagi.",
        "Request refused: the form's security token is invalid. Reload the page and try again.",
    ),
    "error.not_found": ("Tidak ditemukan.", "Not found."),
    "error.period": (
        "Periode tidak valid: tanggal YYYY-MM-DD, awal tidak boleh setelah akhir; format: html, "
        "csv, xlsx, json.",
        "Invalid period: dates YYYY-MM-DD, start not after end; format: html, csv, xlsx, json.",
    ),
    "error.unavailable": (
        "Fungsi penerbitan belum tersedia di instalasi ini.",
        "Publishing is not available in this installation.",
    ),
    "page": ("Halaman", "Page"),
    "next": ("Berikutnya", "Next"),
    "prev": ("Sebelumnya", "Previous"),
    "back": ("Kembali", "Back"),
    "role": ("Peran", "Role"),
    "created_at": ("Dibuat", "Created"),
    "status.open": ("menunggu tinjauan", "awaiting review"),
    "status.released": ("diterbitkan", "released"),
    "status.confirmed": ("blokir dikonfirmasi", "block confirmed"),
    "status.none": ("tidak perlu tinjauan", "no review needed"),
    "action.release": ("terbitkan", "release"),
    "action.confirm": ("konfirmasi blokir", "confirm block"),
    "action.comment": ("komentar", "comment"),
    "action.restore": ("kembalikan", "restore"),
    "action.false_positive": ("positif palsu", "false positive"),
    "action.true_positive": ("benar kebocoran", "real leak"),
    # reports
    "report.title": ("Laporan Saring", "Saring report"),
    "report.period": ("Periode", "Period"),
    "report.generated": ("Dibuat", "Generated"),
    "report.export": ("Unduh", "Download"),
    "report.show": ("Tampilkan", "Show"),
    "report.by_verdict": ("Berkas per putusan", "Files by verdict"),
    "report.by_status": ("Berkas per status tinjauan", "Files by review status"),
    "report.by_type": ("Temuan per kategori", "Findings by category"),
    "report.by_basis": ("Temuan per pasal / dasar hukum", "Findings by article / legal basis"),
    "report.by_unit": ("Berkas per unit (OPD)", "Files by unit (agency)"),
    "report.by_month": ("Berkas per bulan", "Files by month"),
    "report.top_rules": ("Aturan teratas", "Top rules"),
    "report.turnaround": ("Waktu tinjauan (pindai pertama → keputusan)",
                          "Review turnaround (first scan → decision)"),
    "report.precision": ("Presisi per aturan (label peninjau)",
                         "Per-rule precision (reviewers' labels)"),
    "report.dik": ("Daftar Informasi yang Dikecualikan (dikonfirmasi)",
                   "Exempt information list (confirmed)"),
    "report.total": ("Jumlah", "Total"),
    "report.findings": ("Temuan", "Findings"),
    "report.files": ("Berkas", "Files"),
    "report.month": ("Bulan", "Month"),
    "report.decided": ("Diputus", "Decided"),
    "report.median_h": ("Median (jam)", "Median (hours)"),
    "report.mean_h": ("Rata-rata (jam)", "Mean (hours)"),
    "report.max_h": ("Maksimum (jam)", "Maximum (hours)"),
    "report.tp": ("Benar", "Real"),
    "report.fp": ("Positif palsu", "False positive"),
    "report.unlabelled": ("Belum dilabel", "Unlabelled"),
    "report.precision_col": ("Presisi", "Precision"),
    "report.informasi": ("Informasi", "Information"),
    "report.dasar_hukum": ("Dasar hukum", "Legal basis"),
    "report.konsekuensi": ("Konsekuensi", "Consequence"),
    "report.jangka_waktu": ("Jangka waktu", "Period of exemption"),
    "report.empty": ("Tidak ada data pada periode ini.", "No data in this period."),
    "report.no_unit": ("(tanpa unit)", "(no unit)"),
}


def text(key: str, lang: str = "id") -> str:
    pair = TEXTS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def translator(lang: str) -> Callable[[str], str]:
    """The ``t("key")`` function handed to templates."""
    return lambda key: text(key, lang)


def category_label(entity_type: str, lang: str = "id") -> str:
    """A readable name for a finding type (see :meth:`scanner.i18n.Messages.type_label`)."""
    from scanner.i18n import Messages

    return Messages(lang).type_label(entity_type)
