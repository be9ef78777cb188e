"""Saring's Indonesian recognizers: one Presidio recognizer per file.

Adding a recognizer = one file in this package + one line in ``_CLASSES``.
Every result carries an ``AnalysisExplanation`` and ``recognition_metadata["saring_tags"]``
(``institutional``, ``landline``, ``mobile``, ``office_contact``, ``signature``, ``context``,
``weak``) for the policy.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from ._base import TAGS_KEY, SaringRecognizer
from .address_recognizer import AddressRecognizer
from .bank_account_recognizer import BankAccountRecognizer
from .credit_card_recognizer import CreditCardRecognizer
from .date_of_birth_recognizer import DateOfBirthRecognizer
from .email_recognizer import EmailRecognizer
from .geo_location_recognizer import GeoLocationRecognizer
from .id_bpjs_recognizer import IdBpjsRecognizer
from .id_kk_recognizer import IdKkRecognizer
from .id_nik_recognizer import IdNikRecognizer
from .id_nip_recognizer import IdNipRecognizer
from .id_npwp_recognizer import IdNpwpRecognizer
from .id_passport_recognizer import IdPassportRecognizer
from .phone_recognizer import PhoneRecognizer
from .secret_recognizer import SecretRecognizer

_CLASSES: tuple[type[SaringRecognizer], ...] = (
    IdNikRecognizer,
    IdKkRecognizer,
    IdNpwpRecognizer,
    IdNipRecognizer,
    IdBpjsRecognizer,
    IdPassportRecognizer,
    PhoneRecognizer,
    EmailRecognizer,
    CreditCardRecognizer,
    BankAccountRecognizer,
    DateOfBirthRecognizer,
    AddressRecognizer,
    SecretRecognizer,
    GeoLocationRecognizer,
)

ENTITY_TYPES: tuple[str, ...] = tuple(c.ENTITY for c in _CLASSES)


def all_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of every Saring recognizer (language ``id``)."""
    return [cls() for cls in _CLASSES]


__all__ = ["ENTITY_TYPES", "TAGS_KEY", "all_recognizers", *(c.__name__ for c in _CLASSES)]
