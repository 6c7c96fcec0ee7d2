"""Small SVG charts drawn at build time: no script, colours from the theme, text alternatives."""

from __future__ import annotations

import html


def adoption_chart(title: str, counts: dict[int, int]) -> str:
    """A bar chart of models per year, as an inline SVG block with a title and a description.

    Bars use the theme's accent colour and labels use the text colour (`currentColor`), so the
    chart reads in the light and the dark palette alike.
    """
    years = list(range(min(counts), max(counts) + 1))
    peak = max(counts.values())
    bar, gap, top, base, left = 28, 8, 18, 150, 8
    width = left * 2 + len(years) * (bar + gap)
    height = base + 36
    summary = ", ".join(f"{year}: {counts.get(year, 0)}" for year in years)
    description = f"Catalogued models adopting {title} by release year. {summary}."
    parts = [
        f'<svg class="atlas-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{html.escape(title)}: adoption by year</title>',
        f'<desc id="chart-desc">{html.escape(description)}</desc>',
        f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" '
        'stroke="currentColor" stroke-opacity="0.4"/>',
    ]
    for index, year in enumerate(years):
        count = counts.get(year, 0)
        x = left + index * (bar + gap) + gap // 2
        length = round((base - top) * count / peak) if peak else 0
        middle = f"{x + bar / 2:g}"
        parts.append(
            f'<rect x="{x}" y="{base - length}" width="{bar}" height="{length}" '
            'fill="var(--md-accent-fg-color, #526cfe)"/>'
        )
        if count:
            parts.append(
                f'<text x="{middle}" y="{base - length - 4}" text-anchor="middle" '
                f'font-size="12" fill="currentColor">{count}</text>'
            )
        parts.append(
            f'<text x="{middle}" y="{base + 16}" text-anchor="middle" font-size="11" '
            f'fill="currentColor">{"’" + str(year)[2:] if len(years) > 8 else year}</text>'
        )
    parts.append("</svg>")
    return '<div class="atlas-chart-wrap">\n' + "".join(parts) + "\n</div>\n"
