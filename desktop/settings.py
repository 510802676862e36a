"""Settings: which database, where data and logs go.

Precedence for the database URL: `--db` beats GOVDESK_DATABASE_URL, which beats
settings.toml in the user config dir, which beats govdesk.sqlite in the user data dir.
A stored URL never holds a password.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url

APP_NAME = "GovDesk"
ENV_URL = "GOVDESK_DATABASE_URL"
ENV_HOME = "GOVDESK_HOME"  # tests and trainers: keep everything in one folder


def _dir(kind: str) -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        path = Path(home) / kind
    else:
        getter = {
            "data": platformdirs.user_data_dir,
            "config": platformdirs.user_config_dir,
            "log": platformdirs.user_log_dir,
        }[kind]
        path = Path(getter(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    return _dir("data")


def config_dir() -> Path:
    return _dir("config")


def log_dir() -> Path:
    return _dir("log")


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def default_sqlite_url() -> str:
    return f"sqlite:///{data_dir() / 'govdesk.sqlite'}"


def demo_sqlite_url() -> str:
    return f"sqlite:///{data_dir() / 'govdesk-demo.sqlite'}"


@dataclass(frozen=True)
class Settings:
    database_url: str
    language: str = "zh_CN"


def load_file() -> dict:
    path = settings_file()
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def save_file(values: dict) -> None:
    """Write settings.toml; a password in the database URL is dropped on purpose."""
    lines = []
    for key, value in sorted(values.items()):
        if key == "database_url":
            value = strip_password(str(value))
        escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'{key} = "{escaped}"')
    settings_file().write_text("\n".join(lines) + "\n", encoding="utf-8")


def strip_password(url: str) -> str:
    parsed = make_url(url)
    if parsed.password is None:
        return url
    return parsed._replace(password=None).render_as_string(hide_password=False)


def display_url(url: str) -> str:
    """The URL as shown to people: password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def load(cli_url: str | None = None) -> Settings:
    stored = load_file()
    url = cli_url or os.environ.get(ENV_URL) or stored.get("database_url") or default_sqlite_url()
    return Settings(database_url=url, language=stored.get("language", "zh_CN"))
