"""The draft store: per user and database, atomic, private, and cleared after 30 days."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta

from desktop.services.drafts import DraftStore, database_identity

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
FORM = {"title": "楼上漏水", "parties": [{"name": "张三", "phone": "13912345678"}]}


def test_a_draft_comes_back_exactly_for_its_user_and_database_only(tmp_path):
    db = tmp_path / "a.sqlite"
    store = DraftStore(tmp_path / "drafts", f"sqlite:///{db}", 7)
    photo = store.add_file("d1", "现场.jpg", "image/jpeg", b"\xff\xd8\xff photo")
    store.save("d1", FORM, (photo,), now=NOW)

    # The same file reached by a relative-looking URL is the same database.
    same = DraftStore(tmp_path / "drafts", f"sqlite:///{tmp_path}/./a.sqlite", 7)
    [draft] = same.drafts()
    assert (draft.id, draft.saved_at, draft.form) == ("d1", NOW, FORM)
    assert [(f.name, f.size, f.mime_type) for f in draft.files] == [("现场.jpg", 9, "image/jpeg")]
    assert same.file_content("d1", draft.files[0]) == b"\xff\xd8\xff photo"

    assert DraftStore(tmp_path / "drafts", f"sqlite:///{db}", 8).drafts() == []
    assert DraftStore(tmp_path / "drafts", f"sqlite:///{tmp_path}/b.sqlite", 7).drafts() == []


def test_drafts_are_private_files_and_no_temporary_file_is_left(tmp_path):
    store = DraftStore(tmp_path / "drafts", "sqlite:///x.sqlite", 1)
    store.save("d1", FORM, now=NOW)
    store.save("d1", {**FORM, "title": "改"}, now=NOW)
    files = [p for p in store.folder.rglob("*") if p.is_file()]
    assert [p.name for p in files] == ["draft.json"]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    assert store.drafts()[0].form["title"] == "改"


def test_a_file_taken_off_the_form_leaves_the_draft_folder(tmp_path):
    store = DraftStore(tmp_path / "drafts", "sqlite:///x.sqlite", 1)
    kept = store.add_file("d1", "a.pdf", "application/pdf", b"%PDF-1.4 a")
    gone = store.add_file("d1", "b.pdf", "application/pdf", b"%PDF-1.4 b")
    store.save("d1", FORM, (kept, gone), now=NOW)
    store.save("d1", FORM, (kept,), now=NOW)
    assert sorted(p.name for p in (store.folder / "d1" / "files").iterdir()) == [kept.sha256]


def test_drafts_older_than_30_days_are_deleted_newest_first_otherwise(tmp_path):
    store = DraftStore(tmp_path / "drafts", "sqlite:///x.sqlite", 1)
    store.save("old", FORM, now=NOW - timedelta(days=30, minutes=1))
    store.save("edge", FORM, now=NOW - timedelta(days=29, hours=23))
    store.save("new", FORM, now=NOW - timedelta(minutes=5))
    assert [d.id for d in store.drafts()] == ["new", "edge", "old"]
    assert store.purge_expired(NOW) == 1
    assert [d.id for d in store.drafts()] == ["new", "edge"]
    store.delete("edge")
    assert [d.id for d in store.drafts()] == ["new"]


def test_a_postgres_database_is_named_without_its_password_or_role():
    assert database_identity("postgresql+psycopg://govdesk:secret@db.local:5432/county") == (
        "postgresql://db.local:5432/county"
    )
