"""`govdesk demo`: build the offline training county (its own database, stamped training)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from desktop import settings as app_settings
from desktop.demo import org
from desktop.demo.build import DEFAULT_CASES, DEFAULT_GRIDS, DemoOptions, build_demo
from desktop.demo.plan import DEFAULT_MONTHS

BAR_WIDTH = 30


def add_demo_parser(sub) -> argparse.ArgumentParser:
    demo = sub.add_parser(
        "demo",
        help="生成离线培训用的演示县 (独立的培训数据库)",
        description="生成离线培训用的演示县: 网格、部门、窗口、人员、演示账号和约一年 (默认 13 个月) 的案件。"
        "只会写入空数据库或培训数据库, 拒绝含真实数据的数据库。",
    )
    demo.add_argument("--seed", type=int, default=1, help="随机种子 (相同种子与日期生成相同数据)")
    demo.add_argument("--today", type=_day, help="演示数据的“今天” YYYY-MM-DD (默认: 今天)")
    demo.add_argument("--cases", type=_positive, default=DEFAULT_CASES, help="案件数")
    demo.add_argument("--grids", type=_positive, default=DEFAULT_GRIDS, help="网格数")
    demo.add_argument(
        "--months",
        type=_positive,
        default=DEFAULT_MONTHS,
        help=f"案件历史的月数 (默认: {DEFAULT_MONTHS}, 以便同比有上年同期)",
    )
    demo.add_argument(
        "--workers", type=_positive, help="模拟案件的进程数 (默认: 10 万件起用 2 个, 否则 1 个)"
    )
    demo.add_argument("--reset", action="store_true", help="清空并重建已有的培训数据库")
    demo.add_argument("--if-missing", action="store_true", help="培训数据库已完整存在时什么也不做")
    demo.set_defaults(handler=cmd_demo)
    return demo


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD: {text}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"应为正整数: {text}")
    return value


def _progress(phase: str, done: int, total: int) -> None:
    if phase == "cases":
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        print(
            f"\r[{bar}] {100 * done // max(total, 1):3d}% {done}/{total} cases",
            end="",
            file=sys.stderr,
            flush=True,
        )
        if done >= total:
            print(file=sys.stderr)
    elif phase == "county":
        print("生成演示县的行政区划与网格…", file=sys.stderr, flush=True)
    elif phase == "indexes":
        print("建立索引…", file=sys.stderr, flush=True)
    elif phase == "rollup":
        print("统计报表日汇总…", file=sys.stderr, flush=True)


def cmd_demo(args: argparse.Namespace) -> int:
    url = args.db or app_settings.demo_sqlite_url()
    options = DemoOptions(
        seed=args.seed,
        today=args.today,
        cases=args.cases,
        grids=args.grids,
        months=args.months,
        reset=args.reset,
        if_missing=args.if_missing,
        workers=args.workers,
    )
    shown = app_settings.display_url(url)
    print(f"培训数据库: {shown}", file=sys.stderr)
    result = build_demo(url, options, progress=_progress)
    if result.reason == "complete":
        print(f"培训数据库已存在且完整, 未做改动: {shown}")
        return 0
    if result.reason == "exists":
        print(f"培训数据库已存在: {shown}\n如需重建请加 --reset", file=sys.stderr)
        return 1
    print(
        f"已生成演示县: {result.cases} 件案件, 用时 {result.seconds:.1f} 秒, "
        f"数据库大小 {result.size_bytes / 1e6:.1f} MB"
    )
    print(f"演示账号 (密码均为 {org.DEMO_PASSWORD}, 仅存在于培训数据库):")
    for name, text in ACCOUNT_HELP:
        print(f"  {name:<11} {text}")
    return 0


ACCOUNT_HELP = (
    ("desk", "窗口受理员 (旗县综治中心)"),
    ("dispatcher", "分流调度员 (旗县综治中心)"),
    ("dept", "部门人员 (司法局, 驻中心)"),
    ("supervisor", "中心主任 (旗县综治中心)"),
    ("trainer", "培训师"),
    ("admin", "管理员"),
    ("street", "街道窗口受理员 (城关街道, 只见本街道案件)"),
)
