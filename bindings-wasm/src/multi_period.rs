//! Multi-period exports: Wagner–Whitin lot sizing and the finite-horizon programme.
//!
//! Inputs over SKUs × periods broadcast as numpy does: a number is the same everywhere, a flat
//! array (or `Float64Array`) has one value per period, an array of one-element rows one value
//! per SKU, and an array of rows one value per SKU and period.

use flowcast_core::{Column, ErrorCode, ValidationError};
use flowcast_inventory::finite_horizon::{FiniteHorizon, Truncation};
use flowcast_inventory::grid::Grid;
use flowcast_inventory::wagner_whitin::WagnerWhitin;
use js_sys::{Array, Float64Array, Uint32Array};
use wasm_bindgen::prelude::*;

use crate::convert::{
    Numbers, expect_object, number_or, numbers, object, optional, property, wrong_type,
};
use crate::errors::{from_inventory, invalid};

/// An input over SKUs × periods, read from JavaScript.
struct GridInput {
    values: Vec<f64>,
    layout: Layout,
}

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Scalar,
    Periods,
    Skus(usize),
    Full(usize, usize),
}

impl GridInput {
    fn read(field: &'static str, value: &JsValue) -> Result<Self, JsValue> {
        let nested = Array::is_array(value)
            && Array::from(value)
                .iter()
                .next()
                .is_some_and(|first| first.as_f64().is_none());
        if !nested {
            return Ok(match numbers(field, value)? {
                Numbers::One(x) => Self {
                    values: vec![x],
                    layout: Layout::Scalar,
                },
                Numbers::Many(values) if values.is_empty() => {
                    return Err(invalid(&ValidationError::new(
                        ErrorCode::Empty,
                        field,
                        "[]",
                        "must not be empty",
                    )));
                }
                Numbers::Many(values) => Self {
                    values,
                    layout: Layout::Periods,
                },
            });
        }
        let rows = Array::from(value);
        let mut values = Vec::new();
        let mut width = None;
        for (i, row) in rows.iter().enumerate() {
            let row = numbers(field, &row)?;
            let row = row.as_slice();
            match width {
                None => width = Some(row.len()),
                Some(w) if w != row.len() => {
                    return Err(invalid(&ValidationError::new(
                        ErrorCode::LengthMismatch,
                        format!("{field}[{i}]"),
                        row.len(),
                        format!("every row must have {w} values"),
                    )));
                }
                Some(_) => {}
            }
            values.extend_from_slice(row);
        }
        let (n, w) = (rows.length() as usize, width.unwrap_or(0));
        let layout = match (n, w) {
            (_, 0) => {
                return Err(invalid(&ValidationError::new(
                    ErrorCode::Empty,
                    field,
                    "[[]]",
                    "must not be empty",
                )));
            }
            (1, 1) => Layout::Scalar,
            (n, 1) => Layout::Skus(n),
            (1, _) => Layout::Periods,
            (n, w) => Layout::Full(n, w),
        };
        Ok(Self { values, layout })
    }

    fn grid(&self) -> Grid<'_> {
        match self.layout {
            Layout::Scalar => Grid::Scalar(self.values[0]),
            Layout::Periods => Grid::Periods(&self.values),
            Layout::Skus(_) => Grid::Skus(&self.values),
            Layout::Full(..) => Grid::Full(&self.values),
        }
    }

    fn periods(&self) -> Option<usize> {
        match self.layout {
            Layout::Periods => Some(self.values.len()),
            Layout::Full(_, w) => Some(w),
            _ => None,
        }
    }

    fn is_batch(&self) -> bool {
        matches!(self.layout, Layout::Skus(_) | Layout::Full(..))
    }
}

/// Named grid inputs, and the number of periods they (or `periods`) give.
fn read_grids<const N: usize>(
    options: &JsValue,
    keys: [(&'static str, Option<f64>); N],
) -> Result<([GridInput; N], usize), JsValue> {
    let mut out = Vec::with_capacity(N);
    for (key, default) in keys {
        let value = property(options, key);
        let input = match (value.is_undefined(), default) {
            (true, Some(d)) => GridInput {
                values: vec![d],
                layout: Layout::Scalar,
            },
            (true, None) => return Err(wrong_type(key, &value, "is required")),
            (false, _) => GridInput::read(key, &value)?,
        };
        out.push(input);
    }
    let given = property(options, "periods");
    let mut periods = given.as_f64().map(|p| p as usize);
    if !given.is_undefined() && periods.is_none() {
        return Err(wrong_type("periods", &given, "must be a number"));
    }
    for (input, (key, _)) in out.iter().zip(keys) {
        if let Some(t) = input.periods() {
            match periods {
                Some(p) if p != t => {
                    return Err(invalid(&ValidationError::new(
                        ErrorCode::LengthMismatch,
                        key,
                        t,
                        format!("must have one value per period ({p})"),
                    )));
                }
                _ => periods = Some(t),
            }
        }
    }
    let periods = periods.ok_or_else(|| {
        wrong_type(
            "periods",
            &JsValue::UNDEFINED,
            "must be given when every input is a number",
        )
    })?;
    let inputs: [GridInput; N] = out
        .try_into()
        .unwrap_or_else(|_| unreachable!("one input per key"));
    Ok((inputs, periods))
}

/// `values` split into rows of `width`, each a `Float64Array`.
fn rows_of(values: &[f64], width: usize) -> JsValue {
    values
        .chunks(width)
        .map(|row| JsValue::from(Float64Array::from(row)))
        .collect::<Array>()
        .into()
}

/// Optimal lot sizes for known demand (Wagner–Whitin): `{ orderQuantities, cost, costsToGo,
/// nextOrderPeriods }`, periods counted from 0; per SKU rows when any input has SKU rows.
#[wasm_bindgen(js_name = wagnerWhitin, unchecked_return_type = "LotSizingResult")]
pub fn wagner_whitin(
    #[wasm_bindgen(unchecked_param_type = "LotSizingOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &["demand", "holdingCost", "fixedCost", "purchaseCost"],
    )?;
    let ([d, h, k, c], periods) = read_grids(
        &options,
        [
            ("demand", None),
            ("holdingCost", None),
            ("fixedCost", None),
            ("purchaseCost", Some(0.0)),
        ],
    )?;
    let batch = [&d, &h, &k, &c].iter().any(|g| g.is_batch());
    let plans = WagnerWhitin {
        periods,
        demand: d.grid(),
        holding_cost: h.grid(),
        fixed_cost: k.grid(),
        purchase_cost: c.grid(),
    }
    .solve()
    .map_err(from_inventory)?;
    if !batch {
        return Ok(object(&[
            (
                "orderQuantities",
                Float64Array::from(&plans.order_quantities[..]).into(),
            ),
            ("cost", plans.cost[0].into()),
            (
                "costsToGo",
                Float64Array::from(&plans.costs_to_go[..]).into(),
            ),
            (
                "nextOrderPeriods",
                Uint32Array::from(&plans.next_order_periods[..]).into(),
            ),
        ]));
    }
    let next: Array = plans
        .next_order_periods
        .chunks(periods)
        .map(|row| JsValue::from(Uint32Array::from(row)))
        .collect();
    Ok(object(&[
        ("orderQuantities", rows_of(&plans.order_quantities, periods)),
        ("cost", Float64Array::from(&plans.cost[..]).into()),
        ("costsToGo", rows_of(&plans.costs_to_go, periods + 1)),
        ("nextOrderPeriods", next.into()),
    ]))
}

/// The optimal (s_t, S_t) over a finite horizon of normal demand, by dynamic programming on
/// integer levels: `{ reorderPoints, orderUpToLevels, totalCost }`, and for one SKU also
/// `{ costToGo, orderUpTo, levels, demandOutsideGrid, levelBelowGrid }`.
#[wasm_bindgen(js_name = finiteHorizon, unchecked_return_type = "FiniteHorizonResult")]
pub fn finite_horizon(
    #[wasm_bindgen(unchecked_param_type = "FiniteHorizonOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "holdingCost",
            "stockoutCost",
            "purchaseCost",
            "fixedCost",
            "demandMean",
            "demandSd",
            "discountFactor",
            "periods",
            "terminalHoldingCost",
            "terminalStockoutCost",
            "initialInventoryLevel",
            "demandSpread",
            "levelSpread",
        ],
    )?;
    let (g, periods) = read_grids(&options, FINITE_HORIZON_GRIDS)?;
    let per_sku = |key: &'static str| -> Result<Numbers, JsValue> {
        Ok(optional(&options, key)?.unwrap_or(Numbers::One(0.0)))
    };
    let (th, tp, x1) = (
        per_sku("terminalHoldingCost")?,
        per_sku("terminalStockoutCost")?,
        per_sku("initialInventoryLevel")?,
    );
    let batch = g.iter().any(GridInput::is_batch) || [&th, &tp, &x1].iter().any(|n| n.is_many());
    let model = FiniteHorizon {
        terminal_holding_cost: th.column(),
        terminal_stockout_cost: tp.column(),
        initial_inventory_level: x1.column(),
        truncation: Truncation {
            demand_spread: number_or(&options, "demandSpread", 4.0)?,
            level_spread: number_or(&options, "levelSpread", 5.0)?,
        },
        ..finite_horizon_model(&g, periods)
    };
    if batch {
        let all = model.solve().map_err(from_inventory)?;
        return Ok(object(&[
            ("reorderPoints", rows_of(&all.reorder_points, periods)),
            ("orderUpToLevels", rows_of(&all.order_up_to_levels, periods)),
            ("totalCost", Float64Array::from(&all.total_cost[..]).into()),
        ]));
    }
    let sol = model.solve_one().map_err(from_inventory)?;
    let levels: Vec<f64> = (0..sol.levels)
        .map(|j| (sol.x_min + j as i64) as f64)
        .collect();
    Ok(object(&[
        (
            "reorderPoints",
            Float64Array::from(&sol.reorder_points[..]).into(),
        ),
        (
            "orderUpToLevels",
            Float64Array::from(&sol.order_up_to_levels[..]).into(),
        ),
        ("totalCost", sol.total_cost.into()),
        ("costToGo", rows_of(&sol.cost_to_go, sol.levels)),
        ("orderUpTo", rows_of(&sol.best_level, sol.levels)),
        ("levels", Float64Array::from(&levels[..]).into()),
        ("demandOutsideGrid", sol.demand_outside_grid.into()),
        ("levelBelowGrid", sol.level_below_grid.into()),
    ]))
}

/// Veinott's myopic bounds per period of one SKU: `{ orderUpToLower, orderUpToUpper,
/// reorderLower, reorderUpper }` (NaN where a reorder upper bound does not apply).
#[wasm_bindgen(js_name = myopicBounds, unchecked_return_type = "MyopicBoundsResult")]
pub fn myopic_bounds(
    #[wasm_bindgen(unchecked_param_type = "MyopicBoundsOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "holdingCost",
            "stockoutCost",
            "purchaseCost",
            "fixedCost",
            "demandMean",
            "demandSd",
            "discountFactor",
            "periods",
            "terminalHoldingCost",
            "terminalStockoutCost",
        ],
    )?;
    let (g, periods) = read_grids(&options, FINITE_HORIZON_GRIDS)?;
    let model = FiniteHorizon {
        terminal_holding_cost: Column::Scalar(number_or(&options, "terminalHoldingCost", 0.0)?),
        terminal_stockout_cost: Column::Scalar(number_or(&options, "terminalStockoutCost", 0.0)?),
        ..finite_horizon_model(&g, periods)
    };
    let b = model.myopic_bounds().map_err(from_inventory)?;
    let upper: Vec<f64> = b
        .reorder_upper
        .iter()
        .map(|v| v.unwrap_or(f64::NAN))
        .collect();
    Ok(object(&[
        (
            "orderUpToLower",
            Float64Array::from(&b.order_up_to_lower[..]).into(),
        ),
        (
            "orderUpToUpper",
            Float64Array::from(&b.order_up_to_upper[..]).into(),
        ),
        (
            "reorderLower",
            Float64Array::from(&b.reorder_lower[..]).into(),
        ),
        ("reorderUpper", Float64Array::from(&upper[..]).into()),
    ]))
}

/// The per-period inputs of the finite-horizon model and their defaults.
const FINITE_HORIZON_GRIDS: [(&str, Option<f64>); 7] = [
    ("holdingCost", None),
    ("stockoutCost", None),
    ("purchaseCost", Some(0.0)),
    ("fixedCost", Some(0.0)),
    ("demandMean", None),
    ("demandSd", None),
    ("discountFactor", Some(1.0)),
];

/// A finite-horizon model over `g` (in [`FINITE_HORIZON_GRIDS`] order), with no terminal
/// costs, starting empty, and the default truncation.
fn finite_horizon_model(g: &[GridInput; 7], periods: usize) -> FiniteHorizon<'_> {
    FiniteHorizon {
        periods,
        holding_cost: g[0].grid(),
        stockout_cost: g[1].grid(),
        purchase_cost: g[2].grid(),
        fixed_cost: g[3].grid(),
        demand_mean: g[4].grid(),
        demand_sd: g[5].grid(),
        discount_factor: g[6].grid(),
        terminal_holding_cost: Column::Scalar(0.0),
        terminal_stockout_cost: Column::Scalar(0.0),
        initial_inventory_level: Column::Scalar(0.0),
        truncation: Truncation::default(),
    }
}
