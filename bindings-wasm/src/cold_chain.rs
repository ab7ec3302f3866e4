//! Expiry exports beyond MKT: shelf life, rolling and bucketed MKT, excursions (batch and a
//! streaming tracker), FEFO, waste projection and the donation plan.

use flowcast_expiry::excursion::{Rules, Tracker, analyze};
use flowcast_expiry::fefo::{Lot, Order, fefo_allocate_orders};
use flowcast_expiry::kinetic_sums::{MktSums, rolling_mkt};
use flowcast_expiry::mkt::MktParams;
use flowcast_expiry::shelf_life::{RateModel, q10_from_arrhenius as q10_of, shelf_life_consumed};
use flowcast_expiry::waste::{
    Demand, Lot as WasteLot, WastePlanProblem, plan_waste as plan, project_waste as project,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{expect_object, number_or, numbers, object, output, property};
use crate::errors::from_expiry;
use crate::json::{from_js_value, read, to_js};

#[wasm_bindgen]
extern "C" {
    /// Options of the shelf-life functions (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "RateOptions")]
    pub type RateOptions;
    /// A product preset and rule overrides (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "ExcursionOptions")]
    pub type ExcursionOptions;
    /// An excursion report (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "ExcursionReport")]
    pub type ExcursionReport;
    /// Signals of one reading (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "ExcursionSignals")]
    pub type ExcursionSignals;
    /// FEFO lots (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "FefoLot[]")]
    pub type FefoLots;
    /// A FEFO order (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "FefoOrder")]
    pub type FefoOrder;
    /// A FEFO allocation (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "FefoAllocation")]
    pub type FefoAllocation;
    /// Lots for the waste projection (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "WasteLot[]")]
    pub type WasteLots;
    /// Demand for the waste projection (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "WasteDemand")]
    pub type WasteDemand;
    /// Projected outcome per lot (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "LotProjection[]")]
    pub type LotProjections;
    /// A donation-plan problem (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "WastePlanProblem")]
    pub type PlanProblem;
    /// A donation plan (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "WastePlan")]
    pub type Plan;
    /// Bucket sums (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "KineticSums")]
    pub type KineticSumsJs;
    /// Bucket sums to combine (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "KineticSums[]")]
    pub type KineticSumsList;
}

const RATE_KEYS: [&str; 3] = ["q10", "deltaH", "gasConstant"];

fn options_value(options: Option<JsValue>) -> JsValue {
    options.unwrap_or(JsValue::UNDEFINED)
}

fn params(options: &JsValue) -> Result<MktParams, JsValue> {
    let d = MktParams::default();
    Ok(MktParams {
        delta_h: number_or(options, "deltaH", d.delta_h)?,
        gas_constant: number_or(options, "gasConstant", d.gas_constant)?,
    })
}

fn rate_model(options: &JsValue) -> Result<RateModel, JsValue> {
    let q10 = property(options, "q10");
    if q10.is_undefined() || q10.is_null() {
        Ok(RateModel::Arrhenius(params(options)?))
    } else {
        Ok(RateModel::Q10(number_or(options, "q10", 0.0)?))
    }
}

fn checked(options: &JsValue, keys: &[&str]) -> Result<(), JsValue> {
    if options.is_undefined() || options.is_null() {
        Ok(())
    } else {
        expect_object(options, keys)
    }
}

/// Degradation rate at `tC` relative to `tRefC`: Arrhenius (`deltaH`, `gasConstant`, USP
/// defaults) or `q10`. Arrays give a `Float64Array`.
#[wasm_bindgen(js_name = accelerationFactor)]
pub fn acceleration_factor(
    #[wasm_bindgen(js_name = tC, unchecked_param_type = "Numeric")] t_c: JsValue,
    #[wasm_bindgen(js_name = tRefC, unchecked_param_type = "Numeric")] t_ref_c: JsValue,
    options: Option<RateOptions>,
) -> Result<JsValue, JsValue> {
    let options = options_value(options.map(Into::into));
    checked(&options, &RATE_KEYS)?;
    let model = rate_model(&options)?;
    let (t, t_ref) = (numbers("tC", &t_c)?, numbers("tRefC", &t_ref_c)?);
    let (a, b) = (t.as_slice(), t_ref.as_slice());
    let n = a.len().max(b.len());
    let at = |v: &[f64], i: usize| {
        if v.len() == 1 {
            v[0]
        } else {
            v.get(i).copied().unwrap_or(f64::NAN)
        }
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(
            model
                .acceleration_factor(at(a, i), at(b, i))
                .map_err(from_expiry)?,
        );
    }
    Ok(output(&out, t.is_many() || t_ref.is_many()))
}

/// The Q10 equivalent to Arrhenius kinetics over [tRefC, tRefC + 10].
#[wasm_bindgen(js_name = q10FromArrhenius)]
pub fn q10_from_arrhenius(
    #[wasm_bindgen(js_name = tRefC)] t_ref_c: f64,
    options: Option<RateOptions>,
) -> Result<f64, JsValue> {
    let options = options_value(options.map(Into::into));
    checked(&options, &RATE_KEYS[1..])?;
    q10_of(&params(&options)?, t_ref_c).map_err(from_expiry)
}

/// Shelf life used by a history: `tempsC[i]` held for `durations[i]`.
#[wasm_bindgen(js_name = shelfLifeConsumed)]
pub fn shelf_life(
    #[wasm_bindgen(js_name = tempsC, unchecked_param_type = "Numeric")] temps_c: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Numeric")] durations: JsValue,
    #[wasm_bindgen(js_name = tRefC)] t_ref_c: f64,
    #[wasm_bindgen(js_name = shelfLifeAtRef)] shelf_life_at_ref: f64,
    options: Option<RateOptions>,
) -> Result<JsValue, JsValue> {
    let options = options_value(options.map(Into::into));
    checked(&options, &RATE_KEYS)?;
    let model = rate_model(&options)?;
    let (t, d) = (
        numbers("tempsC", &temps_c)?,
        numbers("durations", &durations)?,
    );
    let s = shelf_life_consumed(
        t.as_slice(),
        d.as_slice(),
        t_ref_c,
        shelf_life_at_ref,
        &model,
    )
    .map_err(from_expiry)?;
    Ok(object(&[
        ("elapsed", s.elapsed.into()),
        ("equivalentAtRef", s.equivalent_at_ref.into()),
        ("fractionConsumed", s.fraction_consumed.into()),
        ("remainingAtRef", s.remaining_at_ref.into()),
    ]))
}

/// MKT of every window of `window` consecutive readings.
#[wasm_bindgen(js_name = rollingMeanKineticTemperature)]
pub fn rolling_mean_kinetic_temperature(
    #[wasm_bindgen(js_name = tempsC, unchecked_param_type = "Numeric")] temps_c: JsValue,
    window: usize,
    options: Option<crate::expiry::MktOptions>,
) -> Result<js_sys::Float64Array, JsValue> {
    let options = options_value(options.map(Into::into));
    checked(&options, &["weights", "deltaH", "gasConstant"])?;
    let temps = numbers("tempsC", &temps_c)?;
    let weights = crate::convert::optional(&options, "weights")?;
    let mut out = vec![0.0; temps.as_slice().len().saturating_sub(window) + 1];
    rolling_mkt(
        temps.as_slice(),
        weights.as_ref().map(|w| w.as_slice()),
        window,
        &params(&options)?,
        &mut out,
    )
    .map_err(from_expiry)?;
    Ok(js_sys::Float64Array::from(out.as_slice()))
}

/// Stored sums of one bucket of readings.
#[derive(Serialize, Deserialize)]
struct Sums {
    ln_kinetic_sum: f64,
    weight: f64,
    weighted_temp: f64,
    min_c: Option<f64>,
    max_c: Option<f64>,
}

/// The partial sums of a bucket of readings, from which MKT over any set of buckets is exact.
#[wasm_bindgen(js_name = kineticSums)]
pub fn kinetic_sums(
    #[wasm_bindgen(js_name = tempsC, unchecked_param_type = "Numeric")] temps_c: JsValue,
    options: Option<crate::expiry::MktOptions>,
) -> Result<KineticSumsJs, JsValue> {
    let options = options_value(options.map(Into::into));
    checked(&options, &["weights", "deltaH", "gasConstant"])?;
    let temps = numbers("tempsC", &temps_c)?;
    let weights = crate::convert::optional(&options, "weights")?;
    let s = MktSums::from_readings(
        temps.as_slice(),
        weights.as_ref().map(|w| w.as_slice()),
        &params(&options)?,
    )
    .map_err(from_expiry)?;
    let sums = Sums {
        ln_kinetic_sum: s.ln_kinetic_sum(),
        weight: s.total_weight(),
        weighted_temp: s.weighted_temp(),
        min_c: s.min_c(),
        max_c: s.max_c(),
    };
    // An empty bucket's log sum is −∞, which JSON cannot carry: report it as null.
    let mut value = serde_json::to_value(&sums).map_err(|e| JsValue::from_str(&e.to_string()))?;
    if !sums.ln_kinetic_sum.is_finite() {
        value["ln_kinetic_sum"] = Value::Null;
    }
    Ok(to_js(&value)?.unchecked_into())
}

/// MKT (°C) of the union of buckets given by their `kineticSums`.
#[wasm_bindgen(js_name = combineKineticSums)]
pub fn combine_kinetic_sums(
    buckets: KineticSumsList,
    options: Option<crate::expiry::MktOptions>,
) -> Result<f64, JsValue> {
    let options = options_value(options.map(Into::into));
    checked(&options, &["deltaH", "gasConstant"])?;
    let p = params(&options)?;
    let list: Vec<Value> = read("buckets", from_js_value("buckets", &buckets.into())?)?;
    let mut total = MktSums::new(&p).map_err(from_expiry)?;
    for (i, b) in list.into_iter().enumerate() {
        if b.get("weight").and_then(Value::as_f64) == Some(0.0) {
            continue;
        }
        let s: Sums = read("buckets", b)?;
        let part = MktSums::from_parts(
            &p,
            s.ln_kinetic_sum,
            s.weight,
            s.weighted_temp,
            s.min_c.unwrap_or(f64::NAN),
            s.max_c.unwrap_or(f64::NAN),
        )
        .map_err(|e| match e {
            flowcast_expiry::Error::Invalid(v) => crate::errors::invalid(&v.at(i)),
            other => from_expiry(other),
        })?;
        total.merge(&part).map_err(from_expiry)?;
    }
    Ok(total.mkt_c().unwrap_or(f64::NAN))
}

/// The rules of `options`: its `product` preset (default `refrigerated`) with the other keys
/// overriding fields; `deltaH`/`gasConstant` set the MKT constants.
fn rules_of(options: &JsValue) -> Result<Rules, JsValue> {
    let mut given = from_js_value("options", options)?;
    let product = match given.get("product") {
        None | Some(Value::Null) => "refrigerated".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            return Err(crate::convert::wrong_type(
                "product",
                &property(options, "product"),
                "must be a product name",
            ));
        }
    };
    let mut base = serde_json::to_value(Rules::preset(&product).map_err(from_expiry)?)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    if let (Some(target), Some(fields)) = (base.as_object_mut(), given.as_object_mut()) {
        fields.remove("product");
        let mut mkt = target.get("mkt").cloned().unwrap_or(Value::Null);
        for key in ["delta_h", "gas_constant"] {
            if let Some(v) = fields.remove(key) {
                mkt[key] = v;
            }
        }
        target.insert("mkt".to_owned(), mkt);
        for (k, v) in fields.iter() {
            target.insert(k.clone(), v.clone());
        }
    }
    let rules: Rules = read("options", base)?;
    rules.validate().map_err(from_expiry)?;
    Ok(rules)
}

/// The validated rules of a product preset with overrides.
#[wasm_bindgen(js_name = excursionRules)]
pub fn excursion_rules(options: Option<ExcursionOptions>) -> Result<JsValue, JsValue> {
    to_js(&rules_of(&options_value(options.map(Into::into)))?)
}

/// Excursions, budgets, MKT and a verdict for one temperature log (timestamps in minutes).
#[wasm_bindgen(js_name = analyzeExcursions)]
pub fn analyze_excursions(
    #[wasm_bindgen(unchecked_param_type = "Numeric")] timestamps: JsValue,
    #[wasm_bindgen(js_name = tempsC, unchecked_param_type = "Numeric")] temps_c: JsValue,
    options: Option<ExcursionOptions>,
) -> Result<ExcursionReport, JsValue> {
    let rules = rules_of(&options_value(options.map(Into::into)))?;
    let (t, v) = (
        numbers("timestamps", &timestamps)?,
        numbers("tempsC", &temps_c)?,
    );
    let report = analyze(t.as_slice(), v.as_slice(), &rules).map_err(from_expiry)?;
    Ok(to_js(&report)?.unchecked_into())
}

/// A streaming excursion tracker: `push` readings as they arrive, `state()` to store,
/// `ExcursionTracker.fromState` to resume.
#[wasm_bindgen]
pub struct ExcursionTracker {
    inner: Tracker,
}

#[wasm_bindgen]
impl ExcursionTracker {
    /// A tracker for a new log, with the rules of `options`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<ExcursionOptions>) -> Result<ExcursionTracker, JsValue> {
        let rules = rules_of(&options_value(options.map(Into::into)))?;
        Ok(Self {
            inner: Tracker::new(rules).map_err(from_expiry)?,
        })
    }

    /// Resumes a tracker from `state()`.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(state: &str) -> Result<ExcursionTracker, JsValue> {
        let inner: Tracker = serde_json::from_str(state).map_err(|e| {
            crate::errors::invalid(&flowcast_core::ValidationError::new(
                flowcast_core::ErrorCode::WrongType,
                "state",
                "the given text",
                format!("is not a tracker state: {e}"),
            ))
        })?;
        inner.rules().validate().map_err(from_expiry)?;
        Ok(Self { inner })
    }

    /// Takes in reading `tempC` at `t` minutes; returns its signals.
    pub fn push(
        &mut self,
        t: f64,
        #[wasm_bindgen(js_name = tempC)] temp_c: f64,
    ) -> Result<ExcursionSignals, JsValue> {
        let s = self.inner.push(t, temp_c).map_err(from_expiry)?;
        Ok(to_js(&s)?.unchecked_into())
    }

    /// Takes in many readings at once (all or none on bad input).
    pub fn extend(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Numeric")] timestamps: JsValue,
        #[wasm_bindgen(js_name = tempsC, unchecked_param_type = "Numeric")] temps_c: JsValue,
    ) -> Result<(), JsValue> {
        let (t, v) = (
            numbers("timestamps", &timestamps)?,
            numbers("tempsC", &temps_c)?,
        );
        self.inner
            .extend(t.as_slice(), v.as_slice())
            .map_err(from_expiry)
    }

    /// The report on the readings so far.
    pub fn report(&self) -> Result<ExcursionReport, JsValue> {
        Ok(to_js(&self.inner.report())?.unchecked_into())
    }

    /// The whole state as JSON text.
    pub fn state(&self) -> Result<String, JsValue> {
        serde_json::to_string(&self.inner).map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// Readings taken in so far.
    #[wasm_bindgen(getter)]
    pub fn readings(&self) -> f64 {
        self.inner.readings() as f64
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FefoLotIn {
    lot: Value,
    expiry_day: i64,
    qty: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FefoOrderIn {
    qty: f64,
    ship_day: i64,
    #[serde(default)]
    min_remaining_days: i64,
}

fn lot_id(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

/// FEFO picks for one order: `{ picks: [{ lot, qty }], shortfall, ineligibleLots, reasons }`.
#[wasm_bindgen(js_name = fefoAllocate)]
pub fn fefo_allocate(lots: FefoLots, order: FefoOrder) -> Result<FefoAllocation, JsValue> {
    let lots_in: Vec<FefoLotIn> = read("lots", from_js_value("lots", &lots.into())?)?;
    let order_in: FefoOrderIn = read("order", from_js_value("order", &order.into())?)?;
    let lots: Vec<Lot> = lots_in
        .iter()
        .map(|l| Lot {
            id: lot_id(&l.lot),
            expiry_day: l.expiry_day,
            qty: l.qty,
        })
        .collect();
    let order = Order {
        qty: order_in.qty,
        ship_day: order_in.ship_day,
        min_remaining_days: order_in.min_remaining_days,
    };
    let a = fefo_allocate_orders(&lots, &[order])
        .map_err(from_expiry)?
        .remove(0);
    let picks: Vec<Value> = a
        .picks
        .iter()
        .map(|p| serde_json::json!({ "lot": lots_in[p.lot].lot, "qty": p.qty }))
        .collect();
    let ineligible: Vec<Value> = a
        .ineligible
        .iter()
        .map(|i| lots_in[i.lot].lot.clone())
        .collect();
    let reasons: Vec<Value> = a
        .ineligible
        .iter()
        .map(|i| {
            let mut r = serde_json::to_value(i.reason).unwrap_or(Value::Null);
            r["lot"] = lots_in[i.lot].lot.clone();
            r
        })
        .collect();
    let out = serde_json::json!({ "picks": picks, "shortfall": a.shortfall, "ineligible_lots": ineligible, "reasons": reasons });
    Ok(to_js(&out)?.unchecked_into())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WasteLotIn {
    lot: Value,
    qty: f64,
    days_to_expiry: u32,
    #[serde(default)]
    unit_value: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemandIn {
    demand_per_day: Value,
    demand_after: Option<f64>,
    #[serde(default)]
    min_shelf_days: u32,
}

/// Projected sold and unsold units of each lot under a daily forecast, first-expiry-first-out.
#[wasm_bindgen(js_name = projectWaste)]
pub fn project_waste(lots: WasteLots, demand: WasteDemand) -> Result<LotProjections, JsValue> {
    let lots_in: Vec<WasteLotIn> = read("lots", from_js_value("lots", &lots.into())?)?;
    let d: DemandIn = read("demand", from_js_value("demand", &demand.into())?)?;
    let lots: Vec<WasteLot> = lots_in
        .iter()
        .map(|l| WasteLot::new(lot_id(&l.lot), l.qty, l.days_to_expiry, l.unit_value))
        .collect();
    let daily: Option<Vec<f64>> = match &d.demand_per_day {
        Value::Array(_) => Some(read("demandPerDay", d.demand_per_day.clone())?),
        _ => None,
    };
    let mean = match (&daily, d.demand_after) {
        (_, Some(after)) => after,
        (Some(days), None) if !days.is_empty() => days.iter().sum::<f64>() / days.len() as f64,
        (Some(_), None) => 0.0,
        (None, _) => read("demandPerDay", d.demand_per_day.clone())?,
    };
    let demand = match &daily {
        Some(days) => Demand::daily(days, mean),
        None => Demand::flat(mean),
    };
    let out = project(&lots, demand, d.min_shelf_days).map_err(from_expiry)?;
    let mut value = serde_json::to_value(&out).map_err(|e| JsValue::from_str(&e.to_string()))?;
    if let Value::Array(items) = &mut value {
        for (item, lot) in items.iter_mut().zip(&lots_in) {
            item["lot"] = lot.lot.clone();
        }
    }
    Ok(to_js(&value)?.unchecked_into())
}

/// The markdown / transfer / donation plan maximising recovered value (an LP).
#[wasm_bindgen(js_name = planWaste)]
pub fn plan_waste(problem: PlanProblem) -> Result<Plan, JsValue> {
    let problem: WastePlanProblem = read("problem", from_js_value("problem", &problem.into())?)?;
    let plan = plan(&problem).map_err(from_expiry)?;
    Ok(to_js(&plan)?.unchecked_into())
}
