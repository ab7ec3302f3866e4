//! Inventory exports: EOQ, safety stock, service measures, loss functions.

use flowcast_core::Column;
use flowcast_core::{ErrorCode, ValidationError};
use flowcast_inventory::loss::{self, Family, Order};
use flowcast_inventory::{
    CycleServiceColumns, EoqInput, LeadTimeDemand, SafetyStockVecs, ServiceTarget,
};
use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::convert::{
    Numbers, expect_object, number_or, numbers, object, optional, output, property, required, rows,
};
use crate::errors::{from_inventory, invalid};

/// Economic order quantity: `{ orderQuantity, cost }`; with `orderQuantity` given, the cost of
/// that quantity instead.
#[wasm_bindgen(unchecked_return_type = "EoqResult")]
pub fn eoq(
    #[wasm_bindgen(unchecked_param_type = "EoqOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &["fixedCost", "holdingCost", "demandRate", "orderQuantity"],
    )?;
    let k = required(&options, "fixedCost")?;
    let h = required(&options, "holdingCost")?;
    let d = required(&options, "demandRate")?;
    let q = optional(&options, "orderQuantity")?;
    let input = EoqInput {
        fixed_cost: k.column(),
        holding_cost: h.column(),
        demand_rate: d.column(),
    };
    let (qty, cost) = input
        .solve(q.as_ref().map(Numbers::column))
        .map_err(from_inventory)?;
    let many = [&k, &h, &d].iter().any(|x| x.is_many()) || q.as_ref().is_some_and(Numbers::is_many);
    Ok(object(&[
        ("orderQuantity", output(&qty, many)),
        ("cost", output(&cost, many)),
    ]))
}

/// Safety stock and reorder point with demand and lead-time variability, for one of
/// `cycleServiceLevel`, `fillRate` (with `orderQuantity`) or `safetyFactor`.
#[wasm_bindgen(js_name = safetyStock, unchecked_return_type = "SafetyStockResult")]
pub fn safety_stock(
    #[wasm_bindgen(unchecked_param_type = "SafetyStockOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "demandMean",
            "demandSd",
            "leadTime",
            "leadTimeSd",
            "reviewPeriod",
            "cycleServiceLevel",
            "fillRate",
            "orderQuantity",
            "safetyFactor",
        ],
    )?;
    let mean = required(&options, "demandMean")?;
    let sd = required(&options, "demandSd")?;
    let lt = required(&options, "leadTime")?;
    let lt_sd = optional(&options, "leadTimeSd")?.unwrap_or(Numbers::One(0.0));
    let review = optional(&options, "reviewPeriod")?.unwrap_or(Numbers::One(0.0));
    let targets = ServiceTargets::read(&options)?;
    let (target, target_many) = targets.target()?;
    let demand = LeadTimeDemand {
        demand_mean: mean.column(),
        demand_sd: sd.column(),
        lead_time: lt.column(),
        lead_time_sd: lt_sd.column(),
        review_period: review.column(),
    };
    let v = demand.safety_stock_batch(target).map_err(from_inventory)?;
    let many = target_many
        || [&mean, &sd, &lt, &lt_sd, &review]
            .iter()
            .any(|x| x.is_many());
    Ok(buffers(&v, many))
}

/// The service targets an options object may give.
struct ServiceTargets {
    csl: Option<Numbers>,
    fill: Option<Numbers>,
    q: Option<Numbers>,
    k: Option<Numbers>,
}

impl ServiceTargets {
    fn read(options: &JsValue) -> Result<Self, JsValue> {
        Ok(Self {
            csl: optional(options, "cycleServiceLevel")?,
            fill: optional(options, "fillRate")?,
            q: optional(options, "orderQuantity")?,
            k: optional(options, "safetyFactor")?,
        })
    }

    /// The one target given, and whether it has a value per row.
    fn target(&self) -> Result<(ServiceTarget<Column<'_>>, bool), JsValue> {
        Ok(match (&self.csl, &self.fill, &self.q, &self.k) {
            (Some(a), None, None, None) => {
                (ServiceTarget::CycleServiceLevel(a.column()), a.is_many())
            }
            (None, Some(b), Some(q), None) => (
                ServiceTarget::FillRate {
                    fill_rate: b.column(),
                    order_quantity: q.column(),
                },
                b.is_many() || q.is_many(),
            ),
            (None, None, None, Some(k)) => (ServiceTarget::SafetyFactor(k.column()), k.is_many()),
            _ => {
                return Err(invalid(&ValidationError::new(
                    ErrorCode::WrongType,
                    "options",
                    "target",
                    "must give exactly one of cycleServiceLevel, fillRate with orderQuantity, or safetyFactor",
                )));
            }
        })
    }
}

/// A sized batch of buffers as the result object.
fn buffers(v: &SafetyStockVecs, many: bool) -> JsValue {
    object(&[
        ("safetyStock", output(&v.safety_stock, many)),
        ("reorderPoint", output(&v.reorder_point, many)),
        ("safetyFactor", output(&v.safety_factor, many)),
        ("leadTimeDemandMean", output(&v.lead_time_demand_mean, many)),
        ("leadTimeDemandSd", output(&v.lead_time_demand_sd, many)),
        ("cycleServiceLevel", output(&v.cycle_service_level, many)),
    ])
}

/// Safety stock and reorder point from forecast quantiles of demand over the protection
/// interval: `quantiles` (one SKU's values, or one row per SKU) at `levels`, for one of
/// `cycleServiceLevel`, `fillRate` (with `orderQuantity`) or `safetyFactor`; `mean` is the
/// point forecast if any.
#[wasm_bindgen(js_name = safetyStockFromQuantiles, unchecked_return_type = "SafetyStockResult")]
pub fn safety_stock_from_quantiles(
    #[wasm_bindgen(unchecked_param_type = "QuantileSafetyStockOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "quantiles",
            "levels",
            "cycleServiceLevel",
            "fillRate",
            "orderQuantity",
            "safetyFactor",
            "mean",
        ],
    )?;
    let levels = required(&options, "levels")?;
    let value = property(&options, "quantiles");
    let nested = Array::is_array(&value)
        && Array::from(&value)
            .iter()
            .next()
            .is_some_and(|first| first.as_f64().is_none());
    let (values, rows) = if nested {
        let mut all = Vec::new();
        for row in Array::from(&value).iter() {
            all.extend_from_slice(numbers("quantiles", &row)?.as_slice());
        }
        (all, true)
    } else {
        (required(&options, "quantiles")?.as_slice().to_vec(), false)
    };
    let targets = ServiceTargets::read(&options)?;
    let (target, target_many) = targets.target()?;
    let mean = optional(&options, "mean")?;
    let v = flowcast_inventory::quantile_buffer::safety_stock_from_quantiles(
        levels.as_slice(),
        &values,
        target,
        mean.as_ref().map(Numbers::column),
    )
    .map_err(from_inventory)?;
    Ok(buffers(
        &v,
        rows || target_many || mean.as_ref().is_some_and(Numbers::is_many),
    ))
}

/// Cycle service level, expected shortage per cycle and fill rate of a buffer of
/// `safetyFactor` standard deviations.
#[wasm_bindgen(js_name = cycleService, unchecked_return_type = "CycleServiceResult")]
pub fn cycle_service(
    #[wasm_bindgen(unchecked_param_type = "CycleServiceOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &["safetyFactor", "leadTimeDemandSd", "orderQuantity"],
    )?;
    let inputs = [
        required(&options, "safetyFactor")?,
        required(&options, "leadTimeDemandSd")?,
        required(&options, "orderQuantity")?,
    ];
    let columns = [
        ("safety_factor", inputs[0].column()),
        ("lead_time_demand_sd", inputs[1].column()),
        ("order_quantity", inputs[2].column()),
    ];
    let n = rows(&columns)?;
    let mut out: [Vec<f64>; 3] = std::array::from_fn(|_| vec![0.0; n]);
    let [csl, short, fill] = &mut out;
    let [k, sd, q] = columns.map(|(_, c)| c);
    let target = CycleServiceColumns {
        cycle_service_level: csl,
        expected_shortage_per_cycle: short,
        fill_rate: fill,
    };
    flowcast_inventory::cycle_service_into(k, sd, q, target).map_err(from_inventory)?;
    let many = inputs.iter().any(Numbers::is_many);
    Ok(object(&[
        ("cycleServiceLevel", output(&out[0], many)),
        ("expectedShortagePerCycle", output(&out[1], many)),
        ("fillRate", output(&out[2], many)),
    ]))
}

type StandardKernel = fn(&[f64], &mut [f64], &mut [f64]) -> flowcast_inventory::Result<()>;

fn standard(z: &JsValue, kernel: StandardKernel, which: usize) -> Result<JsValue, JsValue> {
    let z = numbers("z", z)?;
    let n = z.as_slice().len();
    let mut pair = [vec![0.0; n], vec![0.0; n]];
    let [a, b] = &mut pair;
    kernel(z.as_slice(), a, b).map_err(from_inventory)?;
    Ok(output(&pair[which], z.is_many()))
}

/// First-order standard normal loss G(z) = E[(Z − z)⁺].
#[wasm_bindgen(js_name = standardNormalLoss, unchecked_return_type = "number | Float64Array")]
pub fn standard_normal_loss(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] z: JsValue,
) -> Result<JsValue, JsValue> {
    standard(&z, loss::standard_normal_loss_batch, 0)
}

/// Complementary first-order loss E[(z − Z)⁺] = z + G(z).
#[wasm_bindgen(js_name = standardNormalLossComplement, unchecked_return_type = "number | Float64Array")]
pub fn standard_normal_loss_complement(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] z: JsValue,
) -> Result<JsValue, JsValue> {
    standard(&z, loss::standard_normal_loss_batch, 1)
}

/// Second-order standard normal loss G₂(z) = ½E[((Z − z)⁺)²].
#[wasm_bindgen(js_name = standardNormalSecondLoss, unchecked_return_type = "number | Float64Array")]
pub fn standard_normal_second_loss(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] z: JsValue,
) -> Result<JsValue, JsValue> {
    standard(&z, loss::standard_normal_second_loss_batch, 0)
}

/// Complementary second-order loss ½E[((z − Z)⁺)²].
#[wasm_bindgen(js_name = standardNormalSecondLossComplement, unchecked_return_type = "number | Float64Array")]
pub fn standard_normal_second_loss_complement(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] z: JsValue,
) -> Result<JsValue, JsValue> {
    standard(&z, loss::standard_normal_second_loss_batch, 1)
}

/// The safety factor k with G(k) = g, for g > 0.
#[wasm_bindgen(js_name = standardNormalLossInverse, unchecked_return_type = "number | Float64Array")]
pub fn standard_normal_loss_inverse(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] g: JsValue,
) -> Result<JsValue, JsValue> {
    let g = numbers("g", &g)?;
    let n = rows(&[("g", g.column())])?;
    let mut out = vec![0.0; n];
    loss::standard_normal_loss_inverse_into(g.column(), &mut out).map_err(from_inventory)?;
    Ok(output(&out, g.is_many()))
}

type NormalKernel = fn(
    Column<'_>,
    Column<'_>,
    Column<'_>,
    &mut [f64],
    &mut [f64],
) -> flowcast_inventory::Result<()>;

fn normal(args: [&JsValue; 3], kernel: NormalKernel, which: usize) -> Result<JsValue, JsValue> {
    let [x, mean, sd] = [
        numbers("x", args[0])?,
        numbers("mean", args[1])?,
        numbers("sd", args[2])?,
    ];
    let n = rows(&[
        ("x", x.column()),
        ("mean", mean.column()),
        ("sd", sd.column()),
    ])?;
    let mut pair = [vec![0.0; n], vec![0.0; n]];
    let [a, b] = &mut pair;
    kernel(x.column(), mean.column(), sd.column(), a, b).map_err(from_inventory)?;
    Ok(output(
        &pair[which],
        x.is_many() || mean.is_many() || sd.is_many(),
    ))
}

/// First-order loss E[(X − x)⁺] of X ~ N(mean, sd²).
#[wasm_bindgen(js_name = normalLoss, unchecked_return_type = "number | Float64Array")]
pub fn normal_loss(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Numeric")] mean: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Numeric")] sd: JsValue,
) -> Result<JsValue, JsValue> {
    normal([&x, &mean, &sd], loss::normal_loss_batch, 0)
}

/// Complementary first-order loss E[(x − X)⁺] of X ~ N(mean, sd²).
#[wasm_bindgen(js_name = normalLossComplement, unchecked_return_type = "number | Float64Array")]
pub fn normal_loss_complement(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Numeric")] mean: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Numeric")] sd: JsValue,
) -> Result<JsValue, JsValue> {
    normal([&x, &mean, &sd], loss::normal_loss_batch, 1)
}

/// Second-order loss ½E[((X − x)⁺)²] of X ~ N(mean, sd²).
#[wasm_bindgen(js_name = normalSecondLoss, unchecked_return_type = "number | Float64Array")]
pub fn normal_second_loss(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Numeric")] mean: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Numeric")] sd: JsValue,
) -> Result<JsValue, JsValue> {
    normal([&x, &mean, &sd], loss::normal_second_loss_batch, 0)
}

/// Complementary second-order loss ½E[((x − X)⁺)²] of X ~ N(mean, sd²).
#[wasm_bindgen(js_name = normalSecondLossComplement, unchecked_return_type = "number | Float64Array")]
pub fn normal_second_loss_complement(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Numeric")] mean: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Numeric")] sd: JsValue,
) -> Result<JsValue, JsValue> {
    normal([&x, &mean, &sd], loss::normal_second_loss_batch, 1)
}

/// Loss function of a demand distribution and its complement at `x`: `{ loss, complement }`.
/// First order by default, `order: 2` for the second-order loss.
#[wasm_bindgen(js_name = lossFunction, unchecked_return_type = "LossResult")]
pub fn loss_function(
    #[wasm_bindgen(unchecked_param_type = "LossOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let name = property(&options, "distribution")
        .as_string()
        .unwrap_or_default();
    let order = match number_or(&options, "order", 1.0)? {
        1.0 => Order::First,
        2.0 => Order::Second,
        other => {
            let e = ValidationError::new(ErrorCode::OutOfRange, "order", other, "must be 1 or 2");
            return Err(invalid(&e));
        }
    };
    if name == "discrete" {
        expect_object(&options, &["distribution", "x", "order", "pmf"])?;
        return discrete(&options, order);
    }
    let mut family = Family::from_name(&name).map_err(from_inventory)?;
    if family == Family::NegativeBinomial && !property(&options, "mean").is_undefined() {
        family = Family::NegativeBinomialMoments;
    }
    let mut allowed = vec!["distribution", "x", "order"];
    allowed.extend(family.parameters());
    expect_object(&options, &allowed)?;
    let parameters = family
        .parameters()
        .iter()
        .map(|&p| required(&options, p))
        .collect::<Result<Vec<_>, _>>()?;
    let x = required(&options, "x")?;
    let columns: Vec<Column<'_>> = parameters.iter().map(Numbers::column).collect();
    let mut named: Vec<(&'static str, Column<'_>)> = family
        .parameters()
        .iter()
        .copied()
        .zip(columns.iter().copied())
        .collect();
    named.push(("x", x.column()));
    let n = rows(&named)?;
    let (mut a, mut b) = (vec![0.0; n], vec![0.0; n]);
    loss::loss_into(family, &columns, x.column(), order, &mut a, &mut b).map_err(from_inventory)?;
    let many = x.is_many() || parameters.iter().any(Numbers::is_many);
    Ok(object(&[
        ("loss", output(&a, many)),
        ("complement", output(&b, many)),
    ]))
}

/// The discrete case: `pmf` maps values (object keys) to probabilities.
fn discrete(options: &JsValue, order: Order) -> Result<JsValue, JsValue> {
    let d = crate::convert::pmf(&property(options, "pmf"))?;
    let x = required(options, "x")?;
    let xs = x.as_slice();
    let (mut a, mut b) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
    for (i, &xi) in xs.iter().enumerate() {
        (a[i], b[i]) = d.loss_of_order(xi, order).map_err(|e| match e {
            flowcast_inventory::Error::Invalid(v) if x.is_many() && v.field == "x" => {
                invalid(&v.at(i))
            }
            e => from_inventory(e),
        })?;
    }
    Ok(object(&[
        ("loss", output(&a, x.is_many())),
        ("complement", output(&b, x.is_many())),
    ]))
}
