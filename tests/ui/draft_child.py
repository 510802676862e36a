"""A clerk at the window, in a process of its own: opens the intake form as a user, types a
case into it key by key, prints "typed" and keeps running until the test kills it.

`python -m tests.ui.draft_child DATABASE_URL USER_ID PHOTO` (GOVDESK_HOME decides where
drafts go; PHOTO is dropped on the form as an attachment).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(url: str, user_id: int, photo: str) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.db.models import User
    from desktop.services.accounts import principal_for
    from desktop.services.drafts import DraftStore
    from ui.connect.database import open_database
    from ui.intake.controller import IntakeController
    from ui.intake.view import IntakeView
    from ui.tasks import TaskRunner

    app = QApplication([])
    database = open_database(url)
    with database.session_factory() as session:
        principal = principal_for(session, session.get(User, user_id))
    runner = TaskRunner()
    runner.session_factory = database.session_factory
    view = IntakeView()
    controller = IntakeController(runner, principal, view, drafts=DraftStore.for_user(url, user_id))
    controller.start()
    while not view.category._choices:
        app.processEvents()

    def type_into(widget, text: str) -> None:
        widget.setFocus()
        for char in text:
            if char.isascii() and char != "\n":
                QTest.keyClick(widget, char)
                continue
            key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                app.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))

    QTest.keyClick(view.channel, Qt.Key.Key_Down)  # 来电
    type_into(view.category, "lljf")
    QTest.keyClick(view.category, Qt.Key.Key_Return)  # settles on 邻里纠纷
    type_into(view.title, "楼上漏水")
    type_into(view.description, "卫生间漏水\n已三天")
    applicant = view.parties.rows[0]
    type_into(applicant.name, "张三")
    type_into(applicant.phone, "13912345678")
    type_into(applicant.id_number, "159901199001010022")
    type_into(applicant.address, "幸福小区3号楼")
    view.parties.add_button.click()
    type_into(view.parties.rows[1].name, "李四")
    type_into(view.address, "幸福小区3号楼2单元")
    type_into(view.location, "40.05, 110.1")
    view.people_count.setFocus()
    QTest.keyClick(view.people_count, Qt.Key.Key_Up)
    QTest.keyClick(view.people_count, Qt.Key.Key_Up)  # 3 people
    QTest.keyClick(view.save_as, Qt.Key.Key_Home)  # 登记 only
    view.attachments.sig_paths_dropped.emit([photo])  # what a drop onto the form emits
    print("typed" if view.category.chosen_id else "category not chosen", flush=True)
    app.exec()  # until SIGKILL


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
