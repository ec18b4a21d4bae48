"""Charts drawn on the server as SVG: no JavaScript, no chart library, nothing from a CDN.

Each chart is an `<svg role="img">` named by its `<title>` and summarised by its `<desc>`; the page
puts the data table the chart shows right after it (assistive technology reads the table, the
chart itself is one image). Markup only: geometry in attributes, colours and type in
backoffice/css/reports.css through classes (the CSP forbids `style` attributes). Every piece is
built with `format_html`, so names from the database are escaped.
"""

import math
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from motcua.reports.dashboard import ChannelShare, MonthPoint
from motcua.reports.timeliness import TimelinessRow

WIDTH = 720  # the viewBox width; CSS scales the chart to its container
LABEL_CHARS = 34  # agency names longer than this are shortened in the chart (not in the table)


def _join(parts: Iterable[str]) -> SafeString:
    """Concatenate markup: SafeStrings pass as they are, anything else is escaped."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _n(value: float) -> str:
    """A coordinate for an attribute (always a dot, never the locale's comma)."""
    return f"{value:.1f}".removesuffix(".0")


def _percent(rate: Decimal | None) -> str:
    """A rate to one decimal, rounded half up, in the language's format (Django's number_format
    cuts extra decimals off instead of rounding)."""
    if rate is None:
        return "—"
    return f"{number_format(rate.quantize(Decimal('0.1'), ROUND_HALF_UP), 1)}%"


def nice_scale(value: int, ticks: int = 4) -> tuple[int, int]:
    """(top, step) of a count axis: a step of 1, 2 or 5 × 10^k giving about `ticks` intervals,
    and the first multiple of it at or above `value` (at least one step)."""
    rough = max(value, 1) / ticks
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next((m * power for m in (1, 2, 5, 10) if m * power >= rough), 10 * power)
    step = max(int(step), 1)
    top = max(step, math.ceil(value / step) * step)
    return top, step


def _svg(
    chart_id: str, *, height: float, title: str, desc: str, body: Iterable[str], kind: str
) -> SafeString:
    return format_html(
        '<svg class="chart chart--{kind}" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        kind=kind,
        w=WIDTH,
        h=_n(height),
        id=chart_id,
        title=title,
        desc=desc,
        body=_join(body),
    )


def _text(x: float, y: float, text: str, css: str, anchor: str = "middle") -> SafeString:
    return format_html(
        '<text class="{}" x="{}" y="{}" text-anchor="{}">{}</text>', css, _n(x), _n(y), anchor, text
    )


def _line(x1: float, y1: float, x2: float, y2: float, css: str) -> SafeString:
    return format_html(
        '<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
        css,
        _n(x1),
        _n(y1),
        _n(x2),
        _n(y2),
    )


def _rect(x: float, y: float, w: float, h: float, css: str) -> SafeString:
    return format_html(
        '<rect class="{}" x="{}" y="{}" width="{}" height="{}"></rect>',
        css,
        _n(x),
        _n(y),
        _n(max(w, 0)),
        _n(max(h, 0)),
    )


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def monthly_chart(points: Sequence[MonthPoint], *, chart_id: str = "chart-months") -> SafeString:
    """Bars per month (received; resolved, its late part on top) on the left axis, and the
    on-time rate as a line on the right axis (0–100%)."""
    height, left, right, top, bottom = 320.0, 52.0, 52.0, 16.0, 44.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    base = top + plot_h
    peak = max((max(p.received, p.resolved) for p in points), default=0)
    axis_top, step = nice_scale(peak)
    body: list[str] = []
    for value in range(0, axis_top + 1, step):
        y = base - plot_h * value / axis_top
        body.append(_line(left, y, left + plot_w, y, "chart__grid"))
        body.append(_text(left - 6, y + 4, number_format(value), "chart__tick", "end"))
    for rate in (0, 50, 100):
        y = base - plot_h * rate / 100
        body.append(_text(left + plot_w + 6, y + 4, f"{rate}%", "chart__tick", "start"))
    slot = plot_w / max(len(points), 1)
    bar = slot * 0.34
    line_points: list[tuple[float, float]] = []
    segments: list[list[tuple[float, float]]] = []
    for n, point in enumerate(points):
        x = left + slot * n + slot * 0.14
        received_h = plot_h * point.received / axis_top
        resolved_h = plot_h * point.resolved / axis_top
        late_h = plot_h * point.resolved_late / axis_top
        body.append(_rect(x, base - received_h, bar, received_h, "chart__bar chart__bar--received"))
        body.append(
            _rect(
                x + bar,
                base - resolved_h + late_h,
                bar,
                resolved_h - late_h,
                "chart__bar chart__bar--resolved",
            )
        )
        body.append(_rect(x + bar, base - resolved_h, bar, late_h, "chart__bar chart__bar--late"))
        label = f"{point.period.first.month}/{point.period.first:%y}"
        body.append(_text(left + slot * n + slot / 2, base + 18, label, "chart__tick"))
        if point.on_time_rate is None:
            if line_points:
                segments.append(line_points)
            line_points = []
            continue
        line_points.append(
            (left + slot * n + slot / 2, base - plot_h * float(point.on_time_rate) / 100)
        )
    if line_points:
        segments.append(line_points)
    for segment in segments:
        if len(segment) > 1:
            body.append(
                format_html(
                    '<polyline class="chart__line" points="{}"></polyline>',
                    " ".join(f"{_n(x)},{_n(y)}" for x, y in segment),
                )
            )
        body.extend(
            format_html(
                '<circle class="chart__dot" cx="{}" cy="{}" r="3.5"></circle>', _n(x), _n(y)
            )
            for x, y in segment
        )
    body.append(_line(left, base, left + plot_w, base, "chart__axis"))
    first, last = (points[0].period, points[-1].period) if points else (None, None)
    return _svg(
        chart_id,
        height=height,
        kind="months",
        title=_("Tiếp nhận, giải quyết và tỷ lệ đúng hạn theo tháng"),
        desc=(
            _(
                "Cột: số hồ sơ mới tiếp nhận và đã giải quyết (phần trên là quá hạn) mỗi tháng, "
                "trục trái; đường: tỷ lệ đúng hạn, trục phải, từ %(first)s đến %(last)s. "
                "Số liệu ở bảng ngay sau biểu đồ."
            )
            % {"first": first.label, "last": last.label}
            if first and last
            else _("Chưa có số liệu.")
        ),
        body=body,
    )


def agency_rate_chart(
    rows: Sequence[TimelinessRow], *, chart_id: str = "chart-agencies", table_hint: str = ""
) -> SafeString:
    """One horizontal bar per agency: its on-time rate, 0–100% (no bar when it had no dossier to
    process)."""
    row_h, top, bottom, label_w, value_w = 26.0, 24.0, 12.0, 250.0, 64.0
    plot_w = WIDTH - label_w - value_w
    height = top + row_h * max(len(rows), 1) + bottom
    body: list[str] = []
    for tick in (0, 25, 50, 75, 100):
        x = label_w + plot_w * tick / 100
        body.append(_line(x, top - 4, x, height - bottom, "chart__grid"))
        body.append(_text(x, top - 8, f"{tick}%", "chart__tick"))
    for n, row in enumerate(rows):
        y = top + row_h * n
        rate = row.on_time_rate
        body.append(_text(label_w - 8, y + row_h / 2 + 4, _short(row.label), "chart__label", "end"))
        if rate is not None:
            css = "chart__bar chart__bar--rate"
            if rate < 90:
                css += " chart__bar--low"
            body.append(_rect(label_w, y + 5, plot_w * float(rate) / 100, row_h - 10, css))
        x_value = label_w + plot_w * float(rate or 0) / 100 + 6
        body.append(_text(x_value, y + row_h / 2 + 4, _percent(rate), "chart__value", "start"))
    return _svg(
        chart_id,
        height=height,
        kind="agencies",
        title=_("Tỷ lệ đúng hạn theo cơ quan"),
        desc=_(
            "Mỗi thanh là tỷ lệ hồ sơ đúng hạn của một cơ quan (100%% trừ tỷ lệ trễ hạn); "
            "thanh màu cam: dưới 90%%. %(hint)s"
        )
        % {"hint": table_hint},
        body=body,
    )


def channel_chart(
    shares: Sequence[ChannelShare], *, chart_id: str = "chart-channels"
) -> SafeString:
    """One bar split by channel, each part as wide as its share of the dossiers received."""
    height, left, right, bar_y, bar_h = 48.0, 8.0, 8.0, 8.0, 32.0
    plot_w = WIDTH - left - right
    total = sum(share.count for share in shares)
    body: list[str] = [_rect(left, bar_y, plot_w, bar_h, "chart__track")]
    x = left
    for n, share in enumerate(shares):
        width = plot_w * share.count / total if total else 0
        body.append(_rect(x, bar_y, width, bar_h, f"chart__seg chart__seg--{n + 1}"))
        if width >= 60:
            body.append(
                _text(
                    x + width / 2, bar_y + bar_h / 2 + 5, _percent(share.share), "chart__seg-text"
                )
            )
        x += width
    parts = "; ".join(f"{share.label}: {_percent(share.share)}" for share in shares)
    return _svg(
        chart_id,
        height=height,
        kind="channels",
        title=_("Hồ sơ mới tiếp nhận theo kênh nộp"),
        desc=(parts + ". " + _("Số liệu ở bảng ngay sau biểu đồ."))
        if total
        else _("Chưa có hồ sơ nào được tiếp nhận trong kỳ."),
        body=body,
    )
