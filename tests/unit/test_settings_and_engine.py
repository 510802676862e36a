"""Settings precedence, password-free stored URLs, SQLite pragmas and network-share refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desktop import settings
from desktop.db.engine import make_engine, mount_fstype, refuse_network_share
from desktop.errors import GovDeskError


def test_precedence_cli_env_file_default(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVDESK_HOME", str(tmp_path))
    monkeypatch.delenv("GOVDESK_DATABASE_URL", raising=False)
    assert settings.load().database_url == f"sqlite:///{tmp_path / 'data' / 'govdesk.sqlite'}"
    settings.save_file({"database_url": "postgresql://clerk:hunter2@db.local/govdesk"})
    stored = settings.load().database_url
    assert stored == "postgresql://clerk@db.local/govdesk"  # never the password
    assert "hunter2" not in settings.settings_file().read_text(encoding="utf-8")
    monkeypatch.setenv("GOVDESK_DATABASE_URL", "sqlite:///env.sqlite")
    assert settings.load().database_url == "sqlite:///env.sqlite"
    assert settings.load("sqlite:///cli.sqlite").database_url == "sqlite:///cli.sqlite"


def test_display_url_hides_password():
    shown = settings.display_url("postgresql+psycopg://u:secret@127.0.0.1:5432/x")
    assert "secret" not in shown and "127.0.0.1" in shown


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'a.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10000
    engine.dispose()


def test_network_share_refused(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/vda1 / ext4 rw 0 0\n"
        "//fileserver/share /mnt/share cifs rw 0 0\n"
        "nas:/export /mnt/nas nfs4 rw 0 0\n",
        encoding="utf-8",
    )
    assert mount_fstype(Path("/mnt/share/center/govdesk.sqlite"), str(mounts)) == "cifs"
    assert mount_fstype(Path("/mnt/nas/govdesk.sqlite"), str(mounts)) == "nfs4"
    assert mount_fstype(Path("/mnt/shared.sqlite"), str(mounts)) == "ext4"
    refuse_network_share(tmp_path / "local.sqlite")  # a local disk is fine


def test_network_share_message_names_the_path(monkeypatch):
    monkeypatch.setattr("desktop.db.engine.mount_fstype", lambda path, *a: "cifs")
    with pytest.raises(GovDeskError) as err:
        make_engine("sqlite:////mnt/share/govdesk.sqlite")
    assert err.value.code == "db.network_share"
    assert err.value.params["path"] == "/mnt/share/govdesk.sqlite"


def test_read_only_sessions_do_not_wait_for_a_writer(tmp_path):
    from desktop.db.engine import make_session_factory

    engine = make_engine(f"sqlite:///{tmp_path / 'b.sqlite'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
    writer = make_session_factory(engine)()
    writer.execute(text("INSERT INTO t VALUES (2)"))  # holds the write lock, uncommitted
    with make_session_factory(engine, read_only=True)() as reader:
        assert reader.execute(text("SELECT count(*) FROM t")).scalar() == 1
    writer.rollback()
    writer.close()
    engine.dispose()


def test_unreachable_database_is_named_without_its_password():
    from desktop.db.engine import check_connection

    engine = make_engine("postgresql://clerk:secret@127.0.0.1:1/govdesk")
    with pytest.raises(GovDeskError) as err:
        check_connection(engine)
    assert err.value.code == "db.unreachable"
    assert "127.0.0.1:1/govdesk" in err.value.params["url"]
    assert "secret" not in err.value.params["url"]
    engine.dispose()
