"""The class's views in AppTest: a teacher opens a class, students join, answer and annotate,
the wall and the counts follow, the teacher moderates, exports and deletes; every refusal is
one clear line and keeps the student's text; the teacher key never leaves the teacher's
screen. One SQLite database for the module (each test opens classes of its own)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from bench.common import press_next_steps
from components import class_wall, classroom, data
from tests.helpers import ARTICLES, ROOT

TIMEOUT = 30
SLUG = "iran-russia-suspicious-bind"


@pytest.fixture(scope="module", autouse=True)
def class_database(tmp_path_factory):
    """A database of the module's own, in a state folder of its own."""
    from components import participation

    state = tmp_path_factory.mktemp("class-state")
    patch = pytest.MonkeyPatch()
    patch.setenv("READING_ROOM_STATE", str(state))
    patch.delenv("READING_ROOM_DATABASE_URL", raising=False)
    patch.setattr(data, "ARTICLES_ROOT", ARTICLES)
    participation._database.clear()
    yield state
    participation._database.clear()
    patch.undo()


def run(query: dict | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update(query or {})
    app.run()
    press_next_steps(app)
    assert not app.exception, app.exception
    return app


def click(app: AppTest, label: str) -> AppTest:
    next(b for b in app.button if b.label == label).click().run()
    assert not app.exception, app.exception
    return app


def html(app: AppTest) -> str:
    return "\n".join(element.proto.body for element in app.html)


def everything(app: AppTest) -> str:
    """Every text the page sends: HTML, Markdown, captions, code, labels, messages."""
    texts = [html(app)]
    for kind in ("markdown", "caption", "code", "error", "warning", "info", "success"):
        texts += [str(element.value) for element in getattr(app, kind)]
    texts += [str(b.label) for b in app.button]
    return "\n".join(texts)


def query(app: AppTest) -> dict[str, str]:
    return {key: app.query_params[key] for key in app.query_params}


def open_class(days: int = 30) -> tuple[AppTest, str, str]:
    """A teacher's session with a class just opened: (app, code, teacher key)."""
    teacher = class_tools(run())
    teacher.number_input(key=classroom.DAYS_KEY).set_value(days)
    click(teacher, "Open a class for this article")
    code = query(teacher)["class"]
    key = teacher.session_state[classroom.KEYS][code]
    return teacher, code, key


def class_tools(app: AppTest) -> AppTest:
    """The sidebar's class forms, opened."""
    return click(app, classroom.TOOLS_LABEL)


def join(code: str, name: str = "", **view) -> AppTest:
    student = run({"class": code, **view})
    student.text_input(key=classroom.NAME_KEY).input(name)
    return click(student, "Join")


def answer(student: AppTest, text: str, number: int = 1) -> AppTest:
    student.text_area(key=f"class-answer-{number}-body").input(text)
    return click(student, "Send the answer")


def note(student: AppTest, paragraph: int, text: str, quote: str = "") -> AppTest:
    student.selectbox(key="class-note-paragraph").set_value(paragraph)
    student.text_input(key="class-note-quote").input(quote)
    student.text_area(key="class-note-body").input(text)
    return click(student, "Send the note")


def test_a_reader_with_no_class_never_imports_the_database():
    script = f"""
import sys
from streamlit.testing.v1 import AppTest
from bench.common import press_next_steps
app = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=60)
app.run()
press_next_steps(app)
assert not app.exception, app.exception
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "storage", "alembic"))
print("LOADED", loaded)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert "LOADED []" in done.stdout, done.stdout + done.stderr[-2000:]


def test_a_hosted_app_without_a_database_says_responses_last_until_a_restart(monkeypatch):
    monkeypatch.setenv("READING_ROOM_HOSTED", "1")
    said = [caption.value for caption in class_tools(run()).caption]
    assert any("last only until the app restarts" in text for text in said)
    monkeypatch.setenv("READING_ROOM_DATABASE_URL", "postgresql://nowhere/none")
    said = [caption.value for caption in class_tools(run()).caption]
    assert not any("until the app restarts" in text for text in said)


def test_a_teacher_opens_a_class_and_the_key_stays_on_the_teachers_screen():
    teacher, code, key = open_class(days=7)
    assert query(teacher) == {"article": SLUG, "panel": "class", "class": code}
    page = everything(teacher)
    assert "Join the class" in page and code[:4] in page and "data:image/svg+xml" in page
    assert key not in page  # behind "reveal"
    teacher.toggle(key="class-key-reveal").set_value(True).run()
    assert [c.value for c in teacher.code] == [key]
    assert key not in "".join(str(v) for v in query(teacher).values())
    click(teacher, "Presenter mode")
    assert query(teacher)["present"] == "1" and key not in everything(teacher)
    assert "Join the class" in html(teacher)


def test_a_student_answers_and_notes_and_the_wall_and_counts_follow():
    teacher, code, _ = open_class()
    student = join(code, "Ada", q="1")
    assert "Seat " in html(student)
    answer(student, "Because sanctions bind them.")
    assert [s.value for s in student.success][0].startswith("Sent.")
    assert student.text_area(key="class-answer-1-body").value == ""
    note(student, 3, "Note on three")
    teacher.run()
    wall = html(teacher)
    assert "Because sanctions bind them." in wall and "Note on three" in wall
    assert "Ada" not in wall  # names hidden on the wall by default
    teacher.query_params["panel"] = "reader"
    reader = run({"class": code})
    text = next(e.proto.body for e in reader.html if 'id="rr-p-3"' in e.proto.body)
    assert 'id="rr-p-3"><a class="rr-pn"' in text and '</a><span class="rr-count">1<' in text


def test_a_quote_must_be_word_for_word_and_the_text_stays_in_the_box():
    _, code, _ = open_class()
    student = join(code)
    note(student, 3, "My note", quote="words that are not in the paragraph")
    assert "not word for word in ¶3" in student.error[0].value
    assert student.text_area(key="class-note-body").value == "My note"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write something first."),
        ("   \n ", "Write something first."),
        ("\u202e\u0007\u2066", "Write something first."),
    ],
)
def test_a_refused_answer_says_why_and_keeps_the_text(text, message):
    _, code, _ = open_class()
    student = join(code, q="1")
    answer(student, text)
    assert len(student.error) == 1 and message in student.error[0].value
    assert student.text_area(key="class-answer-1-body").value == text
    assert not student.success


def test_a_wrong_code_is_one_clear_line():
    app = run({"class": "ZZZZZZZ"})
    assert "No class has the code" in app.warning[0].value
    app = class_tools(run())
    app.sidebar.text_input(key=classroom.JOIN_CODE_KEY).input("no!")
    click(app, "Join the class")
    assert "4 to 12 letters and digits" in app.error[0].value
    app.sidebar.text_input(key=classroom.JOIN_CODE_KEY).input("zzz-zzzz")
    click(app, "Join the class")
    assert query(app)["class"] == "ZZZZZZZ" and "No class has the code" in app.warning[0].value


def test_a_refreshed_student_gets_the_seat_and_posts_back_with_the_rejoin_code():
    _, code, _ = open_class()
    student = join(code, "Bo", q="2")
    answer(student, "Mine before the refresh", number=2)
    rejoin = student.session_state[classroom.SEATS][code]["rejoin_code"]
    assert f"Seat {rejoin}" in html(student)
    again = run({"class": code, "q": "2"})
    again.text_input(key=classroom.REJOIN_KEY).input("ZZZ-ZZZ")
    click(again, "Get my seat back")
    assert "No seat in this class has that rejoin code" in again.error[0].value
    assert again.text_input(key=classroom.REJOIN_KEY).value == "ZZZ-ZZZ"
    again.text_input(key=classroom.REJOIN_KEY).input(rejoin.lower())
    click(again, "Get my seat back")
    assert f"Seat {rejoin}" in html(again) and "Mine before the refresh" in html(again)


def test_the_teacher_hides_an_answer_and_it_leaves_the_wall():
    teacher, code, _ = open_class()
    answer(join(code, q="1"), "Hide me please")
    teacher.run()
    assert "Hide me please" in html(teacher)
    teacher.toggle(key=class_wall.MODERATE_KEY).set_value(True).run()
    click(teacher, "Hide")
    teacher.toggle(key=class_wall.MODERATE_KEY).set_value(False).run()
    assert "Hide me please" not in html(teacher)


def test_moderation_settings_hold_posts_and_block_seats():
    teacher, code, key = open_class()
    teacher.toggle(key=class_wall.MODERATE_KEY).set_value(True).run()
    teacher.toggle(key="class-pre_moderation").set_value(True)
    teacher.text_area(key="class-word-list").input("forbidden")
    click(teacher, "Save the settings")
    student = join(code, "Cy", q="1")
    answer(student, "Waits for approval")
    assert "once the teacher approves it" in student.success[0].value
    teacher.run()
    assert "waiting for approval" in html(teacher) and "Cy" in html(teacher)
    click(teacher, "Approve")
    answer(student, "This is forbidden here")
    teacher.run()
    assert "held: matches the word list" in html(teacher)
    click(teacher, "Block this seat")
    answer(student, "After the block")
    assert "paused your posts" in student.error[0].value
    assert student.text_area(key="class-answer-1-body").value == "After the block"


def test_a_frozen_wall_refuses_posts_with_a_clear_line():
    teacher, code, _ = open_class()
    teacher.toggle(key=class_wall.MODERATE_KEY).set_value(True).run()
    teacher.toggle(key="class-frozen").set_value(True)
    click(teacher, "Save the settings")
    student = join(code, q="1")
    answer(student, "Too late")
    assert "paused the wall" in student.error[0].value


def test_the_rate_limit_is_one_clear_line():
    _, code, _ = open_class()
    student = join(code, q="1")
    for number in range(20):
        answer(student, f"answer {number}")
        if student.error:
            break
    assert "Too many posts" in student.error[0].value
    assert student.text_area(key="class-answer-1-body").value == f"answer {number}"


def test_an_unreachable_database_keeps_the_text(monkeypatch, tmp_path):
    _, code, _ = open_class()
    student = join(code, q="1")
    from storage import Database

    gone = Database(f"sqlite:///{tmp_path}/missing/folder/db.sqlite3")
    monkeypatch.setattr(classroom, "database", lambda: gone)
    answer(student, "Still mine")
    assert "not answering" in student.error[0].value
    assert student.text_area(key="class-answer-1-body").value == "Still mine"
    monkeypatch.undo()
    click(student, "Send the answer")
    assert student.success and "Still mine" in html(student)


def test_exports_are_formula_safe_and_deleting_the_class_removes_it():
    teacher, code, _ = open_class()
    student = join(code, "=cmd|' /C calc'!A0", q="1")
    answer(student, "@SUM(1+1)")
    teacher.toggle(key=class_wall.MODERATE_KEY).set_value(True).run()
    click(teacher, "Prepare the exports (CSV, JSON, teacher's pack)")
    made = teacher.session_state[class_wall.EXPORTS][code]
    rows = list(csv.DictReader(io.StringIO(made["csv"].decode("utf-8"))))
    assert rows[0]["body"] == "'@SUM(1+1)" and rows[0]["display_name"].startswith("'=")
    assert json.loads(made["json"])["responses"][0]["body"] == "@SUM(1+1)"
    assert "@SUM(1+1)" in made["html"] and "<script" not in made["html"].lower()
    teacher.checkbox(key=class_wall.CONFIRM_DELETE_KEY).check().run()
    click(teacher, "Delete this class now")
    assert "class" not in query(teacher)
    assert "No class has the code" in run({"class": code}).warning[0].value


def test_classmates_new_answers_wait_behind_a_button():
    _, code, _ = open_class()
    first = join(code, "Di", q="1")
    answer(first, "Mine first")
    answer(join(code, q="1"), "A classmate answers")
    first.run()
    assert "A classmate answers" not in html(first)
    click(first, "1 new answer: show")
    assert "A classmate answers" in html(first) and "Mine first" in html(first)


def test_answer_first_keeps_others_answers_until_one_has_answered():
    teacher, code, _ = open_class()
    teacher.toggle(key=class_wall.MODERATE_KEY).set_value(True).run()
    teacher.toggle(key="class-answer_first").set_value(True)
    click(teacher, "Save the settings")
    answer(join(code, q="1"), "Early bird")
    late = join(code, q="1")
    assert "Early bird" not in html(late) and "once you have answered" in html(late)
    answer(late, "My own view")
    assert "Early bird" in html(late) or "new answer" in " ".join(b.label for b in late.button)


def test_a_student_edits_and_deletes_their_own_answer():
    teacher, code, _ = open_class()
    student = join(code, q="1")
    answer(student, "First thoughts")
    assert "Your responses (1)" in [e.label for e in student.expander]
    edit_box = next(t for t in student.text_area if (t.key or "").startswith("class-edit-"))
    edit_box.input("Second thoughts")
    click(student, "Save")
    teacher.run()
    assert "Second thoughts" in html(teacher) and "First thoughts" not in html(teacher)
    click(student, "Delete it")
    teacher.run()
    assert "Second thoughts" not in html(teacher)
    assert not any("Your responses" in e.label for e in student.expander)
