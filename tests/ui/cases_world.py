"""A small demo county for the 案件 page tests, and hand-written queries to check it against."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, select, text

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import User
from desktop.demo.build import DemoOptions, build_demo
from desktop.domain.principal import Principal
from desktop.services.accounts import principal_for
from desktop.services.meta import clock_for

TODAY = date(2025, 6, 30)
OPTIONS = DemoOptions(seed=11, today=TODAY, cases=600, grids=24, months=2)


@dataclass(frozen=True)
class Demo:
    path: Path
    url: str


def build(folder: Path) -> Demo:
    path = folder / "demo.sqlite"
    build_demo(f"sqlite:///{path}", OPTIONS)
    return Demo(path, f"sqlite:///{path}")


def copy(demo: Demo, folder: Path) -> Demo:
    target = folder / "demo.sqlite"
    shutil.copyfile(demo.path, target)
    return Demo(target, f"sqlite:///{target}")


def principal(url: str, username: str) -> Principal:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            user = session.scalars(select(User).where(User.username == username)).one()
            return principal_for(session, user)
    finally:
        engine.dispose()


def now_of(url: str):
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return clock_for(session).now()
    finally:
        engine.dispose()


def query(url: str, sql: str, **params) -> list:
    """Rows of a hand-written statement, on a plain engine of its own."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    finally:
        engine.dispose()


__all__ = ["create_engine", "text"]  # for tests that write as another seat
