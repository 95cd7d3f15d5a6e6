"""A flow drawn as an SVG diagram on the server: boxes for questions, labelled arrows for answers.

Simple layered layout: each question sits one layer below the furthest question that leads to
it, so arrows always point down; the end is the last layer. No script, no style attribute (the
admin runs under the same strict Content-Security-Policy as every page), nothing fetched.
"""

from __future__ import annotations

from collections import defaultdict
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from .engine import END, Definition

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN, LANE = 250, 58, 36, 92, 20, 26
FONT = "system-ui, 'Noto Sans CJK SC', 'Noto Sans Thai', 'DejaVu Sans', sans-serif"


def _layers(definition: Definition) -> dict[str, int]:
    from .validation import find_cycle

    questions = definition.questions
    edges = {k: [t for _l, t in q.targets() if t in questions] for k, q in questions.items()}
    layer: dict[str, int] = {}
    if definition.start in questions:
        layer[definition.start] = 0
    if find_cycle(definition):  # draw what we can: breadth-first depth
        queue = list(layer)
        while queue:
            key = queue.pop(0)
            for target in edges[key]:
                if target not in layer:
                    layer[target] = layer[key] + 1
                    queue.append(target)
    else:
        changed = True
        while changed:  # longest path from the start; ends because there is no loop
            changed = False
            for key in list(layer):
                for target in edges[key]:
                    if layer.get(target, -1) < layer[key] + 1:
                        layer[target] = layer[key] + 1
                        changed = True
    for key in questions:  # unreachable questions: drawn on top, beside the start
        layer.setdefault(key, 0)
    layer[END] = max(layer.values(), default=-1) + 1
    return layer


def _wrap(text: str, width: int = 30, lines: int = 2) -> list[str]:
    out, current = [], ""
    for word in (
        text.split() if " " in text else [text[i : i + 16] for i in range(0, len(text), 16)]
    ):
        if len(current) + len(word) + 1 > width and current:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return out


def _short(text: str, size: int = 34) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def svg(definition: Definition) -> str:
    """The flow as an inline SVG document."""
    layer = _layers(definition)
    rows: dict[int, list[str]] = defaultdict(list)
    for key in [*definition.questions, END]:
        rows[layer[key]].append(key)
    widest = max(len(r) for r in rows.values())
    detours = sum(1 for _k, _t in _skips(definition, layer))
    width = (
        MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X + detours * LANE + 230 * bool(detours)
    )
    height = MARGIN * 2 + len(rows) * BOX_H + (len(rows) - 1) * GAP_Y
    position = {}
    for number, keys in rows.items():
        row_width = len(keys) * BOX_W + (len(keys) - 1) * GAP_X
        left = MARGIN + (widest * BOX_W + (widest - 1) * GAP_X - row_width) / 2
        for index, key in enumerate(keys):
            position[key] = (left + index * (BOX_W + GAP_X), MARGIN + number * (BOX_H + GAP_Y))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(_("Diagram of the flow"))}" font-family="{FONT}" font-size="12">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#4d5a66"/></marker></defs>',
    ]
    parts += _edges(definition, position, layer, right=MARGIN + widest * (BOX_W + GAP_X))
    for key, question in definition.questions.items():
        x, y = position[key]
        stroke = "#1a5a9e" if key == definition.start else "#4d5a66"
        parts.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
            f'fill="#eef1f4" stroke="{stroke}" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{x + 8:.0f}" y="{y + 16:.0f}" font-weight="700" fill="#1b1b1b">'
            f'{escape(key)} <tspan font-weight="400" font-size="10" fill="#4d5a66">'
            f"({escape(question.kind)})</tspan></text>"
        )
        for line_no, line in enumerate(_wrap(question.display)):
            parts.append(
                f'<text x="{x + 8:.0f}" y="{y + 34 + line_no * 15:.0f}" fill="#1b1b1b">'
                f"{escape(line)}</text>"
            )
    x, y = position[END]
    parts.append(
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="29" fill="#0b2545"/>'
        f'<text x="{x + BOX_W / 2:.0f}" y="{y + 34:.0f}" text-anchor="middle" fill="#ffffff" '
        f'font-weight="700">{escape(_("Outcome"))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _skips(definition: Definition, layer: dict[str, int]) -> list[tuple[str, str]]:
    """Edges that jump over a layer: drawn in lanes on the right, not through the boxes."""
    found = []
    for key, question in definition.questions.items():
        for _label, target in question.targets():
            pair = (key, target)
            if target in layer and layer[target] != layer[key] + 1 and pair not in found:
                found.append(pair)
    return found


def _edges(
    definition: Definition,
    position: dict[str, tuple[float, float]],
    layer: dict[str, int],
    *,
    right: float,
) -> list[str]:
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, question in definition.questions.items():
        for label, target in question.targets():
            if target in position:
                labels[(key, target)].append(label)
    lanes = {pair: right + n * LANE for n, pair in enumerate(_skips(definition, layer))}
    parts = []
    for (source, target), names in labels.items():
        (sx, sy), (tx, ty) = position[source], position[target]
        if (source, target) in lanes:
            lane = lanes[(source, target)]
            y1, y2 = sy + BOX_H / 2, ty + BOX_H / 2
            parts.append(
                f'<path d="M{sx + BOX_W:.0f},{y1:.0f} H{lane:.0f} V{y2:.0f} H{tx + BOX_W:.0f}" '
                'fill="none" stroke="#4d5a66" stroke-width="1.5" stroke-dasharray="5 3" '
                'marker-end="url(#arrow)"/>'
            )
            mx, my = (
                lane + 6 + 3.25 * len(_short(", ".join(n for n in names if n))) + 4,
                (y1 + y2) / 2,
            )
        else:
            x1, y1, x2, y2 = sx + BOX_W / 2, sy + BOX_H, tx + BOX_W / 2, ty
            parts.append(
                f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                'stroke="#4d5a66" stroke-width="1.5" marker-end="url(#arrow)"/>'
            )
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        text = _short(", ".join(n for n in names if n))
        if text:
            w = 6.5 * len(text) + 8
            parts.append(
                f'<rect x="{mx - w / 2:.0f}" y="{my - 10:.0f}" width="{w:.0f}" height="16" '
                'fill="#ffffff" stroke="#b8c2cc"/>'
                f'<text x="{mx:.0f}" y="{my + 2:.0f}" text-anchor="middle" font-size="11" '
                f'fill="#1b1b1b">{escape(text)}</text>'
            )
    return parts
