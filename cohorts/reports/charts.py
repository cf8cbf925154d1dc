"""Server-rendered bar charts: numbers in, SVG text out. Pure — no queries, no templates, no
chart library, nothing from a CDN.

Accessible by construction: `role="img"` named by its `<title>` and described by its `<desc>`,
every bar carries its label and its value as text (never colour alone), and the page puts the
same numbers in a table under the chart. A small group ("< 5") is drawn as an outlined bar of a
fixed length, so its length gives no count away.
"""

from django.utils.html import escape

from .figures import SMALL_GROUP_LIMIT, SUPPRESSED

# Each bar's label stands above it, so the chart stays narrow and readable on a phone
# (a 400-unit view box is drawn at about its own size there).
WIDTH = 400
VALUE_WIDTH = 48
LABEL_HEIGHT = 18
BAR_HEIGHT = 18
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + 12
PADDING = 4
BAR_COLOUR = "#007d7e"  # Wagtail's teal: 4.9:1 against white, 3.3:1 against its dark theme


def _length(value) -> int:
    """The length a bar stands for: a small group counts as the largest small number."""
    return SMALL_GROUP_LIMIT - 1 if value == SUPPRESSED else int(value)


def bar_chart(*, chart_id: str, title: str, description: str, bars) -> str:
    """A horizontal bar chart. `bars`: (label, value) pairs, value a count or "< 5"."""
    bars = list(bars)
    longest = max((_length(value) for _label, value in bars), default=0) or 1
    scale = (WIDTH - VALUE_WIDTH - 2 * PADDING) / longest
    height = len(bars) * ROW_HEIGHT + PADDING
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="report-chart" '
        f'id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="{escape(title_id)}" aria-describedby="{escape(desc_id)}" '
        f'font-family="inherit" font-size="14">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(bars):
        top = PADDING + index * ROW_HEIGHT
        bar_top = top + LABEL_HEIGHT
        middle = bar_top + BAR_HEIGHT / 2
        length = round(_length(value) * scale, 1)
        parts.append(
            f'<text x="{PADDING}" y="{top + LABEL_HEIGHT - 5}" fill="currentColor">'
            f"{escape(label)}</text>"
        )
        if value == SUPPRESSED:
            parts.append(
                f'<rect x="{PADDING}" y="{bar_top}" width="{length}" height="{BAR_HEIGHT}" '
                f'fill="none" stroke="{BAR_COLOUR}" stroke-width="2" stroke-dasharray="4 3"/>'
            )
        elif length:
            parts.append(
                f'<rect x="{PADDING}" y="{bar_top}" width="{length}" height="{BAR_HEIGHT}" '
                f'fill="{BAR_COLOUR}"/>'
            )
        parts.append(
            f'<text x="{PADDING + length + 6}" y="{middle}" '
            f'dominant-baseline="middle" fill="currentColor" font-weight="bold">'
            f"{escape(str(value))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
