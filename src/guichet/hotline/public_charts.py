"""The public pages' pictures, drawn on the server as SVG: no tiles, no script, no CDN.

The map shades each grid cell by its number of requests and puts a dot at each request's
rounded position; the chart is one bar per ISO week. Both are decoration next to a table
that says the same to a screen reader, and every text in them is escaped here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from html import escape

from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAP_WIDTH = 640.0
MAP_MAX_HEIGHT = 720.0
SHADES = 5


def _number(value: float) -> str:
    return f"{value:.1f}"


def _svg(markup: list[str]) -> SafeString:
    return mark_safe("".join(markup))  # noqa: S308  (built here; every text went through escape)


def shade(count: int, highest: int) -> int:
    """0 for none, then 1 to SHADES as the count nears the busiest cell's."""
    if count <= 0 or highest <= 0:
        return 0
    return min(SHADES, 1 + (SHADES - 1) * (count - 1) // max(highest - 1, 1))


class _Projection:
    """Longitude and latitude to the picture's x and y (equirectangular: fine for a city)."""

    def __init__(self, lats: Sequence[float], lons: Sequence[float]) -> None:
        south, north, west, east = min(lats), max(lats), min(lons), max(lons)
        pad_lat = max((north - south) * 0.04, 0.002)
        pad_lon = max((east - west) * 0.04, 0.002)
        self.south, self.north = south - pad_lat, north + pad_lat
        self.west, self.east = west - pad_lon, east + pad_lon
        self.squeeze = math.cos(math.radians((self.south + self.north) / 2))
        wide = (self.east - self.west) * self.squeeze
        tall = self.north - self.south
        self.scale = MAP_WIDTH / wide
        if tall * self.scale > MAP_MAX_HEIGHT:
            self.scale = MAP_MAX_HEIGHT / tall
        self.width = wide * self.scale
        self.height = tall * self.scale

    def x(self, lon: float) -> float:
        return (lon - self.west) * self.squeeze * self.scale

    def y(self, lat: float) -> float:
        return (self.north - lat) * self.scale


def map_svg(
    cells: Iterable,
    counts: dict[int | None, int],
    points: Sequence[dict],
    *,
    names: dict[str, str],
) -> SafeString:
    """Grid cells shaded by their counts and a dot per (rounded) request; "" when empty."""
    cells = list(cells)
    lats = [v for c in cells for v in (c.min_lat, c.max_lat)] + [p["lat"] for p in points]
    lons = [v for c in cells for v in (c.min_lon, c.max_lon)] + [p["lon"] for p in points]
    if not lats:
        return SafeString("")
    view = _Projection(lats, lons)
    highest = max((counts.get(cell.pk, 0) for cell in cells), default=0)
    title = _("Map of hotline requests by area")
    description = _(
        "Each box is a community's grid cell, darker when it has more requests; each dot is a "
        "request at a position rounded to about 100 metres. The tables on this page give the "
        "same counts."
    )
    out = [
        f'<svg class="hotline-map" viewBox="0 0 {_number(view.width)} {_number(view.height)}" '
        'role="img" aria-labelledby="hotline-map-title hotline-map-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="hotline-map-title">{escape(title)}</title>',
        f'<desc id="hotline-map-desc">{escape(description)}</desc>',
        f'<rect class="map-ground" x="0" y="0" width="{_number(view.width)}" '
        f'height="{_number(view.height)}"/>',
    ]
    for cell in cells:
        count = counts.get(cell.pk, 0)
        label = ngettext("%(place)s: %(count)s request", "%(place)s: %(count)s requests", count) % {
            "place": f"{cell.community}, {cell.street}, {cell.district}",
            "count": count,
        }
        left, top = view.x(cell.min_lon), view.y(cell.max_lat)
        out.append(
            f'<rect class="map-cell shade-{shade(count, highest)}" x="{_number(left)}" '
            f'y="{_number(top)}" width="{_number(view.x(cell.max_lon) - left)}" '
            f'height="{_number(view.y(cell.min_lat) - top)}"><title>{escape(label)}</title></rect>'
        )
    for point in points:
        status = _("open") if point["status"] == "open" else _("closed")
        created = formats.date_format(timezone.localtime(point["created"]), "SHORT_DATE_FORMAT")
        label = f"{names.get(point['category']) or point['category'] or _('Not classified')}"
        label = f"{label} — {status}, {created}"
        out.append(
            f'<circle class="map-point is-{"open" if point["status"] == "open" else "closed"}" '
            f'cx="{_number(view.x(point["lon"]))}" cy="{_number(view.y(point["lat"]))}" r="5">'
            f"<title>{escape(label)}</title></circle>"
        )
    out.append("</svg>")
    return _svg(out)


BAR_WIDTH = 26
BAR_GAP = 8
CHART_HEIGHT = 180
CHART_LABELS = 34  # room under the bars for the week numbers


def iso_weeks(start: date, end: date, counts: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every ISO week of the period with its count, the quiet ones too (as "2026-W07")."""
    known = dict(counts)
    weeks, day = [], start - timedelta(days=start.weekday())
    while day <= end:
        year, week, _weekday = day.isocalendar()
        key = f"{year}-W{week:02d}"
        weeks.append((key, known.get(key, 0)))
        day += timedelta(days=7)
    return weeks


def bar_chart(weeks: Sequence[tuple[str, int]], *, label: str) -> SafeString:
    """One bar per ISO week ("2026-W07", count), each named by its week and count."""
    if not weeks:
        return SafeString("")
    highest = max(count for _week, count in weeks) or 1
    width = len(weeks) * (BAR_WIDTH + BAR_GAP) + BAR_GAP
    total_height = CHART_HEIGHT + CHART_LABELS
    out = [
        f'<svg class="hotline-chart" viewBox="0 0 {width} {total_height}" width="{width}" '
        f'height="{total_height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="chart-axis" x1="0" y1="{CHART_HEIGHT}" x2="{width}" y2="{CHART_HEIGHT}"/>',
    ]
    usable = CHART_HEIGHT - 22  # room above the tallest bar for its number
    for index, (week, count) in enumerate(weeks):
        x = BAR_GAP + index * (BAR_WIDTH + BAR_GAP)
        height = usable * count / highest
        top = CHART_HEIGHT - height
        name = ngettext("%(week)s: %(count)s request", "%(week)s: %(count)s requests", count) % {
            "week": week,
            "count": count,
        }
        middle = x + BAR_WIDTH / 2
        out.append(
            f'<rect class="chart-bar" x="{x}" y="{_number(top)}" width="{BAR_WIDTH}" '
            f'height="{_number(height)}"><title>{escape(name)}</title></rect>'
            f'<text class="chart-value" x="{_number(middle)}" y="{_number(top - 5)}" '
            f'text-anchor="middle">{count}</text>'
            f'<text class="chart-label" x="{_number(middle)}" y="{CHART_HEIGHT + 20}" '
            f'text-anchor="middle">{escape(week.rsplit("-", 1)[-1])}</text>'
        )
    out.append("</svg>")
    return _svg(out)
