"""SVG charts: well-formed, escaped, offline."""

from __future__ import annotations

from xml.etree import ElementTree

from scanner.charts import bar_chart, line_chart


def test_bar_chart_is_valid_svg_with_escaped_labels():
    svg = bar_chart([("<b>NIK</b>", 3), ("Telepon", 1)], "Temuan & jenis")
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert svg.count("<rect") == 2


def test_line_chart_and_empty_charts():
    svg = line_chart(["2026-10", "2026-11"], {"Blokir": [1, 2], "Tinjau": [0, 1]}, "Per bulan")
    ElementTree.fromstring(svg)
    assert svg.count("<polyline") == 2
    empty = bar_chart([], "Kosong", empty="Tidak ada data")
    ElementTree.fromstring(empty)
    assert "Tidak ada data" in empty
    ElementTree.fromstring(line_chart([], {}, "Kosong"))
