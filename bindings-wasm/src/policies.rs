//! (r, Q) and (s, S) exports.

use flowcast_core::Column;
use flowcast_inventory::rq::{
    RqMethod, optimal_r_for_q_batch, rq_batch, rq_cost_batch, rq_poisson_batch,
};
use flowcast_inventory::ss::{PeriodicReview, power_approximation_batch, ss_poisson_batch};
use wasm_bindgen::prelude::*;

use crate::convert::{
    Numbers, ONE_THREAD, expect_object, object, optional, output, property, required, wrong_type,
};
use crate::errors::from_inventory;

/// Required numeric options in order, and whether any is per row.
fn inputs<const N: usize>(
    options: &JsValue,
    keys: [&'static str; N],
) -> Result<(Vec<Numbers>, bool), JsValue> {
    let values = keys
        .iter()
        .map(|k| required(options, k))
        .collect::<Result<Vec<_>, _>>()?;
    let many = values.iter().any(Numbers::is_many);
    Ok((values, many))
}

fn cols<const N: usize>(values: &[Numbers]) -> [Column<'_>; N] {
    std::array::from_fn(|i| values[i].column())
}

const RQ_KEYS: [&str; 6] = [
    "holdingCost",
    "stockoutCost",
    "fixedCost",
    "demandMean",
    "demandSd",
    "leadTime",
];

/// An (r, Q) policy for normal lead-time demand by a heuristic (`method`: `"loss_function"`
/// (default), `"eil"`, `"eoqb"`, `"eoqss"`): `{ reorderPoint, orderQuantity, cost }`.
#[wasm_bindgen(unchecked_return_type = "RqResult")]
pub fn rq(
    #[wasm_bindgen(unchecked_param_type = "RqOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let mut allowed = RQ_KEYS.to_vec();
    allowed.push("method");
    expect_object(&options, &allowed)?;
    let method = property(&options, "method");
    let method = match method.as_string() {
        Some(name) => RqMethod::from_name(&name).map_err(from_inventory)?,
        None if method.is_undefined() => RqMethod::LossFunction,
        None => return Err(wrong_type("method", &method, "must be a string")),
    };
    let (values, many) = inputs(&options, RQ_KEYS)?;
    let [r, q, c] = rq_batch(method, cols(&values), ONE_THREAD).map_err(from_inventory)?;
    Ok(object(&[
        ("reorderPoint", output(&r, many)),
        ("orderQuantity", output(&q, many)),
        ("cost", output(&c, many)),
    ]))
}

/// A one-output kernel over the required numeric `keys`, in order.
fn single<const N: usize>(
    options: &JsValue,
    keys: [&'static str; N],
    kernel: fn([Column<'_>; N]) -> flowcast_inventory::Result<Vec<f64>>,
) -> Result<JsValue, JsValue> {
    expect_object(options, &keys)?;
    let (values, many) = inputs(options, keys)?;
    let out = kernel(cols(&values)).map_err(from_inventory)?;
    Ok(output(&out, many))
}

/// The exact expected cost per unit time of (r, Q) with normal lead-time demand.
#[wasm_bindgen(js_name = rqCost, unchecked_return_type = "number | Float64Array")]
pub fn rq_cost(
    #[wasm_bindgen(unchecked_param_type = "RqCostOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let keys = [
        "reorderPoint",
        "orderQuantity",
        RQ_KEYS[0],
        RQ_KEYS[1],
        RQ_KEYS[2],
        RQ_KEYS[3],
        RQ_KEYS[4],
        RQ_KEYS[5],
    ];
    single(&options, keys, rq_cost_batch)
}

/// The reorder point that minimises the (r, Q) cost for a given order quantity.
#[wasm_bindgen(js_name = rqOptimalReorderPoint, unchecked_return_type = "number | Float64Array")]
pub fn rq_optimal_reorder_point(
    #[wasm_bindgen(unchecked_param_type = "RqReorderPointOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let keys = [
        "orderQuantity",
        "holdingCost",
        "stockoutCost",
        "demandMean",
        "demandSd",
        "leadTime",
    ];
    single(&options, keys, optimal_r_for_q_batch)
}

/// The optimal integer (r, Q) with Poisson demand, or the cost of a given policy.
#[wasm_bindgen(js_name = rqPoisson, unchecked_return_type = "RqResult")]
pub fn rq_poisson(
    #[wasm_bindgen(unchecked_param_type = "RqPoissonOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let keys = [
        "holdingCost",
        "stockoutCost",
        "fixedCost",
        "demandMean",
        "leadTime",
    ];
    let mut allowed = keys.to_vec();
    allowed.extend(["reorderPoint", "orderQuantity"]);
    expect_object(&options, &allowed)?;
    policy_or_cost(&options, keys, ["reorderPoint", "orderQuantity"], |c, g| {
        rq_poisson_batch(c, g, ONE_THREAD)
    })
}

/// A batch kernel of two-level policies: inputs and given levels to `[level, level, cost]`.
type PolicyKernel<const N: usize> = for<'a> fn(
    [Column<'a>; N],
    Option<(Column<'a>, Column<'a>)>,
) -> flowcast_inventory::Result<[Vec<f64>; 3]>;

/// The kernel's optimal two-level policy per row, or the cost of the given `levels`:
/// `{ levels[0], levels[1], cost }`.
fn policy_or_cost<const N: usize>(
    options: &JsValue,
    keys: [&'static str; N],
    levels: [&'static str; 2],
    kernel: PolicyKernel<N>,
) -> Result<JsValue, JsValue> {
    let (values, mut many) = inputs(options, keys)?;
    let given = given_pair(options, levels)?;
    many |= given.iter().any(|(a, b)| a.is_many() || b.is_many());
    let given = given.as_ref().map(|(a, b)| (a.column(), b.column()));
    let [a, b, c] = kernel(cols(&values), given).map_err(from_inventory)?;
    Ok(object(&[
        (levels[0], output(&a, many)),
        (levels[1], output(&b, many)),
        ("cost", output(&c, many)),
    ]))
}

/// Both or neither of a given policy's two levels.
fn given_pair(
    options: &JsValue,
    keys: [&'static str; 2],
) -> Result<Option<(Numbers, Numbers)>, JsValue> {
    match (optional(options, keys[0])?, optional(options, keys[1])?) {
        (Some(a), Some(b)) => Ok(Some((a, b))),
        (None, None) => Ok(None),
        (Some(_), None) => Err(wrong_type(
            keys[1],
            &JsValue::UNDEFINED,
            "must be given with the other level",
        )),
        (None, Some(_)) => Err(wrong_type(
            keys[0],
            &JsValue::UNDEFINED,
            "must be given with the other level",
        )),
    }
}

/// The optimal periodic-review (s, S) (Zheng & Federgruen) for Poisson demand (`demandMean`)
/// or a `pmf`, or the cost of a given policy: `{ reorderPoint, orderUpToLevel, cost }`.
#[wasm_bindgen(js_name = ssPolicy, unchecked_return_type = "SsResult")]
pub fn ss_policy(
    #[wasm_bindgen(unchecked_param_type = "SsOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "holdingCost",
            "stockoutCost",
            "fixedCost",
            "demandMean",
            "pmf",
            "reorderPoint",
            "orderUpToLevel",
        ],
    )?;
    let levels = ["reorderPoint", "orderUpToLevel"];
    let pmf = property(&options, "pmf");
    if !pmf.is_undefined() {
        return ss_for_pmf(&options, &pmf, levels);
    }
    let keys = ["holdingCost", "stockoutCost", "fixedCost", "demandMean"];
    policy_or_cost(&options, keys, levels, |c, g| {
        ss_poisson_batch(c, g, ONE_THREAD)
    })
}

/// One (s, S) problem with demand given as a pmf: every option is a plain number.
fn ss_for_pmf(
    options: &JsValue,
    pmf: &JsValue,
    levels: [&'static str; 2],
) -> Result<JsValue, JsValue> {
    if !property(options, "demandMean").is_undefined() {
        return Err(wrong_type(
            "options",
            options,
            "takes demandMean (Poisson) or pmf, not both",
        ));
    }
    let scalar = |key: &'static str| {
        let value = property(options, key);
        value
            .as_f64()
            .ok_or_else(|| wrong_type(key, &value, "must be a number with a pmf"))
    };
    let m = PeriodicReview {
        holding_cost: scalar("holdingCost")?,
        stockout_cost: scalar("stockoutCost")?,
        fixed_cost: scalar("fixedCost")?,
        demand: crate::convert::pmf(pmf)?,
    };
    let (s, big_s, cost) = match given_pair(options, levels)? {
        Some(_) => {
            let (s, big_s) = (scalar(levels[0])?, scalar(levels[1])?);
            (s, big_s, m.cost(s, big_s).map_err(from_inventory)?)
        }
        None => {
            let p = m.optimal().map_err(from_inventory)?;
            (p.reorder_point, p.order_up_to_level, p.cost)
        }
    };
    Ok(object(&[
        ("reorderPoint", s.into()),
        ("orderUpToLevel", big_s.into()),
        ("cost", cost.into()),
    ]))
}

/// (s, S) by the power approximation: `{ reorderPoint, orderUpToLevel }`.
#[wasm_bindgen(js_name = ssPowerApproximation, unchecked_return_type = "SsApproximation")]
pub fn ss_power_approximation(
    #[wasm_bindgen(unchecked_param_type = "SsPowerOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let keys = [
        "holdingCost",
        "stockoutCost",
        "fixedCost",
        "demandMean",
        "demandSd",
    ];
    expect_object(&options, &keys)?;
    let (values, many) = inputs(&options, keys)?;
    let [s, big_s] = power_approximation_batch(cols(&values)).map_err(from_inventory)?;
    Ok(object(&[
        ("reorderPoint", output(&s, many)),
        ("orderUpToLevel", output(&big_s, many)),
    ]))
}
