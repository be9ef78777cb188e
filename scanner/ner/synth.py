"""Synthetic Indonesian public-body sentences with PER / LOC / ORG annotations (seeded).

Every template builds its text piece by piece, so entity offsets are exact; the text is then
tokenized with the blank ``id`` tokenizer that the pipeline uses at run time. The span convention
is the one documented in :mod:`scanner.ner.convert`: titles and degrees outside PER, "bin/binti X"
inside, administrative head words inside LOC, full institution names as ORG.

Names come from Faker ``id_ID`` plus a built-in list of common Indonesian names and
syllable-built names. ``split="train"`` and ``split="heldout"`` use disjoint halves of the name
and place pools (by a stable hash), so the held-out set measures generalisation to unseen names.
About a tenth of the documents are negatives (headings, codes, log lines, table headers).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

from faker import Faker
from faker.providers.address.id_ID import Provider as AddressProvider
from faker.providers.person.id_ID import Provider as PersonProvider
from spacy.language import Language
from spacy.tokens import Doc

EXTRA_FIRST = """
Muhammad Ahmad Abdul Siti Nur Sri Dewi Slamet Suparman Sutrisno Wahyudi Bambang Agus Budi Joko
Rahmat Hendra Yusuf Ismail Ibrahim Rizky Fajar Dimas Arif Taufik Hidayat Syaiful Zainal Zulkifli
Asep Ujang Cecep Dadang Yayan Euis Neneng Iis Tuti Yati Ani Sumiati Suyatno Sukirman Paijo Tukiman
Ngatini Sartini Parmi Sugeng Untung Wagiman Margono Ponijan Kasmin Rusdi Hasan Husein Fauzi Hasanah
Aminah Fatimah Khadijah Zainab Aisyah Maryam Rohani Rosmawati Juleha Nurhayati Nurjanah Syamsul
Baharuddin Andi Daeng Muhtar La Wa Made Ketut Nyoman Wayan Putu Gede Komang Luh Ni Desak Ida
Togar Maruli Horas Tiurma Rotua Sahat Poltak Benget Rismawati Yohanes Fransiskus Agustinus Maria
Theresia Stefanus Paulus Yosef Imanuel Kristina Veronika Agnes Lukas Markus Daud Ruth Ester Debora
Teuku Cut Tengku Datuk Rangkuti Ikhsan Irfan Ilham Arief Bayu Galih Gilang Reza Rendi Rizal Robby
Sony Tomi Wawan Yanto Yudi Yogi Adi Eko Dwi Tri Catur Panca Sapto Wulan Indah Intan Mega Mela
""".split()
EXTRA_LAST = """
Santoso Wijaya Saputra Saputri Pratama Kurniawan Setiawan Gunawan Hidayat Nugroho Susanto Purnomo
Suryadi Hartono Wibowo Prasetyo Hakim Rahman Rahim Hamid Syahputra Harahap Nasution Siregar Lubis
Simanjuntak Sinaga Panjaitan Hutapea Situmorang Tambunan Pohan Matondang Sembiring Ginting Tarigan
Manurung Pardede Simatupang Sitompul Rangkuti Daulay Lestari Rahayu Wulandari Kusuma Permana
Hermawan Firmansyah Ramadhan Maulana Hasibuan Batubara Tanjung Chaniago Piliang Sikumbang Koto
Mandagi Lumban Tobing Pattimura Latuconsina Tuasikal Rumagesan Mahuze Wonda Kogoya Tabuni Kambu
Pangaribuan Sihombing Marpaung Silalahi Syarifuddin Kartasasmita Wiranatakusumah Suganda Sumarna
Permadi Sasmita Supriatna Hadiwijaya Atmaja Sastrowardoyo Mangunkusumo Prawiro Kusumawardani
""".split()
SYLL_A = "ba bu da di ga ha ja ka ku la ma mu na ni pa ra ri sa si su ta tu wa ya yu ro to".split()
SYLL_B = "di no man ti to ni yah nah san tin rin na wan yati yono hadi jaya ningsih mah".split()

KABUPATEN = """
Sleman Bantul Gunungkidul Kulon Progo Klaten Boyolali Sukoharjo Wonogiri Karanganyar Sragen Grobogan
Blora Rembang Pati Kudus Jepara Demak Semarang Temanggung Kendal Batang Pekalongan Pemalang Tegal
Brebes Banyumas Cilacap Purbalingga Banjarnegara Kebumen Purworejo Wonosobo Magelang Bogor Sukabumi
Cianjur Bandung Garut Tasikmalaya Ciamis Kuningan Cirebon Majalengka Sumedang Indramayu Subang
Purwakarta Karawang Bekasi Lebak Pandeglang Serang Tangerang Malang Jember Banyuwangi Bondowoso
Situbondo Probolinggo Pasuruan Sidoarjo Mojokerto Jombang Nganjuk Madiun Magetan Ngawi Bojonegoro
Tuban Lamongan Gresik Bangkalan Sampang Pamekasan Sumenep Gowa Maros Bone Wajo Soppeng Pinrang
Badung Gianyar Tabanan Buleleng Karangasem Lombok Sumbawa Kupang Sikka Ende Manggarai Deli Karo
Langkat Asahan Simalungun Tapanuli Agam Tanah Datar Solok Pesisir Selatan Kampar Bengkalis Siak
Muaro Jambi Ogan Komering Banyuasin Lahat Musi Banyuasin Lampung Selatan Tanggamus Kutai Kartanegara
Berau Paser Kapuas Kotawaringin Barito Ketapang Sambas Sanggau Minahasa Bolaang Mongondow Poso
Donggala
Buton Muna Kolaka Halmahera Jayapura Merauke Mimika Sorong Manokwari Aceh Besar Pidie Bireuen
""".split("\n")
DESA_A = (
    "Suka Karang Sido Tanjung Mekar Sumber Tegal Banjar Cipta Margo Wono Giri Sri Jati Pasir"
).split()
DESA_B = (
    "maju jaya rejo mulyo sari harjo makmur asih agung mukti luhur kencana wangi rahayu".split()
)

ORG_UNITS = [
    "Dinas Komunikasi dan Informatika",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Kesehatan",
    "Dinas Pendidikan dan Kebudayaan",
    "Dinas Sosial",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Lingkungan Hidup",
    "Dinas Perhubungan",
    "Dinas Tenaga Kerja",
    "Dinas Pertanian dan Pangan",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Badan Pengelola Keuangan dan Aset Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik",
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Inspektorat Daerah",
    "Satuan Polisi Pamong Praja",
    "Rumah Sakit Umum Daerah",
    "Bagian Hukum Sekretariat Daerah",
]
ORG_ACRONYMS = [
    "Diskominfo",
    "Disdukcapil",
    "Dinkes",
    "Dinsos",
    "Bappeda",
    "BPKAD",
    "BKPSDM",
    "BPBD",
    "Kesbangpol",
    "Satpol PP",
    "DPMPTSP",
    "Bapenda",
    "RSUD",
    "Disnaker",
    "DLH",
    "Dishub",
]
ORG_NATIONAL = [
    "Kementerian Dalam Negeri",
    "Kementerian Sosial",
    "Kementerian Kesehatan",
    "Kementerian Keuangan",
    "Kementerian Komunikasi dan Digital",
    "Badan Pusat Statistik",
    "BPJS Kesehatan",
    "BPJS Ketenagakerjaan",
    "Badan Siber dan Sandi Negara",
    "Ombudsman RI",
    "Komisi Informasi Pusat",
    "Badan Pemeriksa Keuangan",
    "Bank Rakyat Indonesia",
    "Bank Negara Indonesia",
    "PT Pos Indonesia",
    "Kejaksaan Negeri",
    "Pengadilan Agama",
    "Kantor Pertanahan",
    "Badan Pertanahan Nasional",
    "Kepolisian Resor",
]
JABATAN = [
    "Kepala",
    "Sekretaris",
    "Kepala Bidang Aplikasi Informatika",
    "Kepala Seksi Pelayanan",
    "Kepala Subbagian Umum dan Kepegawaian",
    "Pejabat Pengelola Informasi dan Dokumentasi",
    "Plt. Kepala",
    "Pranata Komputer Ahli Muda",
    "Analis Kebijakan",
    "Bendahara Pengeluaran",
    "Pejabat Pembuat Komitmen",
    "Camat",
    "Lurah",
    "Kepala Desa",
    "Sekretaris Desa",
]
PANGKAT = [
    "Pembina Utama Muda",
    "Pembina Tk. I",
    "Pembina",
    "Penata Tk. I",
    "Penata",
    "Penata Muda Tk. I",
    "Penata Muda",
    "Pengatur",
]
PREFIX_TITLES = [
    "H.",
    "Hj.",
    "Dr.",
    "dr.",
    "Ir.",
    "Drs.",
    "Dra.",
    "Prof.",
    "Prof. Dr.",
    "KH.",
    "Dr. Ir.",
    "H. Drs.",
    "Hj. Dra.",
    "drg.",
    "Ns.",
]
DEGREES = [
    "S.H.",
    "S.IP.",
    "M.Si.",
    "S.Kom.",
    "S.E.",
    "Ak.",
    "M.M.",
    "S.Pd.",
    "M.Pd.",
    "S.T.",
    "M.T.",
    "S.Sos.",
    "M.Kes.",
    "S.Ked.",
    "S.Ag.",
    "M.H.",
    "M.Kn.",
    "S.STP.",
    "M.AP.",
    "Ph.D.",
    "S.Kep.",
    "A.Md.",
    "S.Pd.I.",
    "M.Ak.",
    "CA",
    "S.Psi.",
    "S.Farm.",
    "Apt.",
    "SH",
    "SE",
    "MM",
    "S.Sos",
]
HONORIFICS = ["Bapak", "Ibu", "Sdr.", "Sdri.", "Saudara", "Saudari", "Pak", "Bu", "Tn.", "Ny."]
PEKERJAAN = [
    "Pegawai Negeri Sipil",
    "Wiraswasta",
    "Petani",
    "Buruh Harian Lepas",
    "Ibu Rumah Tangga",
    "Pelajar/Mahasiswa",
    "Karyawan Swasta",
    "Pedagang",
    "Nelayan",
    "Guru",
    "Belum/Tidak Bekerja",
]
HEADINGS = [
    "DAFTAR PENERIMA BANTUAN SOSIAL TAHUN {year}",
    "BERITA ACARA",
    "BERITA ACARA SERAH TERIMA",
    "REKAPITULASI",
    "REKAPITULASI DATA PENDUDUK MISKIN",
    "LAMPIRAN",
    "LAMPIRAN II",
    "SURAT KEPUTUSAN",
    "SURAT TUGAS",
    "SURAT KETERANGAN",
    "SURAT PERNYATAAN",
    "NOTA DINAS",
    "DAFTAR HADIR",
    "DAFTAR HADIR PESERTA RAPAT",
    "DAFTAR NOMINATIF PEGAWAI",
    "TENTANG",
    "MEMUTUSKAN :",
    "MENETAPKAN :",
    "KESATU :",
    "KEDUA :",
    "MENIMBANG :",
    "MENGINGAT :",
    "LAPORAN PENGADUAN MASYARAKAT",
    "FORMULIR PERMOHONAN INFORMASI PUBLIK",
    "DATA PRIBADI",
    "DAFTAR INFORMASI PUBLIK",
    "DAFTAR INFORMASI YANG DIKECUALIKAN",
    "KLASIFIKASI : RAHASIA",
    "RENCANA KERJA DAN ANGGARAN",
    "LAPORAN REALISASI ANGGARAN",
    "NOTULEN RAPAT",
    "UNDANGAN",
    "PAKTA INTEGRITAS",
    "BIODATA PEGAWAI",
    "KARTU KELUARGA",
    "SURAT PERINTAH PERJALANAN DINAS",
    "REKAPITULASI ABSENSI BULAN {month} {year}",
    "DAFTAR GAJI PEGAWAI",
    "JUMLAH",
    "TOTAL",
    "KETERANGAN",
    "CATATAN :",
    "Mengetahui,",
    "ttd",
    "Tembusan :",
    "Yth. Kepala",
    "Hormat kami,",
    "Daftar Penerima Bantuan Langsung Tunai",
    "Rekapitulasi Pengaduan Triwulan III",
    "Demikian surat ini dibuat untuk dipergunakan sebagaimana mestinya.",
    "Atas perhatian dan kerja samanya diucapkan terima kasih.",
    "Dokumen ini telah ditandatangani secara elektronik.",
]
TABLE_HEADERS = [
    "NO NAMA NIK ALAMAT KETERANGAN",
    "No. | Nama | NIK | Alamat | Ket.",
    "NO | NAMA LENGKAP | NIP | PANGKAT/GOL | JABATAN",
    "No Nama Jenis Kelamin Umur Pekerjaan",
    "NO. NAMA TEMPAT/TGL LAHIR L/P AGAMA PENDIDIKAN",
    "Kode Rekening Uraian Anggaran Realisasi %",
    "NO NIK NO KK NAMA RT RW",
    "No Uraian Volume Satuan Harga Satuan Jumlah",
]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
STATUS = ["Layak", "Tidak Layak", "Meninggal", "Pindah", "-", "KPM PKH"]
LOG_MESSAGES = ["login ok", "timeout", "retry 3", "status=200", "HTTP 500", "done in 35ms"]
AGAMA = ["Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Konghucu"]


def _stable_half(value: str) -> int:
    return hashlib.md5(value.encode("utf-8")).digest()[0] % 5


def _split_pool(values: list[str], split: str) -> list[str]:
    """Disjoint pools: 4/5 of values for training, 1/5 for the held-out set."""
    uniq = sorted(set(values))
    if split == "heldout":
        return [v for v in uniq if _stable_half(v) == 0]
    return [v for v in uniq if _stable_half(v) != 0]


def E(text: str, label: str | None = None) -> tuple[str, str | None]:  # noqa: N802
    return (text, label)


class Generator:
    def __init__(self, seed: int, split: str = "train") -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("id_ID")
        self.fake.seed_instance(seed)
        first = (
            list(PersonProvider.first_names_male)
            + list(PersonProvider.first_names_female)
            + EXTRA_FIRST
        )
        last = list(PersonProvider.last_names) + EXTRA_LAST
        self.first = _split_pool(first, split)
        self.last = _split_pool(last, split)
        self.kab = _split_pool([k.strip() for k in " ".join(KABUPATEN).split(" ") if k], split)
        self.cities = _split_pool(list(AddressProvider.cities), split)
        self.streets = _split_pool(list(AddressProvider.streets), split)
        self.states = list(AddressProvider.states)

    def _ri(self, a: int, b: int) -> int:
        return self.rng.randint(a, b)

    # ------------------------------------------------------------------ names and places
    def given(self) -> str:
        r = self.rng.random()
        if r < 0.06:
            return (
                self.rng.choice(SYLL_A) + self.rng.choice(SYLL_A) + self.rng.choice(SYLL_B)
            ).title()
        return self.rng.choice(self.first)

    def person(self) -> str:
        r = self.rng.random()
        if r < 0.15:
            return self.given()
        if r < 0.25:
            return f"{self.given()} {self.given()}"
        if r < 0.35:
            parent = self.given() if self.rng.random() < 0.6 else f"{self.given()} {self.surname()}"
            return f"{self.given()} {self.rng.choice(['bin', 'binti'])} {parent}"
        if r < 0.42:
            return f"{self.given()} {self.given()} {self.surname()}"
        if r < 0.47:
            lead = self.rng.choice(["Muhammad", "M.", "Moh.", "Abdul", "Siti", "Nur"])
            return f"{lead} {self.given()}"
        if r < 0.52:
            return f"{self.given()} {self.given()[0]}. {self.surname()}"
        return f"{self.given()} {self.surname()}"

    def surname(self) -> str:
        return self.rng.choice(self.last)

    def prefix_title(self, p: float = 0.35) -> str:
        return self.rng.choice(PREFIX_TITLES) + " " if self.rng.random() < p else ""

    def degrees(self, p: float = 0.45) -> str:
        if self.rng.random() >= p:
            return ""
        n = 1 if self.rng.random() < 0.65 else 2
        degs = self.rng.sample(DEGREES, n)
        sep = ", " if self.rng.random() < 0.85 else " "
        return sep + ", ".join(degs)

    def kabupaten(self) -> str:
        return self.rng.choice(self.kab)

    def city(self) -> str:
        return self.rng.choice(self.cities + self.kab)

    def desa(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(DESA_A) + self.rng.choice(DESA_B)
        return self.rng.choice(self.streets)

    def region(self) -> str:
        kind = self.rng.choice(["Kabupaten", "Kota", "Kab."])
        return f"{kind} {self.kabupaten() if kind != 'Kota' else self.city()}"

    def street(self) -> str:
        kind = self.rng.choice(["Jl.", "Jalan", "Gg.", "Gang", "JL."])
        return f"{kind} {self.rng.choice(self.streets)}"

    def org(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            unit = self.rng.choice(ORG_UNITS)
            if self.rng.random() < 0.5:
                return f"{unit} {self.region()}"
            return unit
        if r < 0.6:
            return self.rng.choice(ORG_ACRONYMS)
        if r < 0.75:
            return self.rng.choice(ORG_NATIONAL)
        if r < 0.85:
            return f"Pemerintah {self.region()}"
        if r < 0.92:
            return f"Puskesmas {self.desa()}"
        return self.fake.company()

    # ------------------------------------------------------------------ numbers and codes
    def nik(self) -> str:
        return f"{self._ri(11, 94)}{self._ri(1, 79):02d}{self._ri(1, 40):02d}" + "".join(
            str(self._ri(0, 9)) for _ in range(10)
        )

    def nip(self, spaced: bool = True) -> str:
        y = self._ri(1965, 1998)
        parts = [
            f"{y}{self._ri(1, 12):02d}{self._ri(1, 28):02d}",
            f"{y + self._ri(20, 28)}{self._ri(1, 12):02d}",
            str(self._ri(1, 2)),
            f"{self._ri(1, 15):03d}",
        ]
        return " ".join(parts) if spaced else "".join(parts)

    def date(self) -> str:
        return f"{self._ri(1, 28)} {self.rng.choice(MONTHS)} {self._ri(2019, 2025)}"

    def nomor(self) -> str:
        return (
            f"{self.rng.choice(['800', '005', '094', '188.4', '470', '555'])}/"
            f"{self._ri(1, 999)}/{self.rng.choice(ORG_ACRONYMS).replace(' ', '')}/"
            f"{self._ri(2019, 2025)}"
        )

    def rtrw(self) -> str:
        return f"RT {self._ri(1, 15):02d}/RW {self._ri(1, 12):02d}"

    def code(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            return (
                ".".join(str(self._ri(1, 9)) for _ in range(3))
                + f".{self._ri(1, 30):02d}.{self._ri(1, 9)}.{self._ri(1, 99):02d}"
            )
        if r < 0.5:
            return (
                f"{self._ri(10, 99)}.{self._ri(100, 999)}.{self._ri(100, 999)}."
                f"{self._ri(1, 9)}-{self._ri(100, 999)}.000"
            )
        if r < 0.7:
            return f"SPM-{self._ri(1000, 9999)}/BPKAD/{self._ri(2020, 2025)}"
        head = self.rng.choice("ABCDEFGHKLMNPRSTW")
        return f"{head}{self._ri(1000, 9999)}{self.rng.choice(['AB', 'XY', 'KT', 'RF'])}"

    # ------------------------------------------------------------------ templates
    def name_with_titles(self, upper: bool = False, honorific: float = 0.0) -> list:
        pre = ""
        if self.rng.random() < honorific:
            pre = self.rng.choice(HONORIFICS) + " "
        pre += self.prefix_title()
        name = self.person()
        deg = self.degrees()
        if upper:
            name = name.upper()
            pre = pre.upper() if self.rng.random() < 0.5 else pre
        return [pre, E(name, "PER"), deg]

    def t_form_fields(self) -> list:
        upper = self.rng.random() < 0.7
        sep = self.rng.choice([" : ", ": ", " :", "\t: ", " "])
        nm = self.person()
        fields = []
        key = self.rng.choice(["Nama", "Nama Lengkap", "Nama Pemohon", "Nama Pelapor", "NAMA"])
        fields.append([key + sep, E(nm.upper() if upper else nm, "PER")])
        if self.rng.random() < 0.6:
            fields.append([f"NIK{sep}{self.nik()}"])
        if self.rng.random() < 0.5:
            c = self.city()
            fields.append(
                [
                    f"Tempat/Tgl. Lahir{sep}",
                    E(c.upper() if upper else c, "LOC"),
                    f", {self._ri(1, 28):02d}-{self._ri(1, 12):02d}-{self._ri(1950, 2005)}",
                ]
            )
        if self.rng.random() < 0.4:
            fields.append(
                [f"Jenis Kelamin{sep}{self.rng.choice(['Laki-laki', 'Perempuan', 'L', 'P'])}"]
            )
        if self.rng.random() < 0.4:
            fields.append([f"Agama{sep}{self.rng.choice(AGAMA)}"])
        if self.rng.random() < 0.4:
            fields.append([f"Pekerjaan{sep}{self.rng.choice(PEKERJAAN)}"])
        if self.rng.random() < 0.6:
            st = self.street()
            ds = self.desa()
            fields.append(
                [
                    f"Alamat{sep}",
                    E(st.upper() if upper else st, "LOC"),
                    f" No. {self._ri(1, 200)} {self.rtrw()} ",
                    E(("Desa " + ds).upper() if upper else "Desa " + ds, "LOC"),
                ]
            )
        if self.rng.random() < 0.3:
            fields.append([f"No. HP{sep}08{self._ri(1000000000, 9999999999)}"])
        rest = fields[1:]
        self.rng.shuffle(rest)
        fields = [fields[0], *rest]
        joiner = "\n" if self.rng.random() < 0.7 else "  "
        out: list = []
        for i, f in enumerate(fields):
            if i:
                out.append(joiner)
            out.extend(f)
        if upper:
            out = [p.upper() if isinstance(p, str) else p for p in out]
        return out

    def t_table(self) -> list:
        out: list = []
        if self.rng.random() < 0.6:
            out.append(self.rng.choice(TABLE_HEADERS) + "\n")
        upper = self.rng.random() < 0.4
        for i in range(self._ri(1, 5)):
            nm = self.person()
            nm = nm.upper() if upper else nm
            st, ds = self.street(), self.desa()
            sep = self.rng.choice([" ", " | ", "\t"])
            row: list = [f"{i + 1}{sep}", E(nm, "PER"), f"{sep}{self.nik()}{sep}"]
            if self.rng.random() < 0.7:
                row += [
                    E(st.upper() if upper else st, "LOC"),
                    f" No. {self._ri(1, 99)} {self.rtrw()}",
                ]
            else:
                row += [E(("Dusun " + ds).upper() if upper else "Dusun " + ds, "LOC")]
            if self.rng.random() < 0.4:
                row.append(sep + self.rng.choice(STATUS))
            out += row + ["\n"]
        return out[:-1]

    def t_signature(self) -> list:
        up = self.rng.random() < 0.6
        out: list = []
        if self.rng.random() < 0.6:
            c = self.city()
            out += [E(c, "LOC"), f", {self.date()}\n"]
        if self.rng.random() < 0.3:
            out.append(
                self.rng.choice(
                    ["Mengetahui,\n", "Hormat kami,\n", "a.n. Bupati\n", "Yang menyatakan,\n"]
                )
            )
        jab = self.rng.choice(JABATAN)
        if jab in {"Camat", "Lurah", "Kepala Desa", "Sekretaris Desa"}:
            place = self.desa() if jab != "Camat" else self.kabupaten()
            out += [f"{jab} ", E(place, "LOC"), ",\n"]
        else:
            org = self.rng.choice(ORG_UNITS + ORG_ACRONYMS)
            if self.rng.random() < 0.4:
                org = f"{org} {self.region()}"
            out += [f"{jab} ", E(org, "ORG"), ",\n"]
        out.append(self.rng.choice(["ttd\n", "ttd.\n", "\n", "TTD\n", "(tanda tangan)\n", ""]))
        out += self.name_with_titles(upper=up)
        out.append("\n" if self.rng.random() < 0.7 else " ")
        if self.rng.random() < 0.5:
            out.append(self.rng.choice(PANGKAT) + "\n")
        out.append(
            f"NIP{self.rng.choice(['. ', ' ', ': ', '.'])}{self.nip(self.rng.random() < 0.7)}"
        )
        return out

    def t_letterhead(self) -> list:
        region = self.region()
        kind, _, name = region.partition(" ")
        kind = {"Kab.": "Kabupaten"}.get(kind, kind)
        unit = self.rng.choice(ORG_UNITS)
        street = self.street()
        c = self.city()
        out: list = [
            E(f"PEMERINTAH {kind.upper()} {name.upper()}", "ORG"),
            "\n",
            E(unit.upper(), "ORG"),
            "\n",
            E(street if self.rng.random() < 0.5 else street.upper(), "LOC"),
            f" No. {self._ri(1, 150)} Telp. (0{self._ri(21, 986)}) {self._ri(100000, 999999)} ",
        ]
        if self.rng.random() < 0.5:
            out += [
                f"Laman: www.{name.lower().replace(' ', '')}kab.go.id ",
                f"Pos-el: {unit.split()[-1].lower()}@{name.lower().replace(' ', '')}kab.go.id ",
            ]
        out += [E(c.upper(), "LOC"), f" {self._ri(10000, 99999)}"]
        return out

    def t_yth(self) -> list:
        out: list = [self.rng.choice(["Yth. ", "Kepada Yth. ", "Kepada\nYth. ", "Yth "])]
        if self.rng.random() < 0.3:
            out += [
                f"{self.rng.choice(['Kepala', 'Sekretaris', 'Plt. Kepala'])} ",
                E(self.org(), "ORG"),
            ]
        else:
            out += [self.rng.choice(["Bapak ", "Ibu ", "Bapak/Ibu ", "Sdr. ", "Sdri. "])]
            out += self.name_with_titles()
        if self.rng.random() < 0.6:
            out += ["\ndi " if self.rng.random() < 0.5 else " di ", E(self.city(), "LOC")]
        else:
            out += ["\ndi Tempat"]
        return out

    def t_complaint(self) -> list:
        out: list = [self.rng.choice(["Pelapor: ", "Nama Pelapor : ", "Pelapor : ", "PELAPOR: "])]
        nm = self.person()
        out += [E(nm.upper() if out[0].isupper() and self.rng.random() < 0.5 else nm, "PER")]
        if self.rng.random() < 0.6:
            out += [
                "\nAlamat: ",
                E(self.street(), "LOC"),
                f" No. {self._ri(1, 99)}, ",
                E(f"Kelurahan {self.desa()}", "LOC"),
                ", ",
                E(f"Kecamatan {self.kabupaten()}", "LOC"),
            ]
        if self.rng.random() < 0.5:
            out += [
                "\nTerlapor: ",
                self.rng.choice(["Sdr. ", "oknum ", "", "Saudara "]),
                E(self.person(), "PER"),
                f" ({self.rng.choice(['pegawai', 'petugas', 'staf'])} ",
                E(self.org(), "ORG"),
                ")",
            ]
        out.append(
            "\nIsi Laporan: "
            + self.rng.choice(
                [
                    "Pelayanan pembuatan KTP-el tidak kunjung selesai.",
                    "Bantuan sosial tidak diterima padahal terdaftar.",
                    "Dimintai biaya tambahan saat mengurus akta kelahiran.",
                    "Jalan rusak belum diperbaiki sejak tahun lalu.",
                    "Data pribadi saya tersebar di grup percakapan.",
                ]
            )
        )
        return out

    def t_narrative(self) -> list:
        r = self.rng.randrange(12)
        title = self.rng.choice(["Saudara ", "Sdr. ", "Bapak ", "Ibu ", ""])
        if r == 0:
            return [
                "Berdasarkan Surat Keputusan Bupati ",
                E(self.kabupaten(), "LOC"),
                f" Nomor {self.nomor()}, {title}",
                *self.name_with_titles(),
                " ditetapkan sebagai ",
                self.rng.choice(JABATAN),
                " pada ",
                E(self.org(), "ORG"),
                ".",
            ]
        if r == 1:
            return [
                "Yang bertanda tangan di bawah ini, ",
                *self.name_with_titles(),
                f", NIP {self.nip()}, menerangkan bahwa ",
                E(self.person(), "PER"),
                " adalah warga ",
                E(f"Desa {self.desa()}", "LOC"),
                " ",
                E(f"Kecamatan {self.kabupaten()}", "LOC"),
                " ",
                E(self.region(), "LOC"),
                ".",
            ]
        if r == 2:
            return [
                "Telah diterima dari ",
                title,
                E(self.person(), "PER"),
                f" uang sebesar Rp {self._ri(1, 999)}.{self._ri(0, 999):03d}.000,-"
                " untuk pembayaran retribusi.",
            ]
        if r == 3:
            return [
                "Rapat dipimpin oleh ",
                *self.name_with_titles(honorific=0.5),
                " selaku ",
                self.rng.choice(JABATAN),
                " dan dihadiri oleh perwakilan ",
                E(self.org(), "ORG"),
                " serta ",
                E(self.org(), "ORG"),
                ".",
            ]
        if r == 4:
            return [
                "Menurut ",
                self.rng.choice(JABATAN),
                " ",
                E(self.org(), "ORG"),
                ", ",
                E(self.person(), "PER"),
                ", pendataan ulang dilakukan di ",
                E(self.kabupaten(), "LOC"),
                " mulai ",
                self.date(),
                ".",
            ]
        if r == 5:
            return [
                title,
                E(self.person(), "PER"),
                f", warga {self.rtrw()} ",
                E(f"Kelurahan {self.desa()}", "LOC"),
                ", mengajukan permohonan informasi publik kepada PPID ",
                E(self.org(), "ORG"),
                ".",
            ]
        if r == 6:
            return [
                "Ditugaskan kepada:\n",
                "1. ",
                *self.name_with_titles(),
                "\n2. ",
                *self.name_with_titles(),
                "\nuntuk melaksanakan perjalanan dinas ke ",
                E(self.city(), "LOC"),
                f" pada tanggal {self.date()}.",
            ]
        if r == 7:
            return [
                "Atas nama ",
                E(self.person(), "PER"),
                f" dengan NIK {self.nik()} telah tercatat sebagai penerima PKH di ",
                E(f"Desa {self.desa()}", "LOC"),
                ".",
            ]
        if r == 8:
            return [
                "Menikah dengan ",
                E(self.person(), "PER"),
                " di ",
                E(self.city(), "LOC"),
                f" pada {self.date()}, disaksikan oleh ",
                title,
                E(self.person(), "PER"),
                ".",
            ]
        if r == 9:
            return [
                "Pemohon ",
                E(self.person(), "PER"),
                " (",
                E(self.person(), "PER"),
                ") melaporkan kehilangan dokumen kepada ",
                E(self.org(), "ORG"),
                ".",
            ]
        if r == 10:
            return [
                "Dalam rapat koordinasi di ",
                E(self.city(), "LOC"),
                ", ",
                E(self.org(), "ORG"),
                " bersama ",
                E(self.org(), "ORG"),
                " membahas penyaluran bantuan sosial tahun ",
                str(self._ri(2020, 2025)),
                ".",
            ]
        return [
            "Disposisi: ",
            self.rng.choice(["mohon ditindaklanjuti", "untuk diproses", "harap dikoordinasikan"]),
            " oleh ",
            title,
            E(self.person(), "PER"),
            ", ",
            self.rng.choice(JABATAN),
            ".",
        ]

    def t_negative(self) -> list:
        r = self.rng.randrange(8)
        year = self._ri(2019, 2025)
        if r <= 2:
            return [
                self.rng.choice(HEADINGS).format(year=year, month=self.rng.choice(MONTHS).upper())
            ]
        if r == 3:
            return [self.rng.choice(TABLE_HEADERS)]
        if r == 4:
            lvl = self.rng.choice(["INFO", "WARN", "ERROR", "DEBUG"])
            return [
                f"{year}-{self._ri(1, 12):02d}-{self._ri(1, 28):02d} "
                f"{self._ri(0, 23):02d}:{self._ri(0, 59):02d}:{self._ri(0, 59):02d} {lvl} "
                f"[{self.rng.choice(['auth', 'sync', 'api', 'db', 'scheduler'])}] "
                f"{self.rng.choice(['user_id', 'req', 'job', 'sid'])}={self._ri(100, 99999)} "
                f"{self.rng.choice(LOG_MESSAGES)} "
                f"ip=10.{self._ri(0, 255)}.{self._ri(0, 255)}.{self._ri(1, 254)}"
            ]
        if r == 5:
            return [
                self.rng.choice(
                    [
                        f"NIK {self.nik()}",
                        f"Kode Rekening {self.code()}",
                        f"NPWP {self.code()}",
                        self.code(),
                        f"Nomor : {self.nomor()}",
                        f"{self.rtrw()}",
                        f"NIP {self.nip()}",
                        f"Rp {self._ri(1, 999)}.{self._ri(0, 999):03d}.000,-",
                        f"Halaman {self._ri(1, 9)} dari {self._ri(10, 40)}",
                        f"Tabel {self._ri(1, 9)}.{self._ri(1, 9)} Realisasi Anggaran Tahun {year}",
                    ]
                )
            ]
        if r == 6:
            return [
                self.rng.choice(
                    [
                        f"Jumlah penerima bantuan sebanyak {self._ri(10, 900)} orang.",
                        "Data tersebut bersifat rahasia dan dikecualikan berdasarkan"
                        " Pasal 17 UU KIP.",
                        "Pemohon wajib melampirkan fotokopi KTP dan KK.",
                        f"Anggaran tahun {year} terserap {self._ri(40, 99)} persen.",
                        "Berkas dinyatakan lengkap dan diteruskan ke bidang terkait.",
                        "Belum ada tindak lanjut dari pihak terkait.",
                        "Sesuai dengan ketentuan peraturan perundang-undangan yang berlaku.",
                        "Hasil verifikasi lapangan menunjukkan data tidak sesuai.",
                    ]
                )
            ]
        return [f"{self._ri(1, 30)}. " + self.rng.choice(HEADINGS).format(year=year, month="MEI")]

    TEMPLATES: tuple[tuple[str, float], ...] = (
        ("t_form_fields", 0.15),
        ("t_table", 0.14),
        ("t_signature", 0.14),
        ("t_letterhead", 0.07),
        ("t_yth", 0.09),
        ("t_complaint", 0.08),
        ("t_narrative", 0.21),
        ("t_negative", 0.12),
    )

    def pieces(self) -> list:
        names = [n for n, _ in self.TEMPLATES]
        weights = [w for _, w in self.TEMPLATES]
        fn: Callable[[], list] = getattr(self, self.rng.choices(names, weights)[0])
        return fn()


def pieces_to_doc(nlp: Language, pieces: list) -> Doc:
    text = ""
    spans = []
    for piece in pieces:
        if isinstance(piece, tuple):
            chunk, label = piece
            if label and chunk.strip():
                start = len(text) + (len(chunk) - len(chunk.lstrip()))
                spans.append((start, start + len(chunk.strip()), label))
            text += chunk
        else:
            text += piece
    doc = nlp.make_doc(text)
    ents = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="contract")
        if span is None or not span.text.strip():
            continue
        ents.append(span)
    doc.ents = ents
    return doc


def generate(nlp: Language, n: int, seed: int, split: str = "train") -> list[Doc]:
    """``n`` synthetic annotated docs."""
    gen = Generator(seed, split)
    return [pieces_to_doc(nlp, gen.pieces()) for _ in range(n)]


if __name__ == "__main__":  # pragma: no cover - manual inspection
    import sys

    import spacy

    nlp = spacy.blank("id")
    for d in generate(nlp, int(sys.argv[1]) if len(sys.argv) > 1 else 20, seed=7):
        print(repr(d.text))
        print("   ", [(e.text, e.label_) for e in d.ents])


# ---------------------------------------------------------------------------------------------
# Encyclopedic / news-style sentences with Indonesian and foreign names (complements the
# government templates: names in running text, surname-only mentions, initials, particles).

FOREIGN_LOCALES = (
    "en_US",
    "en_GB",
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "nl_NL",
    "pt_BR",
    "ja_JP",
    "zh_CN",
    "en_IN",
    "pl_PL",
)
CITY_LOCALES = ("en_US", "de_DE", "es_ES", "it_IT", "nl_NL", "pl_PL", "en_IN", "fr_FR")
PROFESSIONS = [
    "penyanyi",
    "aktor",
    "aktris",
    "politikus",
    "pemain sepak bola",
    "penulis",
    "sutradara",
    "pengusaha",
    "wartawan",
    "pelukis",
    "musisi",
    "atlet bulu tangkis",
    "ilmuwan",
    "ulama",
    "pembalap",
    "produser film",
    "komedian",
    "diplomat",
    "perwira militer",
    "arsitek",
]
NATIONALITIES = [
    "Indonesia",
    "Amerika Serikat",
    "Jepang",
    "Inggris",
    "Jerman",
    "Prancis",
    "Belanda",
    "Korea Selatan",
    "Tiongkok",
    "India",
    "Malaysia",
    "Australia",
    "Italia",
    "Spanyol",
    "Brasil",
]
ORG_KINDS = [
    "{x} Records",
    "{x} FC",
    "Universitas {x}",
    "Partai {x}",
    "{x} Band",
    "PT {x} Tbk",
    "Bank {x}",
    "{x} Corporation",
    "{x} Entertainment",
    "Persatuan Sepak Bola {x}",
    "Yayasan {x}",
    "{x} Media Group",
    "Institut Teknologi {x}",
    "Klub {x}",
]
CLAUSES = [
    "pemerintah akan mempercepat pembangunan jalan tol",
    "kebijakan itu sudah dibahas bersama DPR",
    "timnya siap menghadapi pertandingan berikutnya",
    "harga bahan pokok mulai stabil menjelang Lebaran",
    "proyek tersebut ditargetkan selesai akhir tahun",
    "pihaknya masih menunggu hasil audit",
]


class NarrativeGenerator(Generator):
    def __init__(self, seed: int, split: str = "train") -> None:
        super().__init__(seed, split)
        self.fakers = []
        for i, loc in enumerate(FOREIGN_LOCALES):
            f = Faker(loc)
            f.seed_instance(seed * 100 + i)
            self.fakers.append(f)
        # Faker's it_IT city() iterates a set (order depends on PYTHONHASHSEED): use the sorted
        # list of Italian cities instead, so the data is identical in every process.
        self.city_fakers = [
            f
            for f, loc in zip(self.fakers, FOREIGN_LOCALES, strict=True)
            if loc in CITY_LOCALES and loc != "it_IT"
        ]
        from faker.providers.address.it_IT import Provider as ItAddress

        self.it_cities = sorted(set(ItAddress.cities))

    def foreign_name(self) -> str:
        f = self.rng.choice(self.fakers)
        if hasattr(f, "first_romanized_name"):
            first, last = f.first_romanized_name(), f.last_romanized_name()
        else:
            first, last = f.first_name(), f.last_name()
        r = self.rng.random()
        if r < 0.12:
            return f"{first} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
        if r < 0.18:
            return f"{first} {self.rng.choice(['van', 'de', 'von', 'van der', 'da', 'del'])} {last}"
        if r < 0.3:
            return last
        if r < 0.38:
            return (
                f"{first} {f.first_name()} {last}"
                if not hasattr(f, "first_romanized_name")
                else f"{first} {last}"
            )
        return f"{first} {last}"

    def any_person(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.foreign_name()
        if r < 0.6:
            return self.surname()
        return self.person()

    def place(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            return self.rng.choice(self.city_fakers).city()
        if r < 0.35:
            return self.rng.choice(self.it_cities)
        if r < 0.55:
            return self.rng.choice(NATIONALITIES)
        if r < 0.8:
            return self.city()
        return (
            self.rng.choice(["Provinsi ", "Kota ", "Kabupaten ", "Pulau ", "Gunung ", "Sungai "])
            + self.kabupaten()
        )

    def org_name(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            x = self.rng.choice(
                [
                    self.kabupaten(),
                    self.rng.choice(self.fakers).last_name()
                    if self.rng.random() < 0.5
                    else self.desa(),
                ]
            )
            if not x.isascii():
                x = self.kabupaten()
            return self.rng.choice(ORG_KINDS).format(x=x)
        if r < 0.75:
            return self.org()
        return self.rng.choice(ORG_NATIONAL + ORG_ACRONYMS)

    def year(self) -> str:
        return str(self._ri(1945, 2024))

    def pieces(self) -> list:  # noqa: C901 - a flat table of templates
        per = lambda: E(self.any_person(), "PER")  # noqa: E731
        loc = lambda: E(self.place(), "LOC")  # noqa: E731
        org = lambda: E(self.org_name(), "ORG")  # noqa: E731
        prof = self.rng.choice(PROFESSIONS)
        r = self.rng.randrange(18)
        if r == 0:
            return [
                per(),
                " (lahir di ",
                loc(),
                f", {self.date()}) adalah seorang {prof} asal ",
                loc(),
                ".",
            ]
        if r == 1:
            return ["Film ini dibintangi oleh ", per(), ", ", per(), " dan ", per(), "."]
        if r == 2:
            return [
                f"Pada tahun {self.year()}, ",
                per(),
                " bergabung dengan ",
                org(),
                " setelah sebelumnya bermain untuk ",
                org(),
                ".",
            ]
        if r == 3:
            return ["Album tersebut dirilis oleh ", org(), " dan diproduseri oleh ", per(), "."]
        if r == 4:
            return [
                "Ia menikah dengan ",
                per(),
                f" pada tahun {self.year()} dan menetap di ",
                loc(),
                ".",
            ]
        if r == 5:
            clause = self.rng.choice(CLAUSES).capitalize()
            verb = self.rng.choice(["kata", "ujar", "jelas", "tutur"])
            person, place = per(), loc()
            day = self.rng.choice(["Senin", "Selasa", "Rabu", "Kamis", "Jumat"])
            when = f"{day} ({self._ri(1, 28)}/{self._ri(1, 12)})"
            return [f'"{clause}," {verb} ', person, " di ", place, f", {when}."]
        if r == 6:
            return ["Menurut ", per(), ", ", self.rng.choice(CLAUSES), "."]
        if r == 7:
            return [
                self.rng.choice(["Presiden ", "Menteri ", "Gubernur ", "Wali Kota ", "Bupati "]),
                per(),
                " mengunjungi ",
                loc(),
                f" pada {self.date()}.",
            ]
        if r == 8:
            return [per(), " merupakan anak dari ", per(), " dan ", per(), "."]
        if r == 9:
            return ["Pelatih ", per(), " memanggil ", per(), " ke tim nasional ", loc(), "."]
        if r == 10:
            return [
                per(),
                f" menjabat sebagai {self.rng.choice(JABATAN).lower()} ",
                org(),
                f" sejak {self.year()}.",
            ]
        if r == 11:
            return [
                "Novel karya ",
                per(),
                " itu diadaptasi menjadi film oleh sutradara ",
                per(),
                ".",
            ]
        if r == 12:
            return [per(), " pindah ke ", loc(), ", ", loc(), " dan bekerja untuk ", org(), "."]
        if r == 13:
            return ["Bersama ", per(), ", ia mendirikan ", org(), f" pada tahun {self.year()}."]
        if r == 14:
            return [
                f"Selain {prof} ",
                per(),
                ", acara itu juga dihadiri ",
                per(),
                " dari ",
                org(),
                ".",
            ]
        if r == 15:
            return [per(), " lahir di ", loc(), " dan menempuh pendidikan di ", org(), "."]
        if r == 16:
            return ["Dalam pertandingan melawan ", org(), ", ", per(), " mencetak dua gol."]
        return [
            per(),
            f" adalah {prof} ",
            loc(),
            " yang dikenal lewat karyanya bersama ",
            per(),
            ".",
        ]


def generate_narrative(nlp: Language, n: int, seed: int, split: str = "train") -> list[Doc]:
    """``n`` encyclopedic/news-style sentences (names in running text)."""
    gen = NarrativeGenerator(seed, split)
    return [pieces_to_doc(nlp, gen.pieces()) for _ in range(n)]
