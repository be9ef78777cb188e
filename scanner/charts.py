"""Bar and line charts as inline SVG, generated in Python.

Why not a JavaScript chart library: the UI and the exported reports must work offline, print
well and run under a CSP without scripts. A few hundred bytes of SVG per chart do the job and
are easy to test (the markup is plain text). Colours are presentation attributes, not ``style``
attributes, so a strict ``style-src`` does not strip them. All text goes through ``escape``.
"""

from __future__ import annotations

from html import escape

PALETTE = ("#1f6feb", "#d29922", "#cf222e", "#2da44e", "#8250df", "#6e7781")
VERDICT_COLOURS = {"allow": "#2da44e", "flag": "#d29922", "block": "#cf222e"}


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _open(width: int, height: int, title: str, kind: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]


def bar_chart(
    items: list[tuple[str, float]], title: str, colour: str = PALETTE[0], width: int = 640,
    empty: str = "—", colours: list[str] | None = None,
) -> str:
    """Horizontal bars, one per (label, value): long Indonesian labels stay readable.

    ``colours`` gives each bar its own colour (e.g. the verdict colours), else ``colour``."""
    row, label_w, top = 24, 230, 8
    height = top * 2 + row * max(len(items), 1)
    out = _open(width, height, title, "bar")
    if not items:
        out.append(f'<text x="8" y="22" font-size="13" fill="#57606a">{escape(empty)}</text>')
        return "".join(out) + "</svg>"
    peak = max(v for _, v in items) or 1
    span = width - label_w - 60
    for i, (label, value) in enumerate(items):
        y = top + i * row
        bar = max(span * value / peak, 1 if value else 0)
        short = label if len(label) <= 34 else label[:33] + "…"
        out.append(
            f'<text x="{label_w - 6}" y="{y + 16}" font-size="12" text-anchor="end" '
            f'fill="#24292f"><title>{escape(label)}</title>{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar:.1f}" height="{row - 8}" '
            f'fill="{colours[i] if colours and i < len(colours) else colour}"/>'
            f'<text x="{label_w + bar + 4:.1f}" y="{y + 16}" font-size="12" '
            f'fill="#24292f">{_fmt(value)}</text>'
        )
    return "".join(out) + "</svg>"


def line_chart(
    x_labels: list[str], series: dict[str, list[float]], title: str,
    colours: dict[str, str] | None = None, width: int = 640, height: int = 240,
    empty: str = "—",
) -> str:
    """Lines over ordered categories (months), with a legend; one point is drawn as a dot."""
    colours = colours or {}
    out = _open(width, height, title, "line")
    if not x_labels:
        out.append(f'<text x="8" y="22" font-size="13" fill="#57606a">{escape(empty)}</text>')
        return "".join(out) + "</svg>"
    left, right, top, bottom = 44, 48, 28, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for values in series.values() for v in values), default=0) or 1
    step = plot_w / max(len(x_labels) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + plot_h - plot_h * v / peak

    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="#8c959f"/><line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" '
        f'stroke="#8c959f"/>'
        f'<text x="{left - 6}" y="{top + 4}" font-size="11" text-anchor="end" '
        f'fill="#57606a">{_fmt(peak)}</text>'
        f'<text x="{left - 6}" y="{top + plot_h}" font-size="11" text-anchor="end" '
        f'fill="#57606a">0</text>'
    )
    for i, label in enumerate(x_labels):
        x, _ = xy(i, 0)
        out.append(
            f'<text x="{x:.1f}" y="{height - 14}" font-size="11" text-anchor="middle" '
            f'fill="#57606a">{escape(label)}</text>'
        )
    for n, (name, values) in enumerate(series.items()):
        colour = colours.get(name, PALETTE[n % len(PALETTE)])
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in enumerate(values)))
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        for i, v in enumerate(values):
            x, y = xy(i, v)
            out.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)} {escape(x_labels[i])}: {_fmt(v)}</title></circle>"
            )
        lx = left + n * 130
        out.append(
            f'<rect x="{lx}" y="6" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="15" font-size="12" fill="#24292f">{escape(name)}</text>'
        )
    return "".join(out) + "</svg>"
