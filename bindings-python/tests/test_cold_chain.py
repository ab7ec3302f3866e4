"""flowcast.expiry beyond MKT: every cold-chain and FEFO reference case, excursions batch and
streaming, rolling and bucketed MKT, waste projection and the donation plan, and bad input."""

import itertools
import math
import pickle

import numpy as np
import pandas as pd
import polars as pl
import pytest

import flowcast
import flowcast.expiry as ex


def _kj(case):
    return {"delta_h": case["Ea_J_per_mol"] / 1000.0, "gas_constant": case["R"] / 1000.0}


def test_every_arrhenius_and_q10_case(load_shared):
    data = load_shared("coldchain/mkt_vectors.json")
    assert len(data["arrhenius"]) == 17 and len(data["q10"]) == 14
    for case in data["arrhenius"]:
        exp, rel = case["expected"], case["tol_rel"]
        if "acceleration_factor" in exp:
            got = ex.acceleration_factor(case["T_c"], case["T_ref_c"], **_kj(case))
            assert got == pytest.approx(exp["acceleration_factor"], rel=rel), case["id"]
        else:
            got = ex.shelf_life_consumed(
                case["profile_temps_c"], case["profile_hours"], case["T_ref_c"], case["shelf_life_ref_h"], **_kj(case)
            )
            assert got["equivalent_at_ref"] == pytest.approx(exp["equivalent_hours_at_ref"], rel=rel)
            assert got["fraction_consumed"] == pytest.approx(exp["fraction_consumed"], rel=rel)
            assert got["remaining_at_ref"] == pytest.approx(exp["remaining_h_at_ref"], rel=rel)
    for case in data["q10"]:
        exp, rel = case["expected"], case["tol_rel"]
        if "rate_ratio" in exp:
            got = ex.acceleration_factor(case["T_c"], case["T_ref_c"], q10=case["Q10"])
            assert got == pytest.approx(exp["rate_ratio"], rel=rel), case["id"]
        else:
            assert ex.q10_from_arrhenius(case["T_ref_c"], **_kj(case)) == pytest.approx(exp["Q10"], rel=rel)


def test_every_excursion_case(load_shared):
    cases = load_shared("coldchain/mkt_vectors.json")["excursion"]
    assert len(cases) == 2
    for case in cases:
        budgets = []
        if "stability_budget" in case:
            b = case["stability_budget"]
            budgets = [{"band": b["band_c"], "minutes": b["budget_min"]}]
        r = ex.analyze_excursions(case["timestamps_min"], case["temps_c"], range=case["range_c"], budgets=budgets)
        exp = case["expected"]
        for key in ("minutes_above", "minutes_below", "minutes_out_of_range", "event_count", "longest_event_min"):
            assert r[key] == pytest.approx(exp[key], abs=1e-9), (case["id"], key)
        got = [(e["kind"], e["start_min"], e["duration_min"], e["peak_c"]) for e in r["events"]]
        assert got == [(e["kind"], e["start_min"], e["duration_min"], e["peak_c"]) for e in exp["events"]]
        assert (r["budgets"][0]["used_minutes"] if budgets else 0.0) == pytest.approx(exp["band_minutes"])
        if budgets:
            assert r["budgets"][0]["remaining_minutes"] == case["stability_budget"]["expected_remaining_min"]
        if "mkt_c" in case:
            assert r["mkt_c"] == pytest.approx(case["mkt_c"], abs=1e-6)


def test_every_fefo_case(load_shared):
    cases = load_shared("inventory/perishable_vectors_dev.json")["fefo"]
    assert len(cases) == 13
    for case in cases:
        got = ex.fefo_allocate(**case["inputs"])
        assert got == case["expected"], case["id"]


def test_fefo_takes_frames_and_dates():
    import datetime as dt

    frame = pd.DataFrame({"lot": ["A", "B"], "expiry_day": pd.to_datetime(["2027-01-10", "2027-01-05"]), "qty": [5, 5]})
    got = ex.fefo_allocate(frame, qty=7, ship_day=dt.date(2027, 1, 1), min_remaining_days=3)
    assert got["picks"] == [{"lot": "B", "qty": 5}, {"lot": "A", "qty": 2}]
    assert (
        ex.fefo_allocate(
            pl.DataFrame({"lot": ["A", "B"], "expiry_day": [dt.date(2027, 1, 10), dt.date(2027, 1, 5)], "qty": [5, 5]}),
            qty=7,
            ship_day=dt.date(2027, 1, 4),
            min_remaining_days=3,
        )["shortfall"]
        == 2
    )


def test_fefo_reasons_and_bad_lots():
    lots = [{"lot": "old", "expiry_day": 8, "qty": 4}, {"lot": "short", "expiry_day": 12, "qty": 4}]
    got = ex.fefo_allocate(lots, qty=5, ship_day=10, min_remaining_days=3, reasons=True)
    assert got["reasons"] == {
        "old": {"code": "expired", "days_left": -2},
        "short": {"code": "short_shelf_life", "days_left": 2, "required": 3},
    }
    with pytest.raises(flowcast.ValidationError) as e:
        ex.fefo_allocate(lots + [{"lot": "old", "expiry_day": 9, "qty": 1}], qty=1, ship_day=0)
    assert e.value.code == "duplicate" and e.value.field == "lots[2].id"
    with pytest.raises(flowcast.ValidationError, match=r"lots\[0\].qty = -1"):
        ex.fefo_allocate([{"lot": "a", "expiry_day": 9, "qty": -1}], qty=1, ship_day=0)


def test_streaming_equals_batch_and_survives_pickling():
    rng = np.random.default_rng(3)
    t = np.cumsum(rng.integers(1, 20, 500)).astype(float)
    v = 5 + 3 * rng.standard_normal(500)
    rules = {"min_duration": 10, "max_gap": 15, "budgets": [("(8, 25]", 300)]}
    batch = ex.analyze_excursions(t, v, **rules)
    tracker = ex.ExcursionTracker(**rules)
    for ti, vi in zip(t[:200], v[:200]):
        tracker.push(ti, vi)
    tracker = pickle.loads(pickle.dumps(tracker))
    tracker = ex.ExcursionTracker.from_state(tracker.state())
    tracker.extend(t[200:], v[200:])
    assert tracker.report() == batch
    assert tracker.readings == 500


def test_datetimes_and_verdicts():
    times = pd.date_range("2026-01-01", periods=5, freq="10min")
    r = ex.analyze_excursions(times, [22, 28, 22, 22, 22], "controlled_room")
    assert r["events"][0]["start"] == np.datetime64("2026-01-01T00:10")
    assert r["events"][0]["band"] == "allowed"
    assert r["verdict"]["status"] in ("acceptable", "reject")
    r = ex.analyze_excursions([0, 60, 120], [5, 5, 5], "controlled_cold")
    assert r["verdict"]["status"] == "in_range"


def test_frames_by_logger_in_both_libraries():
    data = {"logger": ["b", "a", "b", "a"], "time": [10, 0, 0, 10], "temp_c": [5.0, 9.0, 4.0, 5.0]}
    for frame in (pd.DataFrame(data), pl.DataFrame(data)):
        out = ex.analyze_excursions_by(frame, by="logger")
        rows = out.to_dict("records") if isinstance(out, pd.DataFrame) else out.to_dicts()
        assert [r["status"] for r in rows] == ["reject", "in_range"]


def test_bad_logs_raise_typed_errors():
    cases = [
        (lambda: ex.analyze_excursions([0, 1, 1], [5, 5, 5]), "not_increasing", "timestamps[2]"),
        (lambda: ex.analyze_excursions([0, 2, 1], [5, 5, 5]), "not_increasing", "timestamps[2]"),
        (lambda: ex.analyze_excursions([0, 1], [5, float("nan")]), "not_finite", "temps_c[1]"),
        (lambda: ex.analyze_excursions([0, 1], [5, -300]), "out_of_range", "temps_c[1]"),
        (lambda: ex.analyze_excursions([0, 1], [5]), "length_mismatch", "timestamps"),
        (lambda: ex.analyze_excursions([0, 1], [5, 5], "tropical"), "wrong_type", "product"),
        (lambda: ex.analyze_excursions([0, 1], [5, 5], budgets=[("8-25", 10)]), "wrong_type", "rules"),
        (lambda: ex.analyze_excursions([0, 1], [5, 5], allowed=(3, 15)), "out_of_range", "allowed"),
        (lambda: ex.ExcursionTracker().push(0, float("nan")), "not_finite", "temps_c[0]"),
    ]
    for call, code, field in cases:
        with pytest.raises(flowcast.ValidationError) as e:
            call()
        assert (e.value.code, e.value.field) == (code, field), e.value


def test_rolling_and_bucketed_mkt_agree_with_direct_mkt():
    rng = np.random.default_rng(1)
    temps = 5 + 2 * rng.standard_normal(200)
    rolled = ex.rolling_mean_kinetic_temperature(temps, window=24)
    assert len(rolled) == 177
    for i in (0, 50, 176):
        assert rolled[i] == pytest.approx(ex.mean_kinetic_temperature(temps[i : i + 24]), abs=1e-9)
    hourly = ex.kinetic_sums(temps.reshape(10, 20))
    assert hourly["weight"].shape == (10,)
    assert ex.combine_kinetic_sums(**hourly) == pytest.approx(ex.mean_kinetic_temperature(temps), abs=1e-9)
    with pytest.raises(flowcast.ValidationError):
        ex.rolling_mean_kinetic_temperature(temps, window=0)


def test_waste_projection_and_plan():
    lots = pd.DataFrame({"lot": ["a", "b"], "qty": [10, 20], "days_to_expiry": [2, 5], "unit_value": [1.5, 1.5]})
    proj = ex.project_waste(lots, demand_per_day=4)
    assert [(p["lot"], p["unsold"], p["fate"]) for p in proj] == [("a", 2.0, "expires"), ("b", 8.0, "expires")]
    assert ex.project_waste(lots, demand_per_day=[10, 10, 10])[1]["fate"] == "sold_out"
    plan = ex.plan_waste(
        lots=[
            {"id": "a", "site": "S1", "at_risk": 5, "days_to_expiry": 3},
            {"id": "b", "site": "S1", "at_risk": 4, "days_to_expiry": 1},
        ],
        destinations=[
            {"id": "S2", "kind": "transfer", "capacity": 3, "value_per_unit": 2.0, "transit_days": 1},
            {"id": "bank", "kind": "donation", "capacity": math.inf, "value_per_unit": 0.2, "max_km": 30},
        ],
        markdowns=[{"id": "md", "site": "S1", "capacity": 2, "value_per_unit": 1.0}],
        legs=[("S1", "S2", 10.0), ("S1", "bank", 5.0)],
    )
    assert plan["integral"] and plan["totals"]["units_wasted"] == 0
    sent = {}
    for a in plan["assignments"]:
        sent[a["lot_id"]] = sent.get(a["lot_id"], 0) + a["units"]
    assert sent == {"a": 5, "b": 4}
    # Lot b (1 day left) cannot reach S2 with a day in transit and a day to spare.
    assert any(x["reason"]["code"] == "shelf_life" for x in plan["excluded"])
    with pytest.raises(flowcast.ValidationError) as e:
        ex.plan_waste(lots=[{"id": "a", "site": "S1", "at_risk": -1, "days_to_expiry": 3}])
    assert e.value.field == "lots[0].at_risk"


def test_plan_is_optimal_by_brute_force_on_tiny_cases():
    rng = np.random.default_rng(7)
    for _ in range(20):
        at_risk = rng.integers(0, 3, 2)
        caps = rng.integers(0, 3, 2)
        values = rng.uniform(0, 3, 2)
        lots = [{"id": f"l{i}", "site": "S", "at_risk": int(q), "days_to_expiry": 5} for i, q in enumerate(at_risk)]
        dests = [
            {"id": f"d{j}", "kind": "donation", "capacity": int(c), "value_per_unit": float(v)}
            for j, (c, v) in enumerate(zip(caps, values))
        ]
        plan = ex.plan_waste(lots, dests, legs=[("S", "d0", 1.0), ("S", "d1", 1.0)])
        best = 0.0
        for x in itertools.product(*[range(int(min(q, c)) + 1) for q in at_risk for c in caps]):
            x00, x01, x10, x11 = x
            if x00 + x01 > at_risk[0] or x10 + x11 > at_risk[1] or x00 + x10 > caps[0] or x01 + x11 > caps[1]:
                continue
            best = max(best, (x00 + x10) * values[0] + (x01 + x11) * values[1])
        assert plan["totals"]["objective"] == pytest.approx(best, abs=1e-9)
