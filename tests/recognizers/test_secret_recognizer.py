import pytest

from scanner.recognizers import SecretRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return SecretRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["SECRET"]


KEY = (
    "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGHC+xi69FT6eg4da988GZPUHve1FV/NNPVKxEk6EsP3uyKZ5e\n"
    "-----END EC PRIVATE KEY-----"
)
JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
       "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: env files, prose labels, known formats, key blocks, connection strings
        ("DB_PASS=5WIUUL%nqm\nSMTP_PASSWORD=Admin_2022$$", ["5WIUUL%nqm", "Admin_2022$$"]),
        ("APP_KEY=base64:fLuDBg+7lb3rIX14WvJ+TqC/2BZFFZNVOTEMLygssQA=",
         ["fLuDBg+7lb3rIX14WvJ+TqC/2BZFFZNVOTEMLygssQA="]),
        ("Password database: JWvlZB&V4p", ["JWvlZB&V4p"]),
        ("kata sandi: Rahasia2024!", ["Rahasia2024!"]),
        ("PASSWORD : S3cure#Pwd", ["S3cure#Pwd"]),
        ("aws AKIAIOSFODNN7EXAMPLE", ["AKIAIOSFODNN7EXAMPLE"]),
        ("token ghp_" + "a1B2" * 9, ["ghp_" + "a1B2" * 9]),
        ("slack xoxb-1234567890-abcdefghij", ["xoxb-1234567890-abcdefghij"]),
        ("Authorization: Bearer " + JWT, [JWT]),
        ("Kunci privat server:\n" + KEY + "\nYang menyerahkan", [KEY]),
        ("DATABASE_URL=postgres://admin:Pa55w0rd!@10.0.0.5:5432/db", ["Pa55w0rd!"]),
        # look-alikes: placeholders, templating, low-entropy keys, prose
        ("DB_PASSWORD=changeme", []),
        ("PASSWORD: ********", []),
        ("password=<password>", []),
        ("DB_PASSWORD=${DB_PASSWORD}", []),
        ("api_key=xxxxxxxxxxxxxxxx", []),
        ("API_KEY=abc", []),
        ("Kata sandi: wajib diganti setiap tiga bulan", []),
        ("lihat https://example.go.id/login untuk masuk", []),
    ],
)
# fmt: on
def test_secret(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values


def test_key_value_table_cells(recognizer, entities, found):
    text = "URL panel: Password ; :: : ; https://app.jemberkab.go.id/login: BSMoQfI!SLHHJa"
    assert found(recognizer, entities, text) == ["BSMoQfI!SLHHJa"]
    assert found(recognizer, entities, "Password ; : ; Wajib diganti") == []


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        ('{"password": "Qw3rty!xx"}', ["Qw3rty!xx"]),
        ("password wifi kantor: Dinkes2024!", ["Dinkes2024!"]),
        ("PIN ATM: 482913", ["482913"]),
        ("PIN: 0000", []),
        ("sandi: disamarkan", []),
    ],
)
# fmt: on
def test_more_forms(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values
