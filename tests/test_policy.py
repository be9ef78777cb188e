"""The default policy: which findings block, flag or are harmless, and how counts matter."""

from __future__ import annotations

import pytest

from scanner.i18n import Messages
from scanner.model import FileResult, Finding
from scanner.policy import PolicyEngine, PolicyError, load_policy


def finding(type_: str, text: str, *, kind: str = "personal_data", tags: set[str] | None = None,
            layer: str = "body", score: float = 0.9, level: str = "") -> Finding:
    return Finding(type=type_, rule=f"test.{type_.lower()}", kind=kind, score=score, basis="",
                   location={"page": 1}, layer=layer, text=text, tags=set(tags or ()),
                   explanation={"level": level} if level else {})


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy(), Messages("id"))


def decide(engine: PolicyEngine, findings: list[Finding], error: str = "") -> FileResult:
    result = FileResult(path="x.pdf", findings=findings, error=error)
    engine.decide(result)
    return result


# fmt: off
CASES = [
    # (findings, expected verdict, a reason code that must be present)
    ([], "allow", None),
    ([finding("ID_NIK", "3509122101642195")], "block", "id_nik"),
    ([finding("ID_KK", "3509120406190060")], "block", "id_kk"),
    ([finding("CREDIT_CARD", "4111111111111111")], "block", "credit_card"),
    ([finding("SECRET", "hunter2hunter2", kind="secret")], "block", "secret"),
    ([finding("ID_BANK_ACCOUNT", "1234567890", tags={"institutional"})], "allow", None),
    ([finding("ID_NIP", "197203151998031006", tags={"signature"})], "allow", None),
    ([finding("ID_NIP", "197203151998031006")], "flag", "id_nip"),
    ([finding("PHONE_NUMBER", "(0331) 487215", tags={"landline", "office_contact"})], "allow", None),
    ([finding("PHONE_NUMBER", "0812-1111-2222", tags={"mobile"})], "flag", "phone_number"),
    ([finding("EMAIL_ADDRESS", "humas@jemberkab.go.id", tags={"institutional"})], "allow", None),
    ([finding("PHONE_NUMBER", f"0812-1111-222{i}", tags={"mobile"}) for i in range(4)],
     "flag", "bulk_contacts"),
    ([finding("DATE_OF_BIRTH", "12 Mei 1990")], "flag", "date_of_birth"),
    ([finding("ADDRESS", "Jl. Kalimantan No. 42, Jember")], "allow", None),       # office address
    ([finding("ADDRESS", "Gg. Mawar 4, RT 002/RW 003")], "flag", "address"),       # home address
    ([finding("PERSON", "Siti Aminah")], "allow", None),                          # a name alone
    ([finding("MARKING_RAHASIA", "Sifat : Rahasia", kind="marking")], "block", "marking_rahasia"),
    ([finding("KIP_17A", "sedang dalam penyidikan", kind="exemption", level="high")], "flag", "kip_17a"),
    ([finding("MEMO_INTERNAL", "mohon tidak dipublikasikan", kind="exemption", level="critical")],
     "block", "memo_internal"),
    ([finding("PDP_HEALTH", "diagnosa J45.9", kind="personal_data")], "flag", "pdp_health"),
    ([finding("PDP_HEALTH", "diagnosa J45.9"), finding("PERSON", "Siti Aminah")], "block", "pdp_health"),
    ([finding("PHONE_NUMBER", "0812-1111-2222", tags={"mobile"}, layer="comment")], "flag", "hidden_layer"),
    ([finding("PHONE_NUMBER", "0812-1111-2222", layer="redacted", tags={"mobile"})], "block", "hidden_layer"),
    ([finding("ID_NIK", "3509122101642195", score=0.2)], "allow", None),          # below min_score
]
# fmt: on


@pytest.mark.parametrize("findings, verdict, reason", CASES)
def test_default_policy(engine: PolicyEngine, findings: list[Finding], verdict: str,
                        reason: str | None) -> None:
    result = decide(engine, findings)
    assert result.verdict == verdict
    if reason:
        assert reason in [r.code for r in result.reasons]
    if verdict == "allow":
        assert all(f.type == "PERSON" for f in result.findings) or not result.findings


def test_person_reported_only_beside_other_personal_data(engine: PolicyEngine) -> None:
    alone = decide(engine, [finding("PERSON", "Siti Aminah")])
    assert alone.findings == []
    with_nik = decide(engine, [finding("PERSON", "Siti Aminah"), finding("ID_NIK", "3509122101642195")])
    assert {f.type for f in with_nik.findings} == {"PERSON", "ID_NIK"}


@pytest.mark.parametrize("error", ["encrypted", "timeout", "corrupt", "unsupported", "too_large"])
def test_unreadable_file_is_never_allowed(engine: PolicyEngine, error: str) -> None:
    result = decide(engine, [], error=error)
    assert result.verdict == "flag"
    assert result.reasons[0].code == f"unreadable_{error}"


def test_institution_override_merges_over_defaults(tmp_path) -> None:
    override = tmp_path / "policy.yaml"
    override.write_text("types:\n  ID_NIP: {action: block}\nmin_score: 0.1\n")
    policy = load_policy(override)
    assert policy.types["ID_NIP"].action == "block"
    assert policy.types["ID_NIK"].action == "block"  # untouched default survives
    assert policy.min_score == 0.1


@pytest.mark.parametrize("content, expected", [
    ("types:\n  ID_NIK: {action: maybe}\n", "action"),
    ("colour: red\n", "colour"),
    ("types: [1, 2\n", "not valid YAML"),
])
def test_broken_policy_is_refused_with_file_and_reason(tmp_path, content: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(PolicyError) as err:
        load_policy(path)
    assert str(path) in str(err.value) and expected in str(err.value)


def test_english_messages() -> None:
    engine = PolicyEngine(load_policy(), Messages("en"))
    result = decide(engine, [finding("ID_NIK", "3509122101642195")])
    assert "NIK" in result.reasons[0].message and "found" in result.reasons[0].message


def test_low_level_cue_does_not_decide_alone(engine: PolicyEngine) -> None:
    heading = finding("MEMO_INTERNAL", "NOTA DINAS", kind="exemption", level="low")
    assert decide(engine, [heading]).verdict == "allow"


def test_memo_heading_with_not_final_statement_blocks(engine: PolicyEngine) -> None:
    heading = finding("MEMO_INTERNAL", "NOTA DINAS", kind="exemption", level="low")
    draft = finding("KIP_17I_MEMORANDUM", "belum dikoordinasikan", kind="exemption", level="medium")
    assert decide(engine, [draft]).verdict == "flag"
    result = decide(engine, [heading, draft])
    assert result.verdict == "block"
    assert "memo_internal_rahasia" in [r.code for r in result.reasons]


def test_private_secret_about_a_person_blocks(engine: PolicyEngine) -> None:
    psych = finding("KIP_17H_RAHASIA_PRIBADI", "hasil psikotes", kind="exemption", level="high")
    assert decide(engine, [psych]).verdict == "flag"
    dob = finding("DATE_OF_BIRTH", "12-05-1990")
    assert decide(engine, [psych, dob]).verdict == "block"


def test_a_name_in_metadata_alone_is_not_a_hidden_layer_leak(engine: PolicyEngine) -> None:
    author = finding("PERSON", "Budi Santoso", layer="metadata")
    result = decide(engine, [author])
    assert result.verdict == "allow" and result.reasons == []


def test_names_matter_only_beside_a_finding_that_counts(engine: PolicyEngine) -> None:
    assert not engine.names_matter([])
    assert not engine.names_matter([finding("EMAIL_ADDRESS", "humas@x.go.id", tags={"institutional"})])
    assert engine.names_matter([finding("PDP_HEALTH", "diagnosa J45.9")])
    assert engine.names_matter([finding("ID_NIK", "3509122101642195")])
