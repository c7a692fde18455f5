import io

import pytest

from workcalendar import demo
from workcalendar.checks import estimate_table_horizon
from workcalendar.models import CalendarYear
from workcalendar.statutory import LAST_ESTIMATE_YEAR

pytestmark = pytest.mark.django_db


def test_demo_adds_2027_unconfirmed_once():
    ctx = {"stdout": io.StringIO()}
    demo.load(ctx)
    demo.load(ctx)
    year = CalendarYear.objects.get(year=2027)
    assert not year.confirmed
    assert ctx["stdout"].getvalue().count("2027") == 1


def test_demo_refuses_without_the_seed():
    CalendarYear.objects.filter(year=2025).update(confirmed=False)
    with pytest.raises(RuntimeError, match="migrate"):
        demo.load({})


def test_system_check_warns_before_the_estimate_table_runs_out(time_machine):
    time_machine.move_to(f"{LAST_ESTIMATE_YEAR - 1}-06-01")
    assert estimate_table_horizon(None) == []
    time_machine.move_to(f"{LAST_ESTIMATE_YEAR}-06-01")
    assert [m.id for m in estimate_table_horizon(None)] == ["workcalendar.W001"]
