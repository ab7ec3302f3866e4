//! Multi-echelon exports: guaranteed-service trees, serial Clark–Scarf, and the simulator.

use flowcast_core::{ErrorCode, ValidationError};
use flowcast_inventory::gsm::{GsmStage, GuaranteedService};
use flowcast_inventory::sim::{Demand, EventOrder, Policy, SimStage, Simulation, StagePeriod};
use flowcast_inventory::ssm::SerialSystem;
use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;

use crate::convert::{expect_object, number_or, numbers, object, property, wrong_type};
use crate::errors::{from_inventory, invalid};
use crate::newsvendor::family_parameters;

/// The elements of an array option (objects or pairs).
fn items(options: &JsValue, key: &'static str) -> Result<Vec<JsValue>, JsValue> {
    let value = property(options, key);
    if !Array::is_array(&value) {
        return Err(wrong_type(key, &value, "must be an array"));
    }
    Ok(Array::from(&value).iter().collect())
}

/// A required plain number.
fn number(options: &JsValue, key: &'static str) -> Result<f64, JsValue> {
    let value = property(options, key);
    value
        .as_f64()
        .ok_or_else(|| wrong_type(key, &value, "must be a number"))
}

/// An optional plain number (`undefined` and `null` mean absent).
fn maybe(options: &JsValue, key: &'static str) -> Result<Option<f64>, JsValue> {
    let value = property(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    number(options, key).map(Some)
}

/// A whole number of periods.
fn periods(field: &'static str, value: f64, at: usize) -> Result<u32, JsValue> {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX) {
        Ok(value as u32)
    } else {
        Err(invalid(
            &ValidationError::new(
                ErrorCode::OutOfRange,
                field,
                value,
                "must be a whole number of periods, at least 0",
            )
            .at(at),
        ))
    }
}

fn floats(values: impl IntoIterator<Item = f64>) -> JsValue {
    Float64Array::from(&values.into_iter().collect::<Vec<_>>()[..]).into()
}

/// Safety-stock placement by the guaranteed-service model on a tree: `stages` (each
/// `{ holdingCost, processingTime, demandMean?, demandSd?, demandBoundConstant?,
/// externalInboundCst?, externalOutboundCst? }`) and `edges` (`[supplier, customer]` pairs of
/// stage positions); with `outboundCst`, the cost of those CSTs instead of the optimum.
#[wasm_bindgen(js_name = guaranteedService, unchecked_return_type = "GuaranteedServiceResult")]
pub fn guaranteed_service(
    #[wasm_bindgen(unchecked_param_type = "GuaranteedServiceOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(&options, &["stages", "edges", "outboundCst"])?;
    let mut stages = Vec::new();
    for (k, stage) in items(&options, "stages")?.iter().enumerate() {
        expect_object(
            stage,
            &[
                "holdingCost",
                "processingTime",
                "demandMean",
                "demandSd",
                "demandBoundConstant",
                "externalInboundCst",
                "externalOutboundCst",
            ],
        )?;
        stages.push(GsmStage {
            holding_cost: number(stage, "holdingCost")?,
            processing_time: periods("processing_time", number(stage, "processingTime")?, k)?,
            demand_bound_constant: maybe(stage, "demandBoundConstant")?,
            external_inbound_cst: periods(
                "external_inbound_cst",
                maybe(stage, "externalInboundCst")?.unwrap_or(0.0),
                k,
            )?,
            external_outbound_cst: maybe(stage, "externalOutboundCst")?
                .map(|b| periods("external_outbound_cst", b, k))
                .transpose()?,
            demand_mean: maybe(stage, "demandMean")?.unwrap_or(0.0),
            demand_sd: maybe(stage, "demandSd")?.unwrap_or(0.0),
        });
    }
    let edges_value = property(&options, "edges");
    let edges = if edges_value.is_undefined() {
        Vec::new()
    } else {
        items(&options, "edges")?
            .iter()
            .map(|pair| {
                let ends = numbers("edges", pair)?;
                match ends.as_slice() {
                    [a, b] if *a >= 0.0 && *b >= 0.0 && a.fract() == 0.0 && b.fract() == 0.0 => {
                        Ok((*a as usize, *b as usize))
                    }
                    _ => Err(wrong_type(
                        "edges",
                        pair,
                        "each edge must be [supplier, customer]",
                    )),
                }
            })
            .collect::<Result<Vec<_>, JsValue>>()?
    };
    let model = GuaranteedService { stages, edges };
    let given = property(&options, "outboundCst");
    let sol = if given.is_undefined() {
        model.optimize()
    } else {
        let cst = numbers("outboundCst", &given)?
            .as_slice()
            .iter()
            .enumerate()
            .map(|(k, c)| periods("outbound_cst", *c, k))
            .collect::<Result<Vec<_>, _>>()?;
        model.evaluate(&cst)
    }
    .map_err(from_inventory)?;
    let whole = |v: &[u32]| floats(v.iter().map(|x| f64::from(*x)));
    Ok(object(&[
        ("outboundCst", whole(&sol.outbound_cst)),
        ("inboundCst", whole(&sol.inbound_cst)),
        ("netReplenishmentTime", whole(&sol.net_replenishment_time)),
        ("safetyStock", floats(sol.safety_stock)),
        ("baseStockLevel", floats(sol.base_stock_level)),
        ("netDemandMean", floats(sol.net_demand_mean)),
        ("netDemandSd", floats(sol.net_demand_sd)),
        ("cost", sol.cost.into()),
    ]))
}

const SERIAL_KEYS: [&str; 5] = [
    "echelonHoldingCost",
    "leadTime",
    "stockoutCost",
    "demandMean",
    "demandSd",
];

fn serial(options: &JsValue) -> Result<SerialSystem, JsValue> {
    Ok(SerialSystem {
        echelon_holding_cost: numbers(
            "echelonHoldingCost",
            &property(options, "echelonHoldingCost"),
        )?
        .as_slice()
        .to_vec(),
        lead_time: numbers("leadTime", &property(options, "leadTime"))?
            .as_slice()
            .to_vec(),
        stockout_cost: number(options, "stockoutCost")?,
        demand_mean: number(options, "demandMean")?,
        demand_sd: number(options, "demandSd")?,
    })
}

/// Optimal echelon base-stock levels of a serial chain (Clark–Scarf), stage 1 (facing demand)
/// first, or the cost of given `echelonBaseStock`: `{ echelonBaseStock, localBaseStock, cost }`.
#[wasm_bindgen(js_name = serialBaseStock, unchecked_return_type = "SerialResult")]
pub fn serial_base_stock(
    #[wasm_bindgen(unchecked_param_type = "SerialOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let mut allowed = SERIAL_KEYS.to_vec();
    allowed.push("echelonBaseStock");
    expect_object(&options, &allowed)?;
    let m = serial(&options)?;
    let given = property(&options, "echelonBaseStock");
    let (levels, cost) = if given.is_undefined() {
        let p = m.optimize().map_err(from_inventory)?;
        (p.echelon_base_stock, p.cost)
    } else {
        let s = numbers("echelonBaseStock", &given)?.as_slice().to_vec();
        let cost = m.cost(&s).map_err(from_inventory)?;
        (s, cost)
    };
    let local: Vec<f64> = (0..levels.len())
        .map(|j| {
            if j == 0 {
                levels[0]
            } else {
                levels[j] - levels[j - 1]
            }
        })
        .collect();
    Ok(object(&[
        ("echelonBaseStock", floats(levels)),
        ("localBaseStock", floats(local)),
        ("cost", cost.into()),
    ]))
}

/// The expected holding cost per period alone of `echelonBaseStock` in a serial chain (no
/// charge for backorders; `stockoutCost` is not needed).
#[wasm_bindgen(js_name = serialHoldingCost)]
pub fn serial_holding_cost(
    #[wasm_bindgen(unchecked_param_type = "SerialHoldingOptions")] options: JsValue,
) -> Result<f64, JsValue> {
    expect_object(
        &options,
        &[
            "echelonHoldingCost",
            "leadTime",
            "demandMean",
            "demandSd",
            "echelonBaseStock",
        ],
    )?;
    let m = SerialSystem {
        echelon_holding_cost: numbers(
            "echelonHoldingCost",
            &property(&options, "echelonHoldingCost"),
        )?
        .as_slice()
        .to_vec(),
        lead_time: numbers("leadTime", &property(&options, "leadTime"))?
            .as_slice()
            .to_vec(),
        stockout_cost: 0.0,
        demand_mean: number(&options, "demandMean")?,
        demand_sd: number(&options, "demandSd")?,
    };
    let levels = numbers("echelonBaseStock", &property(&options, "echelonBaseStock"))?;
    m.holding_cost(levels.as_slice()).map_err(from_inventory)
}

/// Shang & Song's newsvendor heuristic for a serial chain (stage 1 first), `weight` 0.5 by
/// default.
#[wasm_bindgen(js_name = serialNewsvendorHeuristic, unchecked_return_type = "Float64Array")]
pub fn serial_newsvendor_heuristic(
    #[wasm_bindgen(unchecked_param_type = "SerialHeuristicOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let mut allowed = SERIAL_KEYS.to_vec();
    allowed.push("weight");
    expect_object(&options, &allowed)?;
    let levels = serial(&options)?
        .newsvendor_heuristic(number_or(&options, "weight", 0.5)?)
        .map_err(from_inventory)?;
    Ok(floats(levels))
}

fn policy(value: &JsValue) -> Result<Policy, JsValue> {
    if value.is_undefined() {
        return Ok(Policy::BaseStock { level: f64::NAN });
    }
    let kind = property(value, "type").as_string().unwrap_or_default();
    Ok(match kind.as_str() {
        "baseStock" => {
            expect_object(value, &["type"])?;
            Policy::BaseStock { level: f64::NAN }
        }
        "sS" => {
            expect_object(value, &["type", "reorderPoint", "orderUpToLevel"])?;
            Policy::Ss {
                reorder_point: number(value, "reorderPoint")?,
                order_up_to_level: number(value, "orderUpToLevel")?,
            }
        }
        "rNQ" | "rQOneLot" => {
            expect_object(value, &["type", "reorderPoint", "orderQuantity"])?;
            let (reorder_point, order_quantity) = (
                number(value, "reorderPoint")?,
                number(value, "orderQuantity")?,
            );
            if kind == "rNQ" {
                Policy::Rq {
                    reorder_point,
                    order_quantity,
                }
            } else {
                Policy::RqOneLot {
                    reorder_point,
                    order_quantity,
                }
            }
        }
        _ => {
            return Err(invalid(&ValidationError::new(
                ErrorCode::OutOfRange,
                "policy.type",
                format!("{kind:?}"),
                "must be baseStock, sS, rNQ or rQOneLot",
            )));
        }
    })
}

/// Simulates a single stage or a serial chain (stage 0 faces demand). `stages`: each
/// `{ holdingCost, leadTime, baseStockLevel?, initialInventoryLevel? }`; `policy` for stage 0
/// (`{ type: "baseStock" }` by default, or `sS`, `rNQ`, `rQOneLot` with their parameters);
/// `demand`: numbers repeated in turn, or a distribution (`{ distribution: "poisson", mean }`)
/// drawn with `seed`; `eventOrder`: `"orderFirst"` (default) or `"demandFirst"`. Returns per
/// stage a `Float64Array` over periods for each of `demand`, `orderQuantity`, `inboundShipment`,
/// `inventoryLevel`, `holdingCost`, `stockoutCost`, and `totalCost`.
#[wasm_bindgen(unchecked_return_type = "SimulationResult")]
pub fn simulate(
    #[wasm_bindgen(unchecked_param_type = "SimulationOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    expect_object(
        &options,
        &[
            "periods",
            "stages",
            "stockoutCost",
            "demand",
            "policy",
            "eventOrder",
            "seed",
        ],
    )?;
    let n_periods = periods("periods", number(&options, "periods")?, 0)? as usize;
    let mut stages = Vec::new();
    let mut levels = Vec::new();
    for (k, stage) in items(&options, "stages")?.iter().enumerate() {
        expect_object(
            stage,
            &[
                "holdingCost",
                "leadTime",
                "baseStockLevel",
                "initialInventoryLevel",
            ],
        )?;
        let level = maybe(stage, "baseStockLevel")?.unwrap_or(0.0);
        stages.push(SimStage {
            holding_cost: number(stage, "holdingCost")?,
            lead_time: periods("lead_time", number(stage, "leadTime")?, k)?,
            initial_inventory_level: maybe(stage, "initialInventoryLevel")?.unwrap_or(level),
        });
        levels.push(level);
    }
    let mut policy = policy(&property(&options, "policy"))?;
    if let Policy::BaseStock { level } = &mut policy {
        *level = levels.first().copied().unwrap_or(f64::NAN);
    }
    let demand_value = property(&options, "demand");
    let repeating;
    let demand = if Array::is_array(&demand_value) || demand_value.is_instance_of::<Float64Array>()
    {
        repeating = numbers("demand", &demand_value)?.as_slice().to_vec();
        Demand::Repeating(&repeating)
    } else {
        let (family, values) = family_parameters(&demand_value, "normal")?;
        let first = |i: usize| values.get(i).map_or(f64::NAN, |n| n.as_slice()[0]);
        Demand::Random(family.with(first(0), first(1)).map_err(from_inventory)?)
    };
    let event_order = match property(&options, "eventOrder").as_string().as_deref() {
        None | Some("orderFirst") => EventOrder::OrderFirst,
        Some("demandFirst") => EventOrder::DemandFirst,
        Some(other) => {
            return Err(invalid(&ValidationError::new(
                ErrorCode::OutOfRange,
                "eventOrder",
                format!("{other:?}"),
                "must be orderFirst or demandFirst",
            )));
        }
    };
    let sim = Simulation {
        stages,
        policy,
        base_stock_levels: levels,
        stockout_cost: number(&options, "stockoutCost")?,
        demand,
        event_order,
    };
    let seed = number_or(&options, "seed", 0.0)?;
    if !(seed >= 0.0 && seed.fract() == 0.0 && seed <= 9_007_199_254_740_991.0) {
        return Err(invalid(&ValidationError::new(
            ErrorCode::OutOfRange,
            "seed",
            seed,
            "must be a whole number, at least 0",
        )));
    }
    let history = sim.run(n_periods, seed as u64).map_err(from_inventory)?;
    let n = sim.stages.len();
    let by_stage = |f: fn(&StagePeriod) -> f64| -> JsValue {
        (0..n)
            .map(|k| floats(history.periods.iter().map(|row| f(&row[k]))))
            .collect::<Array>()
            .into()
    };
    Ok(object(&[
        ("demand", by_stage(|s| s.demand)),
        ("orderQuantity", by_stage(|s| s.order_quantity)),
        ("inboundShipment", by_stage(|s| s.inbound_shipment)),
        ("inventoryLevel", by_stage(|s| s.inventory_level)),
        ("holdingCost", by_stage(|s| s.holding_cost)),
        ("stockoutCost", by_stage(|s| s.stockout_cost)),
        ("totalCost", history.total_cost.into()),
    ]))
}
