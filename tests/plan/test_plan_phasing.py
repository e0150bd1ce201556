"""Cost phasing: each cost line says when it falls (one-off, monthly, spread, per month).

Regression of issue #10: one-off costs (a template, a shoot) were spread pro rata over the
action's months, which produced a false critical alert on the example (emailing +51 %) and a
false "81 % consumed for 51 % of the time" pacing alert.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from plan.budget import phase_cost, phasing_text
from plan.model import CostLine, Phasing

FEB, SEP = dt.date(2027, 2, 1), dt.date(2027, 9, 30)


def _line(**kw) -> CostLine:
    base = {"component": "creative", "label": "Gabarits", "unit_cost": 1500, "source": "internal"}
    return CostLine.model_validate({**base, **kw})


def test_one_off_falls_in_the_month_of_its_date_even_before_the_action():
    # the template is invoiced on 22 January; the e-mailing action runs February → September
    out = phase_cost(FEB, SEP, 1500.0, Phasing.model_validate({"one-off": "2027-01-22"}))
    assert out == {dt.date(2027, 1, 1): 1500.0}
    # without a date: the action's first day
    assert phase_cost(FEB, SEP, 1500.0, "one-off") == {FEB: 1500.0}


def test_monthly_is_the_same_amount_each_calendar_month():
    # Brevo licence 8 × 65 € over February → September: 65 € each month, whatever the days
    out = phase_cost(FEB, SEP, 520.0, "monthly")
    assert len(out) == 8 and all(v == pytest.approx(65.0) for v in out.values())
    # spread by days would give February 28/242 of the amount, not 1/8
    assert phase_cost(FEB, SEP, 520.0, "spread")[FEB] == pytest.approx(520 * 28 / 242)


def test_per_month_amounts_and_their_sum_checked():
    line = _line(quantity=3, unit_cost=350, phasing={"months": {"2027-02": 350, "2027-04": 700}})
    assert phase_cost(FEB, SEP, line.amount, line.phasing) == {dt.date(2027, 2, 1): 350.0, dt.date(2027, 4, 1): 700.0}
    with pytest.raises(ValidationError, match="sum to 900"):
        _line(quantity=3, unit_cost=350, phasing={"months": {"2027-02": 350, "2027-04": 550}})
    with pytest.raises(ValidationError, match="YYYY-MM"):
        _line(phasing={"months": {"février": 1500}})


def test_workbook_spelling_round_trips():
    for text in ("spread", "monthly", "end", "one-off 2027-01-22", "2027-02=350; 2027-04=700"):
        assert phasing_text(Phasing.model_validate(text)) == text
    with pytest.raises(ValidationError, match="unknown phasing"):
        Phasing.model_validate("sometimes")


def test_former_timing_field_still_read():
    assert _line(timing="start").phasing.kind == "one-off"
    assert _line(timing="end").phasing.kind == "end"
    assert _line().phasing.kind == "spread"


def test_example_emailing_phased_budget_to_date_matches_its_invoices(example_case):
    """Example case, report date 30/06/2027: e-mailing planned to date = 1 500 € template
    (one-off, January) + 5 × 65 € Brevo (February → June) = 1 825 €; actual 1 890 €
    (template + 6 newsletters from January) → +3,6 %, inside the ±10 % rule — no alert
    (it was +51 %, critical, with the template spread over eight months)."""
    from pilotage.commands import import_exports
    from pilotage.compute.bilan import analyse
    from toolkit.case import load_case

    case = load_case(example_case)
    import_exports(case, case.config.data.actuals)
    a = analyse(case)
    row = a.variance.by_action.set_index("action_id").loc["A10"]
    assert row["budget_to_date"] == pytest.approx(1825.0)
    assert row["actual"] == pytest.approx(1890.0)
    assert row["variance_pct"] == pytest.approx(65 / 1825)
    assert not row["exception"]
    # the mission as a whole: spend is close to the phased budget, no "ahead of time" alert
    assert a.variance.ytd.pacing == pytest.approx(a.variance.ytd.actual / a.variance.ytd.budget_to_date)
    assert a.variance.ytd.pacing < 1.10
