"""Values planted by the extract test fixtures (a module of its own: conftest is not importable
by name when several test folders have one)."""

NIK = "3171234567890123"
NIK2 = "3273061005938870"
PHONE = "081234567890"
