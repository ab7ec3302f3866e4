"""flowcast.expiry: mean kinetic temperature in every input form, and bad input."""

import numpy as np
import pandas as pd
import polars as pl
import pytest

import flowcast
import flowcast.expiry as ex


def test_one_record_gives_a_float():
    assert ex.mean_kinetic_temperature([25.0] * 12) == pytest.approx(25.0, abs=1e-12)
    assert isinstance(ex.mean_kinetic_temperature(np.array([20.0, 30.0])), float)
    assert ex.mean_kinetic_temperature(pd.Series([20.0, 30.0])) == pytest.approx(26.259886916003, abs=1e-9)
    assert ex.mean_kinetic_temperature(pl.Series([20.0, 30.0])) == pytest.approx(26.259886916003, abs=1e-9)


def test_two_dimensional_input_gives_one_mkt_per_row():
    temps = np.array([[5.0, 5.0, 5.0], [20.0, 30.0, 25.0]])
    out = ex.mean_kinetic_temperature(temps)
    assert out.shape == (2,)
    assert out[0] == pytest.approx(5.0, abs=1e-12)
    assert out[1] == pytest.approx(ex.mean_kinetic_temperature(temps[1]), abs=1e-12)
    # One weight per column, shared by every row.
    w = ex.mean_kinetic_temperature(temps, weights=[1.0, 1.0, 0.0])
    assert w[1] == pytest.approx(ex.mean_kinetic_temperature([20.0, 30.0]), abs=1e-12)


def test_constants_change_the_answer_as_expected():
    t = [5.0] * 20 + [15.0, 20.0, 18.0, 9.0]
    assert ex.mean_kinetic_temperature(t, delta_h=60.0) == pytest.approx(7.722324682664, abs=1e-6)
    assert ex.mean_kinetic_temperature(t, delta_h=100.0) == pytest.approx(8.703954014904, abs=1e-6)


def test_grouped_frames_in_both_libraries():
    data = {"lot": ["b", "a", "b", "a"], "t": [20.0, 5.0, 30.0, 5.0], "h": [1.0, 2.0, 1.0, 2.0]}
    for frame in (pd.DataFrame(data), pl.DataFrame(data)):
        out = ex.mean_kinetic_temperature_by(frame, by="lot", temps="t", weights="h")
        assert type(out).__module__.split(".")[0] == type(frame).__module__.split(".")[0]
        assert list(out["lot"]) == ["a", "b"]
        assert list(out["mkt_c"])[1] == pytest.approx(26.259886916003, abs=1e-9)


def test_errors_point_at_the_callers_row():
    with pytest.raises(flowcast.ValidationError) as info:
        ex.mean_kinetic_temperature(np.array([[5.0, 6.0], [7.0, np.nan]]))
    assert info.value.field == "temps_c[1, 1]"
    frame = pd.DataFrame({"lot": ["b", "a", "b"], "t": [5.0, 6.0, float("nan")], "h": [1.0, -1.0, 1.0]})
    with pytest.raises(flowcast.ValidationError) as info:
        ex.mean_kinetic_temperature_by(frame, by="lot", temps="t")
    assert info.value.field == "t[2]"
    with pytest.raises(flowcast.ValidationError) as info:
        ex.mean_kinetic_temperature_by(frame.fillna(5.0), by="lot", temps="t", weights="h")
    assert info.value.field == "h[1]"


def test_zero_weight_readings_do_not_count():
    assert ex.mean_kinetic_temperature([5.0, 5.0, 500.0], weights=[1, 1, 0], delta_h=83144) == pytest.approx(5.0)


BAD = [
    (lambda: ex.mean_kinetic_temperature([]), "empty", "temps_c"),
    (lambda: ex.mean_kinetic_temperature([5.0, float("nan")]), "not_finite", "temps_c[1]"),
    (lambda: ex.mean_kinetic_temperature([5.0, -273.15]), "out_of_range", "temps_c[1]"),
    (lambda: ex.mean_kinetic_temperature([5.0, 6.0], weights=[1.0, -1.0]), "negative", "weights[1]"),
    (lambda: ex.mean_kinetic_temperature([5.0, 6.0], weights=[0.0, 0.0]), "not_positive", "weights"),
    (lambda: ex.mean_kinetic_temperature([5.0, 6.0], weights=[1.0, 2.0, 3.0]), "length_mismatch", "weights"),
    (lambda: ex.mean_kinetic_temperature([5.0], delta_h=-1), "not_positive", "delta_h"),
    (lambda: ex.mean_kinetic_temperature(np.zeros((2, 2, 2))), "wrong_type", "temps_c"),
    (lambda: ex.mean_kinetic_temperature(["warm"]), "wrong_type", "temps_c"),
    (lambda: ex.mean_kinetic_temperature_by(pd.DataFrame({"lot": [1]}), by="lot"), "wrong_type", "temp_c"),
]


@pytest.mark.parametrize("call,code,field", BAD)
def test_bad_input_is_a_validation_error(call, code, field):
    with pytest.raises(flowcast.ValidationError) as info:
        call()
    assert info.value.code == code and info.value.field == field
