"""`govdesk [--db URL] COMMAND`: the composition root.

Commands that need the UI or the reports import them inside the command, so the core
never depends on Qt (the import-linter contract allows exactly these imports).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from desktop import __version__
from desktop import settings as app_settings
from desktop.errors import GovDeskError

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", cmd_gui)
    try:
        return handler(args)
    except GovDeskError as err:
        from desktop.labels import describe

        print(f"错误: {describe(err)}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govdesk", description="综治中心工作台 GovDesk — 桌面工作台与管理命令"
    )
    parser.add_argument("--db", metavar="URL", help="数据库地址 (SQLAlchemy URL)")
    parser.add_argument("--version", action="version", version=f"GovDesk {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    gui = sub.add_parser("gui", help="打开桌面工作台 (默认)")
    gui.set_defaults(handler=cmd_gui)

    from desktop.demo.command import add_demo_parser

    add_demo_parser(sub)
    add_report_parser(sub)
    add_roster_parser(sub)
    add_geo_parser(sub)

    db = sub.add_parser("db", help="数据库: upgrade 升级结构, backup 备份 (SQLite)")
    db_sub = db.add_subparsers(title="db commands", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="把数据库结构升级到最新").set_defaults(handler=cmd_db_upgrade)
    backup = db_sub.add_parser("backup", help="把 SQLite 数据库在线备份到文件")
    backup.add_argument("target", type=Path)
    backup.set_defaults(handler=cmd_db_backup)

    cal = sub.add_parser("calendar", help="节假日与调休: set, import, list")
    cal_sub = cal.add_subparsers(title="calendar commands", metavar="ACTION", required=True)
    cal_set = cal_sub.add_parser("set", help="设定一天: govdesk calendar set 2027-01-01 holiday")
    cal_set.add_argument("day", help="日期 YYYY-MM-DD")
    cal_set.add_argument("kind", help="holiday (放假) 或 workday (调休上班)")
    cal_set.add_argument("--note", help="备注, 如 元旦")
    cal_set.set_defaults(handler=cmd_calendar_set)
    cal_import = cal_sub.add_parser(
        "import", help="从 CSV 导入 (日期,类型[,备注]), 全部成功或全部不导入"
    )
    cal_import.add_argument("file", type=Path)
    cal_import.set_defaults(handler=cmd_calendar_import)
    cal_list = cal_sub.add_parser("list", help="列出已录入的日期")
    cal_list.add_argument("--year", type=int)
    cal_list.set_defaults(handler=cmd_calendar_list)

    user = sub.add_parser("user", help="账号: add 新建账号")
    user_sub = user.add_subparsers(title="user commands", metavar="ACTION", required=True)
    add = user_sub.add_parser("add", help="新建账号 (首次登录须修改密码)")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument(
        "--roles",
        required=True,
        help="角色, 逗号分隔: desk,dispatcher,department,supervisor,trainer,admin",
    )
    add.add_argument("--jurisdiction", required=True, help="辖区代码 (12 位)")
    add.add_argument("--password", required=True, help="初始密码")
    add.set_defaults(handler=cmd_user_add)
    return parser


def add_report_parser(sub) -> None:
    from desktop.domain.enums import NamedQueue

    report = sub.add_parser("report", help="报表: weekly 周报, monthly 月报, export 导出案件清单")
    actions = report.add_subparsers(title="report commands", metavar="ACTION", required=True)
    weekly = actions.add_parser("weekly", help="一周一反馈: govdesk report weekly --week 2026-W47")
    weekly.add_argument("--week", help="ISO 周, 如 2026-W47 (默认: 上一个完整周)")
    monthly = actions.add_parser(
        "monthly", help="一月一调度: govdesk report monthly --month 2026-11"
    )
    monthly.add_argument("--month", help="年-月, 如 2026-11 (默认: 上个月)")
    annual = actions.add_parser("annual", help="年度报告: govdesk report annual --year 2026")
    annual.add_argument("--year", help="年份, 如 2026 (默认: 今年, 截至今日0时)")
    export = actions.add_parser(
        "export", help="导出案件清单: govdesk report export --queue overdue"
    )
    export.add_argument("--queue", required=True, choices=[str(q) for q in NamedQueue],
                        help="队列, 如 overdue (已超期)")  # fmt: skip
    handlers = ((weekly, cmd_report), (monthly, cmd_report), (annual, cmd_report),
                (export, cmd_export))  # fmt: skip
    for parser, handler in handlers:
        parser.add_argument("--center", help="综治中心的简称、全称或编号 (默认: 最高一级中心)")
        parser.add_argument("-o", "--output", type=Path, help="输出的 .xlsx 文件")
        parser.set_defaults(handler=handler, kind=parser.prog.rsplit(" ", 1)[-1])
    for parser in (weekly, monthly, annual):
        parser.add_argument("--no-detail", action="store_true", help="不写明细表")


def add_roster_parser(sub) -> None:
    roster = sub.add_parser("roster", help="排班: export 导出月排班表")
    actions = roster.add_subparsers(title="roster commands", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="导出月排班表: govdesk roster export --month 2026-10"
    )
    export.add_argument("--month", required=True, help="年-月, 如 2026-10")
    export.add_argument("--center", help="综治中心的简称、全称或编号 (默认: 最高一级中心)")
    export.add_argument("-o", "--output", type=Path, help="输出的 .xlsx 文件")
    export.set_defaults(handler=cmd_roster_export)
    imp = actions.add_parser(
        "import", help="导入部门报来的排班表 (与导出的格式相同), 全部成功或全部不导入"
    )
    imp.add_argument("file", type=Path, help=".xlsx 文件")
    imp.add_argument("--center", help="综治中心的简称、全称或编号 (默认: 最高一级中心)")
    imp.add_argument("--dry-run", action="store_true", help="只检查并列出将要修改的内容, 不写入")
    imp.set_defaults(handler=cmd_roster_import)


def cmd_roster_export(args: argparse.Namespace) -> int:
    from desktop.services import report_period
    from desktop.services.report_data import find_center

    period = report_period.parse_month(args.month)  # a bad month fails before the database
    _, factory = open_session_factory(args)
    with factory() as session:
        center = find_center(session, args.center)
        path = args.output or Path(f"{center.short_name}排班表-{period.code}.xlsx")
        from reports.run import rota_file

        rota_file(session=session, center=center, month=period.first, path=path)
    _audit(factory, "roster.export", {"center": center.short_name, "month": period.code,
                                      "file": str(path)})  # fmt: skip
    print(f"已导出排班表 {path}", file=sys.stderr)
    return 0


def cmd_roster_import(args: argparse.Namespace) -> int:
    from desktop.labels import describe
    from desktop.services.report_data import center_principal, find_center
    from desktop.services.roster_import import (
        RosterImportRefused,
        apply_import,
        plan_import,
        problem_error,
    )
    from reports.rota_reader import read_rota

    sheet = read_rota(args.file)
    _, factory = open_session_factory(args)
    with factory.begin() as session:
        center = find_center(session, args.center)
        principal = center_principal(session, center, _os_actor())
        try:
            plan = plan_import(session=session, principal=principal, center_id=center.id,
                               sheet=sheet)  # fmt: skip
        except RosterImportRefused as refused:
            for problem in refused.problems:
                print(f"错误: {describe(problem_error(problem))}", file=sys.stderr)
            raise
        for change in plan.changes:
            before, after = "、".join(change.before) or "无", "、".join(change.after) or "无"
            print(f"{change.day.isoformat()} {change.place}: {before} → {after}")
        if args.dry_run:
            print(f"检查通过（未写入）: 将修改 {len(plan.changes)} 处")
            return 0
        changed = apply_import(session=session, principal=principal, plan=plan)
    _audit(factory, "roster.import", {"center": center.short_name, "file": str(args.file),
                                      "cells": changed})  # fmt: skip
    print(f"已导入排班表 {args.file}: 修改 {changed} 处")
    return 0


def _os_actor() -> str:
    from desktop.services.audit import os_user

    return os_user()


def add_geo_parser(sub) -> None:
    from desktop.domain.enums import GeoLevel
    from desktop.services.geo_shapes import SourceCrs

    geo = sub.add_parser("geo", help="地图边界: import 导入区划与网格边界")
    actions = geo.add_subparsers(title="geo commands", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="导入 GeoJSON 或 shapefile 压缩包 (.zip) 中的边界, 全部成功或全部不导入",
    )
    imp.add_argument("file", type=Path, help=".geojson / .json, 或含一套 shapefile 的 .zip")
    imp.add_argument("--level", required=True, choices=[str(v) for v in GeoLevel],
                     help="文件中是哪一级: county 旗县区, street 街道乡镇, community 村社区, "
                     "grid 网格, micro_grid 微网格")  # fmt: skip
    imp.add_argument("--crs", default="wgs84", choices=[str(v) for v in SourceCrs],
                     help="坐标系: wgs84 (默认), cgcs2000 (同 wgs84), gcj02 (高德/腾讯), "
                     "bd09 (百度)")  # fmt: skip
    imp.add_argument("--parent", metavar="CODE", help="新建地点的上级编码 (文件中全部要素)")
    imp.add_argument("--code-field", help="编码所在的属性名 (默认: code、adcode、编码…)")
    imp.add_argument("--name-field", help="名称所在的属性名 (默认: name、名称…)")
    imp.add_argument("--parent-field", help="上级编码所在的属性名 (默认: parent_code…)")
    imp.add_argument("--tolerance", type=float, default=50.0, metavar="METRES",
                     help="超出上级边界的容差, 米 (默认 50)")  # fmt: skip
    imp.add_argument("--dry-run", action="store_true", help="只检查并报告, 不写入数据库")
    imp.add_argument("--relocate", action="store_true",
                     help="导入网格后, 把坐标已落在其他网格的案件改到新网格 (每件记一条修改)")  # fmt: skip
    imp.set_defaults(handler=cmd_geo_import)


def cmd_geo_import(args: argparse.Namespace) -> int:
    from desktop.domain.enums import GeoLevel
    from desktop.labels import describe, label_of
    from desktop.services.geo_import import GeoImportRefused, apply_import, plan_import
    from desktop.services.geo_places import FieldNames
    from desktop.services.geo_shapes import SourceCrs

    level = GeoLevel(args.level)
    fields = FieldNames(args.code_field, args.name_field, args.parent_field)
    _, factory = open_session_factory(args)
    with factory.begin() as session:
        plan = plan_import(session=session, path=args.file, level=level, crs=SourceCrs(args.crs),
                           parent_code=args.parent, fields=fields,
                           tolerance_m=args.tolerance)  # fmt: skip
        for note in plan.problems:
            print(f"第 {note.number} 个要素 ({note.properties}): {describe(note.error)}",
                  file=sys.stderr)  # fmt: skip
        if plan.problems:
            print(f"错误: {describe(GeoImportRefused(plan.problems))}", file=sys.stderr)
            return 2
        result = None
        if not args.dry_run:  # planning only read: a dry run has nothing to undo
            result = apply_import(session=session, plan=plan, relocate=args.relocate)
    created, changed, kept = (plan.refs(a) for a in ("create", "change", "keep"))
    for note in plan.repaired:
        print(f"已修复 第 {note.number} 个要素 ({note.properties}): {describe(note.error)}")
    for title, refs in (("新建", created), ("修改", changed)):
        for ref in refs:
            print(f"{title} {ref.code} {ref.name}")
    verb = "检查通过（未写入）" if args.dry_run else "已导入"
    print(f"{verb}{label_of(level)} {len(plan.steps)} 个: 新建 {len(created)}, "
          f"修改 {len(changed)}, 未变 {len(kept)}, 修复 {len(plan.repaired)}")  # fmt: skip
    if result is not None and result.moved:
        print(f"已改网格的案件 {len(result.moved)} 件 (坐标已落在其他网格)")
    elif result is not None and result.elsewhere:
        print(f"注意: 有 {result.elsewhere} 件案件的坐标现已落在其他网格, 网格未改;"
              " 需要时用 --relocate 改到新网格")  # fmt: skip
    if not args.dry_run and (created or changed):
        _audit(factory, "geo.import", {"file": str(args.file), "level": str(level),
                                       "created": len(created), "changed": len(changed)})  # fmt: skip
    return 0


def _progress(text: str) -> None:
    """One status line on stderr, rewritten in place."""
    print(f"\r\033[K{text}…", end="", file=sys.stderr, flush=True)


def _audit(factory, action: str, detail: dict) -> None:
    from desktop.services.audit import os_user, record

    with factory.begin() as session:
        record(session=session, actor=os_user(), action=action, detail=detail)


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.labels import label
    from desktop.services import report_period
    from desktop.services.audit import os_user
    from desktop.services.meta import clock_for
    from desktop.services.report_data import find_center

    # the option, its parser and the default period (from today) of each kind of report
    option, parse, default = {
        "weekly": ("week", report_period.parse_week, report_period.last_complete_week),
        "monthly": ("month", report_period.parse_month, report_period.last_complete_month),
        "annual": ("year", report_period.parse_year,
                   lambda day: report_period.year(day.year)),  # this year to date
    }[args.kind]  # fmt: skip
    text = getattr(args, option)
    if text is not None:  # a bad week, month or year fails before the database is opened
        period = parse(text)
    _, factory = open_session_factory(args)
    with factory() as session:
        center = find_center(session, args.center)
        if text is None:
            period = default(clock_for(session).today())
        name = label("period_kind", str(period.kind))  # 周报, 月报, 年报
        path = args.output or Path(f"{center.short_name}{name}-{period.code}.xlsx")
        from reports.run import report_file

        _progress(f"生成{name} {period.code}")
        written = report_file(
            session=session,
            center=center,
            period=period,
            path=path,
            actor=os_user(),
            detail=not args.no_detail,
            progress=lambda step: _progress(f"{name} {period.code}: {step}"),
        )
    _audit(
        factory,
        f"report.{args.kind}",
        {
            "center": center.short_name,
            "period": period.code,
            "file": str(path),
            "detail_rows": written.rows,
        },
    )
    print(
        f"\r\033[K已生成{name} {written.path}（明细 {written.rows:,} 行，用时 "
        f"{written.seconds:.1f} 秒）",
        file=sys.stderr,
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.domain.enums import NamedQueue
    from desktop.services.audit import os_user
    from desktop.services.report_data import find_center

    queue = NamedQueue(args.queue)
    _, factory = open_session_factory(args)
    with factory() as session:
        center = find_center(session, args.center)
        path = args.output or Path(f"{center.short_name}-{queue}.xlsx")
        from reports.run import export_file

        _progress(f"导出 {queue}")
        written = export_file(
            session=session,
            center=center,
            queue=queue,
            path=path,
            actor=os_user(),
            progress=_progress,
        )
    _audit(
        factory,
        "report.export",
        {"center": center.short_name, "queue": str(queue), "file": str(path), "rows": written.rows},
    )
    print(
        f"\r\033[K已导出 {written.rows:,} 件到 {written.path}（用时 {written.seconds:.1f} 秒）",
        file=sys.stderr,
    )
    return 0


def open_session_factory(args: argparse.Namespace, *, migrate: bool = True):
    from desktop.db.engine import make_engine, make_session_factory
    from desktop.db.migrate import upgrade

    url = app_settings.load(args.db).database_url
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    return engine, make_session_factory(engine)


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(app_settings.load(getattr(args, "db", None)))


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    engine, _ = open_session_factory(args)
    print(f"数据库已是最新结构: {app_settings.display_url(str(engine.url))}")
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    from desktop.db.backup import backup_sqlite

    engine, _ = open_session_factory(args, migrate=False)
    backup_sqlite(engine, args.target)
    print(f"已备份到 {args.target}")
    return 0


def _apply_calendar(args: argparse.Namespace, entries) -> int:
    from desktop.services.calendar_days import set_days

    _, factory = open_session_factory(args)
    with factory.begin() as session:
        change = set_days(session=session, entries=entries)
    print(f"已录入 {change.days} 天; 重算期限的案件 {len(change.recomputed_case_ids)} 件")
    return 0


def cmd_calendar_set(args: argparse.Namespace) -> int:
    from desktop.services.calendar_days import parse_entry

    return _apply_calendar(args, [parse_entry(args.day, args.kind, args.note)])


def cmd_calendar_import(args: argparse.Namespace) -> int:
    from desktop.services.calendar_days import read_csv

    return _apply_calendar(args, read_csv(args.file))


def cmd_calendar_list(args: argparse.Namespace) -> int:
    from desktop.labels import label
    from desktop.services.calendar_days import list_days

    _, factory = open_session_factory(args)
    with factory() as session:
        for entry in list_days(session=session, year=args.year):
            print(f"{entry.day.isoformat()}  {label('day_kind', entry.kind)}  {entry.note or ''}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from desktop.db.models import Jurisdiction
    from desktop.domain.enums import Role
    from desktop.services.accounts import create_user

    try:
        roles = {Role(r.strip()) for r in args.roles.split(",") if r.strip()}
    except ValueError as err:
        raise GovDeskError("field.required", field="roles") from err
    _, factory = open_session_factory(args)
    with factory.begin() as session:
        jid = session.scalar(select(Jurisdiction.id).where(Jurisdiction.code == args.jurisdiction))
        if jid is None:
            raise GovDeskError("field.required", field="jurisdiction")
        create_user(
            session=session,
            username=args.username,
            display_name=args.name,
            password=args.password,
            roles=roles,
            jurisdiction_id=jid,
        )
    print(f"已新建账号 {args.username}")
    return 0
