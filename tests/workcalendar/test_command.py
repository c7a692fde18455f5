"""`manage.py workdays`: the answer on stdout's first line, a Chinese warning on
stderr when unconfirmed, a Chinese error and a non-zero exit for bad input."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from workcalendar.management.commands.workdays import Command
from workcalendar.models import CalendarYear

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("workdays", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_add_prints_the_date_on_the_first_line():
    out, err = run("add", "2026-09-18", "20")
    assert out.splitlines()[0] == "2026-10-22"
    assert err == ""


def test_between_prints_the_count():
    out, err = run("between", "2026-09-18", "2026-10-22")
    assert out.splitlines()[0] == "20"
    assert err == ""


def test_unconfirmed_year_warns_on_stderr():
    out, err = run("add", "2026-12-30", "3")
    assert out.splitlines()[0] == "2027-01-05"
    assert "警告" in err and "2027年" in err and "未确认" in err
    out, err = run("between", "2026-12-28", "2027-01-04")
    assert out.splitlines()[0] == "4"
    assert "2027年" in err


def test_year_left_unconfirmed_warns_too():
    CalendarYear.objects.filter(year=2026).update(confirmed=False)
    out, err = run("add", "2026-09-18", "20")
    assert out.splitlines()[0] == "2026-10-22"
    assert "2026年" in err and "2027" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "2026-13-01", "3"], "不是有效日期"),
        (["add", "昨天", "3"], "不是有效日期"),
        (["add", "2026-09-18", "-5"], "不能为负数"),
        (["add", "2026-09-18", "二十"], "不是整数"),
        (["add", "2026-09-18"], "请填写工作日数"),
        (["add"], "请填写日期"),
        (["between", "2026-09-18", "2026/10/22"], "不是有效日期"),
        ([], "请指定操作"),
    ],
)
def test_bad_input_is_refused_in_chinese(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_bad_input_exits_non_zero_with_the_message_on_stderr(monkeypatch, capsys):
    # run_from_argv closes the connections when done: keep the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exc:
        Command().run_from_argv(["manage.py", "workdays", "add", "2026-09-18", "-5"])
    assert exc.value.code != 0
    captured = capsys.readouterr()
    assert "工作日数不能为负数" in captured.err
    assert captured.out == ""


def test_success_from_the_command_line(monkeypatch, capsys):
    monkeypatch.setattr(connections, "close_all", lambda: None)
    Command().run_from_argv(["manage.py", "workdays", "add", "2026-09-18", "20"])
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "2026-10-22"
    assert captured.err == ""
