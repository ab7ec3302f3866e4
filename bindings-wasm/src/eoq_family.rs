//! EOQ-family exports: backorders, production, discounts, joint replenishment, supply risk.

use flowcast_inventory::eoq::{
    JointReplenishment, QuantityDiscounts, eoq_with_backorders_batch, epq_batch,
};
use flowcast_inventory::supply::{Yield, eoq_disruptions_batch, eoq_yield_batch};
use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

use crate::convert::{
    Numbers, expect_object, number_or, numbers, object, optional, output, property, required,
};
use crate::errors::from_inventory;

/// Whether any argument is per row (results are then `Float64Array`s).
fn any_many<'a>(inputs: impl IntoIterator<Item = &'a Numbers>) -> bool {
    inputs.into_iter().any(Numbers::is_many)
}

/// EOQ with planned backorders: `{ orderQuantity, stockoutFraction, cost }`; with both
/// `orderQuantity` and `stockoutFraction`, the cost of that policy.
#[wasm_bindgen(js_name = eoqWithBackorders, unchecked_return_type = "BackorderResult")]
pub fn eoq_with_backorders(
    #[wasm_bindgen(unchecked_param_type = "BackorderOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "fixedCost",
            "holdingCost",
            "stockoutCost",
            "demandRate",
            "orderQuantity",
            "stockoutFraction",
        ],
    )?;
    let args = [
        required(&options, "fixedCost")?,
        required(&options, "holdingCost")?,
        required(&options, "stockoutCost")?,
        required(&options, "demandRate")?,
    ];
    let q = optional(&options, "orderQuantity")?;
    let x = optional(&options, "stockoutFraction")?;
    let given = q
        .as_ref()
        .zip(x.as_ref())
        .map(|(q, x)| (q.column(), x.column()));
    let [oq, ox, c] = eoq_with_backorders_batch(
        args[0].column(),
        args[1].column(),
        args[2].column(),
        args[3].column(),
        given,
    )
    .map_err(from_inventory)?;
    let many = any_many(args.iter().chain(q.iter()).chain(x.iter()));
    Ok(object(&[
        ("orderQuantity", output(&oq, many)),
        ("stockoutFraction", output(&ox, many)),
        ("cost", output(&c, many)),
    ]))
}

/// Economic production quantity: `{ orderQuantity, cost }`.
#[wasm_bindgen(js_name = economicProductionQuantity, unchecked_return_type = "EoqResult")]
pub fn economic_production_quantity(
    #[wasm_bindgen(unchecked_param_type = "EpqOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "fixedCost",
            "holdingCost",
            "demandRate",
            "productionRate",
            "orderQuantity",
        ],
    )?;
    let args = [
        required(&options, "fixedCost")?,
        required(&options, "holdingCost")?,
        required(&options, "demandRate")?,
        required(&options, "productionRate")?,
    ];
    let q = optional(&options, "orderQuantity")?;
    let [oq, c] = epq_batch(
        args[0].column(),
        args[1].column(),
        args[2].column(),
        args[3].column(),
        q.as_ref().map(Numbers::column),
    )
    .map_err(from_inventory)?;
    let many = any_many(args.iter().chain(q.iter()));
    Ok(object(&[
        ("orderQuantity", output(&oq, many)),
        ("cost", output(&c, many)),
    ]))
}

/// EOQ under a quantity-discount schedule (`kind: "allUnits" | "incremental"`):
/// `{ orderQuantity, region, cost }`.
#[wasm_bindgen(js_name = eoqWithDiscounts, unchecked_return_type = "DiscountResult")]
pub fn eoq_with_discounts(
    #[wasm_bindgen(unchecked_param_type = "DiscountOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "fixedCost",
            "holdingCostRate",
            "demandRate",
            "breakpoints",
            "unitCosts",
            "kind",
        ],
    )?;
    let schedule = QuantityDiscounts {
        fixed_cost: number_or(&options, "fixedCost", f64::NAN)?,
        holding_cost_rate: number_or(&options, "holdingCostRate", f64::NAN)?,
        demand_rate: number_or(&options, "demandRate", f64::NAN)?,
        breakpoints: required(&options, "breakpoints")?.as_slice().to_vec(),
        unit_costs: required(&options, "unitCosts")?.as_slice().to_vec(),
    };
    let kind = property(&options, "kind")
        .as_string()
        .unwrap_or_else(|| "allUnits".into());
    let o = match kind.as_str() {
        "incremental" => schedule.incremental(),
        _ => schedule.all_units(),
    }
    .map_err(from_inventory)?;
    Ok(object(&[
        ("orderQuantity", o.order_quantity.into()),
        ("region", (o.region as f64).into()),
        ("cost", o.cost.into()),
    ]))
}

/// Joint replenishment by Silver's heuristic:
/// `{ orderQuantities, baseCycleTime, orderMultiples, cost }`.
#[wasm_bindgen(js_name = jointReplenishment, unchecked_return_type = "JointResult")]
pub fn joint_replenishment(
    #[wasm_bindgen(unchecked_param_type = "JointOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "sharedFixedCost",
            "individualFixedCosts",
            "holdingCosts",
            "demandRates",
        ],
    )?;
    let list = |key: &'static str| -> Result<Vec<f64>, JsValue> {
        Ok(numbers(key, &property(&options, key))?.as_slice().to_vec())
    };
    let problem = JointReplenishment {
        shared_fixed_cost: number_or(&options, "sharedFixedCost", f64::NAN)?,
        individual_fixed_costs: list("individualFixedCosts")?,
        holding_costs: list("holdingCosts")?,
        demand_rates: list("demandRates")?,
    };
    let p = problem.silver_heuristic().map_err(from_inventory)?;
    let multiples: Vec<f64> = p.order_multiples.iter().map(|&m| m as f64).collect();
    Ok(object(&[
        (
            "orderQuantities",
            Float64Array::from(p.order_quantities.as_slice()).into(),
        ),
        ("baseCycleTime", p.base_cycle_time.into()),
        (
            "orderMultiples",
            Float64Array::from(multiples.as_slice()).into(),
        ),
        ("cost", p.cost.into()),
    ]))
}

/// EOQ with supply disruptions: `{ orderQuantity, cost }` (exact by default,
/// `approximate: true` for the closed form; with `orderQuantity`, its cost).
#[wasm_bindgen(js_name = eoqWithDisruptions, unchecked_return_type = "EoqResult")]
pub fn eoq_with_disruptions(
    #[wasm_bindgen(unchecked_param_type = "DisruptionOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "fixedCost",
            "holdingCost",
            "stockoutCost",
            "demandRate",
            "disruptionRate",
            "recoveryRate",
            "approximate",
            "orderQuantity",
        ],
    )?;
    let args = [
        required(&options, "fixedCost")?,
        required(&options, "holdingCost")?,
        required(&options, "stockoutCost")?,
        required(&options, "demandRate")?,
        required(&options, "disruptionRate")?,
        required(&options, "recoveryRate")?,
    ];
    let approximate = property(&options, "approximate").as_bool().unwrap_or(false);
    let q = optional(&options, "orderQuantity")?;
    let columns = [0, 1, 2, 3, 4, 5].map(|i| args[i].column());
    let [oq, c] = eoq_disruptions_batch(columns, q.as_ref().map(Numbers::column), approximate)
        .map_err(from_inventory)?;
    let many = any_many(args.iter().chain(q.iter()));
    Ok(object(&[
        ("orderQuantity", output(&oq, many)),
        ("cost", output(&c, many)),
    ]))
}

/// EOQ with random yield (`kind: "additive" | "multiplicative"`, default multiplicative):
/// `{ orderQuantity, cost }`.
#[wasm_bindgen(js_name = eoqWithYieldUncertainty, unchecked_return_type = "EoqResult")]
pub fn eoq_with_yield_uncertainty(
    #[wasm_bindgen(unchecked_param_type = "YieldOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "fixedCost",
            "holdingCost",
            "demandRate",
            "yieldMean",
            "yieldSd",
            "kind",
            "orderQuantity",
        ],
    )?;
    let args = [
        required(&options, "fixedCost")?,
        required(&options, "holdingCost")?,
        required(&options, "demandRate")?,
        required(&options, "yieldMean")?,
        required(&options, "yieldSd")?,
    ];
    let kind = match property(&options, "kind").as_string().as_deref() {
        Some("additive") => Yield::Additive,
        _ => Yield::Multiplicative,
    };
    let q = optional(&options, "orderQuantity")?;
    let [oq, c] = eoq_yield_batch(
        kind,
        args[0].column(),
        args[1].column(),
        args[2].column(),
        args[3].column(),
        args[4].column(),
        q.as_ref().map(Numbers::column),
    )
    .map_err(from_inventory)?;
    let many = any_many(args.iter().chain(q.iter()));
    Ok(object(&[
        ("orderQuantity", output(&oq, many)),
        ("cost", output(&c, many)),
    ]))
}
