"""The 周报 / 月报 workbook: cover, summary, breakdowns, progress, lists, trend and 明细.

`write_report(report, path, detail=...)` writes one .xlsx from desktop.services.report_data's
ReportData (and, for 明细, the rows of report_lists.detail_rows). No Qt; no database here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.utils import get_column_letter

from desktop.domain.metrics import LOWER_IS_BETTER, RATES, Dimension, Metric
from desktop.labels import label
from desktop.services.report_data import ReportData
from desktop.services.report_figures import Figure
from desktop.services.report_lists import DetailRow
from reports import fast_rows
from reports import style as st
from reports.detail import write_detail
from reports.lists import write_ageing, write_attendance, write_overdue, write_repeats
from reports.texts import (
    DEFINITION,
    SHEET,
    metric_name,
    overdue_note,
    period_text,
    report_title,
    row_name,
    short_period,
)

Progress = Callable[[str], None]
BREAKDOWN_METRICS = tuple(Metric)


def write_report(
    report: ReportData,
    path: Path,
    *,
    detail: Iterable[DetailRow] | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the workbook; 明细 is left out when `detail` is None."""
    say = progress or (lambda _step: None)
    wb = Workbook()
    say("cover")
    _cover(wb.active, report)
    say("summary")
    _summary(wb.create_sheet(SHEET["summary"]), report)
    for dimension in Dimension:
        _breakdown(wb.create_sheet(SHEET[dimension]), report, dimension)
    say("lists")
    write_ageing(wb.create_sheet(SHEET["ageing"]), report)
    write_overdue(wb.create_sheet(SHEET["overdue"]), report)
    write_repeats(wb.create_sheet(SHEET["repeats"]), report)
    write_attendance(wb.create_sheet(SHEET["attendance"]), report)
    trend = wb.create_sheet(SHEET["trend"])
    _trend(trend, report)
    _trend_chart(wb[SHEET["summary"]], trend, report)
    if detail is not None:
        say("detail")
        write_detail(wb.create_sheet(SHEET["detail"]), report, detail)
    wb.properties.title = report_title(report.center_name, report.period)
    wb.properties.creator = "GovDesk 综治中心工作台"
    path = Path(path)
    fast_rows.save(wb, path)  # the long lists' rows go in after openpyxl's save
    return path


def subtitle(report: ReportData) -> str:
    return f"填报单位：{report.center_name}    报告期：{period_text(report.period)}"


# ---------------------------------------------------------------------------- cover


def _cover(ws, report: ReportData) -> None:
    ws.title = SHEET["cover"]
    ws.merge_cells("A2:D2")
    ws.merge_cells("A3:D3")
    st.put(ws, 2, 1, report_title(report.center_name, report.period), font=st.TITLE,
           align=st.CENTER, border=None)  # fmt: skip
    st.put(ws, 3, 1, "综治中心工作台 GovDesk 生成", font=st.SUBTITLE, align=st.CENTER,
           border=None)  # fmt: skip
    ws.row_dimensions[2].height = 40
    rows = [
        ("填报单位", report.center_name),
        ("报告期", period_text(report.period)),
        ("环比期", period_text(report.previous)),
        ("同比期", period_text(report.year_ago) if report.year_ago else "—（上年无对应周次）"),
        ("生成时间", report.generated_at),
        ("个人信息", "本表中的姓名、电话均已脱敏"),
    ]
    for offset, (name, value) in enumerate(rows):
        st.put(ws, 5 + offset, 2, name, font=st.BOLD, fill=st.HEADER_FILL, align=st.CENTER)
        st.put(ws, 5 + offset, 3, value, align=st.LEFT)
    notes = 5 + len(rows) + 1
    ws.merge_cells(start_row=notes, start_column=2, end_row=notes + 3, end_column=3)
    note = ("说明：" + overdue_note(report.period) + "平均办理时长按工作日计（含法定节假日调休）。"
            "同比为上年同一 ISO 周（月）；上年无该周时显示“—”。")  # fmt: skip
    st.put(ws, notes, 2, note, align=st.WRAP, border=None)
    st.fit_columns(ws, {1: 4, 2: 14, 3: 56, 4: 4})
    st.print_setup(ws, header_row=3, landscape=False)
    ws.freeze_panes = None


# ---------------------------------------------------------------------------- summary

SUMMARY_COLUMNS = ["指标", "本期", "环比", "同比", "上期", "去年同期", "目标", "口径"]


def _summary(ws, report: ReportData) -> None:
    row = st.title_rows(ws, report_title(report.center_name, report.period) + " · 汇总",
                        subtitle(report), len(SUMMARY_COLUMNS))  # fmt: skip
    st.header(ws, row, SUMMARY_COLUMNS)
    for headline in report.headlines:
        row += 1
        metric = headline.metric
        st.put(ws, row, 1, metric_name(metric), font=st.BOLD, align=st.LEFT)
        _figure_cell(ws, row, 2, headline.current, font=st.BOLD)
        _change_cell(ws, row, 3, headline.current, headline.previous)
        _change_cell(ws, row, 4, headline.current, headline.year_ago)
        _figure_cell(ws, row, 5, headline.previous)
        _figure_cell(ws, row, 6, headline.year_ago)
        target = report.targets.get(metric)
        st.put(ws, row, 7, target, fmt=st.PERCENT) if target is not None else st.put(ws, row, 7, "")
        st.put(ws, row, 8, DEFINITION[metric], align=st.LEFT)
        _colour_rule(ws, f"B{row}", metric, report.targets)
    st.fit_columns(ws, {1: 14, 2: 11, 3: 17, 4: 17, 5: 11, 6: 11, 7: 8,
                        8: max(st.display_width(t) for t in DEFINITION.values()) + 2})  # fmt: skip
    st.print_setup(ws, header_row=3, landscape=True)


def _figure_cell(ws, row: int, column: int, figure: Figure | None, *, font=st.BODY):
    if figure is None or figure.value is None:
        return st.put(ws, row, column, "—", font=font, align=st.CENTER)
    fmt = st.PERCENT if figure.metric in RATES else st.DAYS if figure.metric == Metric.MEAN_DAYS \
        else st.COUNT  # fmt: skip
    return st.put(ws, row, column, figure.value, fmt=fmt, font=font)


def _change_cell(ws, row: int, column: int, now: Figure, then: Figure | None) -> None:
    """环比 / 同比: the change with its arrow; "—" when either side has no value."""
    if then is None or then.value is None or now.value is None:
        st.put(ws, row, column, "—", align=st.CENTER)
        return
    if now.metric in RATES:
        value, fmt = (now.value - then.value) * 100, st.CHANGE_POINTS
    elif now.metric == Metric.MEAN_DAYS:
        value, fmt = now.value - then.value, st.CHANGE_DAYS
    elif then.value == 0:
        st.put(ws, row, column, "—", align=st.CENTER)
        return
    else:
        value, fmt = (now.value - then.value) / then.value, st.CHANGE_PERCENT
    worse = value > 0 if now.metric in LOWER_IS_BETTER else value < 0
    st.put(ws, row, column, value, fmt=fmt, font=st.BAD_FONT if worse and value else st.BODY)


def _colour_rule(ws, cells: str, metric: Metric, targets: dict[Metric, float]) -> None:
    """Native conditional colours: overdue above zero, a rate below the center's target."""
    if metric == Metric.OVERDUE:
        rule = CellIsRule(operator="greaterThan", formula=["0"], fill=st.BAD_FILL, font=st.BAD_FONT)
    elif metric in targets:
        rule = CellIsRule(operator="lessThan", formula=[repr(targets[metric])], fill=st.BAD_FILL,
                          font=st.BAD_FONT)  # fmt: skip
    else:
        return
    ws.conditional_formatting.add(cells, rule)


# ---------------------------------------------------------------------------- breakdowns


def _breakdown(ws, report: ReportData, dimension: Dimension) -> None:
    names = [label("dimension", str(dimension))] + [metric_name(m) for m in BREAKDOWN_METRICS]
    row = st.title_rows(ws, f"{report.center_name} {short_period(report.period)} · "
                        f"{SHEET[dimension]}统计", subtitle(report), len(names))  # fmt: skip
    header_row = row
    st.header(ws, row, names)
    widths = {1: max(st.display_width(names[0]), 8)}
    for item in report.breakdowns[dimension]:
        row += 1
        text = row_name(dimension, item.key, item.name)
        widths[1] = max(widths[1], st.display_width(text) + 2)
        st.put(ws, row, 1, text, align=st.LEFT)
        for column, metric in enumerate(BREAKDOWN_METRICS, start=2):
            _figure_cell(ws, row, column, item.figures[metric])
    row += 1
    st.put(ws, row, 1, "合计", font=st.BOLD, fill=st.TOTAL_FILL, align=st.CENTER)
    for column, metric in enumerate(BREAKDOWN_METRICS, start=2):
        cell = _figure_cell(ws, row, column, report.headline(metric).current, font=st.BOLD)
        cell.fill = st.TOTAL_FILL
    for column, metric in enumerate(BREAKDOWN_METRICS, start=2):
        letter = get_column_letter(column)
        _colour_rule(ws, f"{letter}{header_row + 1}:{letter}{row}", metric, report.targets)
        widths[column] = max(st.display_width(names[column - 1]) / 2 + 2, 10)
    st.fit_columns(ws, widths)
    st.print_setup(ws, header_row=header_row, landscape=True)
    if dimension == Dimension.CATEGORY and row > header_row + 1:
        _category_chart(ws, header_row, row - 1)


def _category_chart(ws, header_row: int, last_row: int) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = "各类别受理量与办结量"
    chart.y_axis.title = "件"
    data = Reference(ws, min_col=2, max_col=3, min_row=header_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    chart.height, chart.width = 9, 18
    ws.add_chart(chart, f"B{last_row + 4}")


# ---------------------------------------------------------------------------- trend


def _trend(ws, report: ReportData) -> None:
    names = ["报告期", metric_name(Metric.INTAKE), metric_name(Metric.RESOLVED)]
    row = st.title_rows(ws, f"{report.center_name} 受理与办结趋势", subtitle(report), 3)
    st.header(ws, row, names)
    for point in report.trend:
        row += 1
        st.put(ws, row, 1, short_period(point.period), align=st.LEFT)
        st.put(ws, row, 2, point.intake, fmt=st.COUNT)
        st.put(ws, row, 3, point.resolved, fmt=st.COUNT)
    st.fit_columns(ws, {1: 20, 2: 12, 3: 12})
    st.print_setup(ws, header_row=3, landscape=False)


def _trend_chart(summary, trend, report: ReportData) -> None:
    last = 3 + len(report.trend)
    chart = LineChart()
    chart.title = "受理量与办结量趋势"
    chart.y_axis.title = "件"
    chart.add_data(Reference(trend, min_col=2, max_col=3, min_row=3, max_row=last),
                   titles_from_data=True)  # fmt: skip
    chart.set_categories(Reference(trend, min_col=1, min_row=4, max_row=last))
    for series in chart.series:
        series.smooth = False  # counts per period: straight segments, no invented curve
    chart.height, chart.width = 8, 24
    summary.add_chart(chart, f"A{5 + len(report.headlines)}")
