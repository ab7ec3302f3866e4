//! Newsvendor exports: any demand distribution, the explicit form, myopic, supply risk.

use flowcast_core::{Column, ErrorCode, ValidationError};
use flowcast_inventory::Newsvendor;
use flowcast_inventory::loss::Family;
use flowcast_inventory::newsvendor::{
    NormalNewsvendors, Side, myopic_batch, myopic_level_at_cost_batch, newsvendor_batch,
    newsvendor_explicit_batch,
};
use flowcast_inventory::supply::{newsvendor_disruptions_batch, newsvendor_yield_batch};
use wasm_bindgen::prelude::*;

use crate::convert::{
    Numbers, ONE_THREAD, expect_object, number_or, object, optional, output, property, required,
};
use crate::errors::{from_inventory, invalid};

/// The demand (or yield) family named in `distribution` and its parameters read from
/// `options`; `negative_binomial` with `mean`/`sd` is fitted from moments.
pub(crate) fn family_parameters(
    options: &JsValue,
    default: &str,
) -> Result<(Family, Vec<Numbers>), JsValue> {
    let name = property(options, "distribution")
        .as_string()
        .unwrap_or_else(|| default.to_owned());
    let mut family = Family::from_name(&name).map_err(from_inventory)?;
    if family == Family::NegativeBinomial && !property(options, "mean").is_undefined() {
        family = Family::NegativeBinomialMoments;
    }
    let values = family
        .parameters()
        .iter()
        .map(|&p| required(options, p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((family, values))
}

fn result(levels: &[f64], costs: &[f64], many: bool, second: &str) -> JsValue {
    object(&[
        ("baseStockLevel", output(levels, many)),
        (second, output(costs, many)),
    ])
}

/// The newsvendor's critical-fractile order-up-to level and its expected cost:
/// `{ baseStockLevel, cost }`. Normal demand (`mean`, `sd`) by default; any family via
/// `distribution`, or `"discrete"` with `pmf`; `leadTime` for normal demand.
#[wasm_bindgen(unchecked_return_type = "NewsvendorResult")]
pub fn newsvendor(
    #[wasm_bindgen(unchecked_param_type = "NewsvendorOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let name = property(&options, "distribution")
        .as_string()
        .unwrap_or_else(|| "normal".into());
    let s = optional(&options, "baseStockLevel")?;
    if name == "discrete" {
        expect_object(
            &options,
            &[
                "holdingCost",
                "stockoutCost",
                "distribution",
                "pmf",
                "baseStockLevel",
            ],
        )?;
        let nv = Newsvendor {
            holding_cost: number_or(&options, "holdingCost", f64::NAN)?,
            stockout_cost: number_or(&options, "stockoutCost", f64::NAN)?,
            demand: crate::convert::pmf(&property(&options, "pmf"))?,
        };
        let r = match s.as_ref().and_then(|s| s.as_slice().first().copied()) {
            Some(level) => nv.cost_at(level),
            None => nv.optimal(),
        }
        .map_err(from_inventory)?;
        return Ok(result(&[r.base_stock_level], &[r.cost], false, "cost"));
    }
    let (h, p) = (
        required(&options, "holdingCost")?,
        required(&options, "stockoutCost")?,
    );
    if name == "normal" {
        expect_object(
            &options,
            &[
                "holdingCost",
                "stockoutCost",
                "distribution",
                "mean",
                "sd",
                "leadTime",
                "baseStockLevel",
            ],
        )?;
        let (mean, sd) = (required(&options, "mean")?, required(&options, "sd")?);
        let lead = optional(&options, "leadTime")?.unwrap_or(Numbers::One(0.0));
        let batch = NormalNewsvendors {
            holding_cost: h.column(),
            stockout_cost: p.column(),
            demand_mean: mean.column(),
            demand_sd: sd.column(),
            lead_time: lead.column(),
        };
        let [levels, costs] = batch
            .solve(s.as_ref().map(Numbers::column))
            .map_err(from_inventory)?;
        let many = [&h, &p, &mean, &sd, &lead].iter().any(|x| x.is_many())
            || s.as_ref().is_some_and(Numbers::is_many);
        return Ok(result(&levels, &costs, many, "cost"));
    }
    let (family, params) = family_parameters(&options, "normal")?;
    let mut allowed = vec![
        "holdingCost",
        "stockoutCost",
        "distribution",
        "baseStockLevel",
    ];
    allowed.extend(family.parameters());
    expect_object(&options, &allowed)?;
    let columns: Vec<Column<'_>> = params.iter().map(Numbers::column).collect();
    let [levels, costs] = newsvendor_batch(
        family,
        h.column(),
        p.column(),
        &columns,
        s.as_ref().map(Numbers::column),
        ONE_THREAD,
    )
    .map_err(from_inventory)?;
    let many = h.is_many()
        || p.is_many()
        || params.iter().any(Numbers::is_many)
        || s.as_ref().is_some_and(Numbers::is_many);
    Ok(result(&levels, &costs, many, "cost"))
}

/// The newsvendor in revenue, purchase cost and salvage value: `{ baseStockLevel, profit }`.
#[wasm_bindgen(js_name = newsvendorExplicit, unchecked_return_type = "NewsvendorProfit")]
pub fn newsvendor_explicit(
    #[wasm_bindgen(unchecked_param_type = "NewsvendorExplicitOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (family, params) = family_parameters(&options, "normal")?;
    let mut allowed = vec![
        "revenue",
        "purchaseCost",
        "salvageValue",
        "holdingCost",
        "stockoutCost",
        "distribution",
        "baseStockLevel",
    ];
    allowed.extend(family.parameters());
    expect_object(&options, &allowed)?;
    let costs = [
        required(&options, "revenue")?,
        required(&options, "purchaseCost")?,
        required(&options, "salvageValue")?,
        optional(&options, "holdingCost")?.unwrap_or(Numbers::One(0.0)),
        optional(&options, "stockoutCost")?.unwrap_or(Numbers::One(0.0)),
    ];
    let s = optional(&options, "baseStockLevel")?;
    let columns: Vec<Column<'_>> = params.iter().map(Numbers::column).collect();
    let cost_columns = [0, 1, 2, 3, 4].map(|i| costs[i].column());
    let [levels, profits] = newsvendor_explicit_batch(
        family,
        cost_columns,
        &columns,
        s.as_ref().map(Numbers::column),
    )
    .map_err(from_inventory)?;
    let many = costs
        .iter()
        .chain(params.iter())
        .chain(s.iter())
        .any(Numbers::is_many);
    Ok(result(&levels, &profits, many, "profit"))
}

/// The myopic base-stock level of a multi-period problem with normal demand.
#[wasm_bindgen(unchecked_return_type = "NewsvendorResult")]
pub fn myopic(
    #[wasm_bindgen(unchecked_param_type = "MyopicOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let keys = [
        "holdingCost",
        "stockoutCost",
        "purchaseCost",
        "purchaseCostNext",
        "demandMean",
        "demandSd",
        "discountFactor",
    ];
    let mut allowed = keys.to_vec();
    allowed.push("baseStockLevel");
    expect_object(&options, &allowed)?;
    let mut inputs = Vec::with_capacity(7);
    for key in &keys[..6] {
        inputs.push(required(&options, key)?);
    }
    inputs.push(optional(&options, "discountFactor")?.unwrap_or(Numbers::One(1.0)));
    let s = optional(&options, "baseStockLevel")?;
    let columns = [0, 1, 2, 3, 4, 5, 6].map(|i| inputs[i].column());
    let [levels, costs] =
        myopic_batch(columns, s.as_ref().map(Numbers::column)).map_err(from_inventory)?;
    let many = inputs.iter().chain(s.iter()).any(Numbers::is_many);
    Ok(result(&levels, &costs, many, "cost"))
}

/// The level where the myopic one-period cost equals `cost`, on the `side` (`"below"`, the
/// default, or `"above"`) of the myopic level.
#[wasm_bindgen(js_name = myopicLevelAtCost, unchecked_return_type = "number | Float64Array")]
pub fn myopic_level_at_cost(
    #[wasm_bindgen(unchecked_param_type = "MyopicLevelOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let keys = [
        "cost",
        "holdingCost",
        "stockoutCost",
        "purchaseCost",
        "purchaseCostNext",
        "demandMean",
        "demandSd",
    ];
    let mut allowed = keys.to_vec();
    allowed.extend(["discountFactor", "side"]);
    expect_object(&options, &allowed)?;
    let side = match property(&options, "side").as_string().as_deref() {
        None | Some("below") => Side::Below,
        Some("above") => Side::Above,
        Some(other) => {
            return Err(invalid(&ValidationError::new(
                ErrorCode::OutOfRange,
                "side",
                format!("{other:?}"),
                "must be below or above",
            )));
        }
    };
    let mut inputs = Vec::with_capacity(8);
    for key in keys {
        inputs.push(required(&options, key)?);
    }
    inputs.push(optional(&options, "discountFactor")?.unwrap_or(Numbers::One(1.0)));
    let columns: [Column<'_>; 8] = std::array::from_fn(|i| inputs[i].column());
    let levels = myopic_level_at_cost_batch(side, columns).map_err(from_inventory)?;
    Ok(output(&levels, inputs.iter().any(Numbers::is_many)))
}

/// The newsvendor with a supplier that fails and recovers each period.
#[wasm_bindgen(js_name = newsvendorWithDisruptions, unchecked_return_type = "NewsvendorResult")]
pub fn newsvendor_with_disruptions(
    #[wasm_bindgen(unchecked_param_type = "NewsvendorDisruptionOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let keys = [
        "holdingCost",
        "stockoutCost",
        "demand",
        "disruptionProb",
        "recoveryProb",
    ];
    let mut allowed = keys.to_vec();
    allowed.push("baseStockLevel");
    expect_object(&options, &allowed)?;
    let inputs = keys
        .iter()
        .map(|k| required(&options, k))
        .collect::<Result<Vec<_>, _>>()?;
    let s = optional(&options, "baseStockLevel")?;
    let columns = [0, 1, 2, 3, 4].map(|i| inputs[i].column());
    let [levels, costs] = newsvendor_disruptions_batch(columns, s.as_ref().map(Numbers::column))
        .map_err(from_inventory)?;
    let many = inputs.iter().chain(s.iter()).any(Numbers::is_many);
    Ok(result(&levels, &costs, many, "cost"))
}

/// The newsvendor whose order up to S yields S + Y, Y of `distribution` (normal by default).
#[wasm_bindgen(js_name = newsvendorWithYieldUncertainty, unchecked_return_type = "NewsvendorResult")]
pub fn newsvendor_with_yield_uncertainty(
    #[wasm_bindgen(unchecked_param_type = "NewsvendorYieldOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (family, params) = family_parameters(&options, "normal")?;
    let mut allowed = vec![
        "holdingCost",
        "stockoutCost",
        "demand",
        "distribution",
        "baseStockLevel",
    ];
    allowed.extend(family.parameters());
    expect_object(&options, &allowed)?;
    let inputs = [
        required(&options, "holdingCost")?,
        required(&options, "stockoutCost")?,
        required(&options, "demand")?,
    ];
    let s = optional(&options, "baseStockLevel")?;
    let columns: Vec<Column<'_>> = params.iter().map(Numbers::column).collect();
    let [levels, costs] = newsvendor_yield_batch(
        family,
        [0, 1, 2].map(|i| inputs[i].column()),
        &columns,
        s.as_ref().map(Numbers::column),
    )
    .map_err(from_inventory)?;
    let many = inputs
        .iter()
        .chain(params.iter())
        .chain(s.iter())
        .any(Numbers::is_many);
    Ok(result(&levels, &costs, many, "cost"))
}
