//! Vehicle routing: `solveVrp` (a problem in, the best routes found within a time limit out)
//! and `checkVrp` (the independent checker's report on any routes).
//!
//! A problem is the flowcast JSON problem format (`docs/vrp-format.md`) as an object or a JSON
//! string, or `{ vrplib: text }` / `{ solomon: text }`, or the text of any of the three formats
//! (detected from the content). The search runs on the page's one thread, reading time from
//! `performance.now()` (`Date.now()` where that is missing), and returns within the time limit.

use std::time::Duration;

use flowcast_core::{CancellationToken, Clock, ErrorCode, NoProgress, ValidationError};
use flowcast_vrp::format::{self, Format, FormatError};
use flowcast_vrp::{Problem, ProblemErrors, Route, Solution, SolveError, SolveOptions, solve_with};
use js_sys::{Array, Error, Object, Reflect};
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::convert::{ONE_THREAD, expect_object, property, wrong_type};
use crate::errors::invalid;
use crate::json::to_js;

#[wasm_bindgen]
extern "C" {
    /// A routing problem (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "VrpProblemInput")]
    pub type VrpProblemInput;
    /// Options of [`solve_vrp`] (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "VrpSolveOptions")]
    pub type VrpSolveOptions;
    /// What [`solve_vrp`] returns (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "VrpResult")]
    pub type VrpResult;
    /// Routes to check (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "VrpRoutesInput")]
    pub type VrpRoutesInput;
    /// What [`check_vrp`] returns (declared in TypeScript).
    #[wasm_bindgen(typescript_type = "VrpCheckReport")]
    pub type VrpCheckReport;

    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// The default time limit of [`solve_vrp`], in seconds.
const DEFAULT_TIME_LIMIT: f64 = 2.0;

/// Solves a routing problem and returns the best solution found within `timeLimit` seconds
/// (default 2) or `maxIterations` iterations: `{ cost, feasible, routes, vehicleTypes,
/// unserved, iterations, seconds, numVehicles }`, client indices 0-based. `initial` (routes,
/// or a previous result) is a warm start; the result is never worse than it.
#[wasm_bindgen(js_name = solveVrp)]
pub fn solve_vrp(
    problem: VrpProblemInput,
    options: Option<VrpSolveOptions>,
) -> Result<VrpResult, JsValue> {
    let problem = read_problem(&problem.into())?;
    let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
    if !options.is_undefined() && !options.is_null() {
        expect_object(&options, &["timeLimit", "seed", "maxIterations", "initial"])?;
    }
    let time_limit = match property(&options, "timeLimit") {
        v if v.is_undefined() => Some(DEFAULT_TIME_LIMIT),
        v if v.is_null() => None,
        v => Some(v.as_f64().ok_or_else(|| {
            wrong_type(
                "timeLimit",
                &v,
                "must be a number of seconds (null: no limit)",
            )
        })?),
    };
    let time_limit = time_limit
        .map(|s| {
            Duration::try_from_secs_f64(s).map_err(|_| {
                let code = if s.is_finite() {
                    ErrorCode::Negative
                } else {
                    ErrorCode::NotFinite
                };
                invalid(&ValidationError::new(
                    code,
                    "timeLimit",
                    s,
                    "must be a finite number of seconds, 0 or more (null: no limit)",
                ))
            })
        })
        .transpose()?;
    let seed = whole_option(&options, "seed")?.unwrap_or(0);
    let max_iterations = whole_option(&options, "maxIterations")?;
    let initial = match property(&options, "initial") {
        v if v.is_undefined() || v.is_null() => None,
        v => Some(routes_input("initial", &v)?),
    };
    let options = SolveOptions {
        time_limit,
        max_iterations,
        seed,
        threads: ONE_THREAD,
        initial,
        ..SolveOptions::default()
    };
    let clock = JsClock::new();
    let result = solve_with(
        &problem,
        &options,
        &clock,
        CancellationToken::new(),
        NoProgress,
    )
    .map_err(|e| solve_error(&e))?;
    let (routes, types): (Vec<_>, Vec<_>) = result
        .solution
        .non_empty_routes()
        .map(|r| (r.visits.clone(), r.vehicle_type))
        .unzip();
    let out = json!({
        "cost": result.cost,
        "feasible": result.feasible,
        "num_vehicles": routes.len(),
        "routes": routes,
        "vehicle_types": types,
        "unserved": result.unserved.iter()
            .map(|u| json!({"client": u.client, "reason": u.reason.as_str()}))
            .collect::<Vec<_>>(),
        "iterations": result.iterations,
        "seconds": result.seconds,
    });
    Ok(to_js(&out)?.unchecked_into())
}

/// Checks routes against a problem with the independent checker (it shares no code with the
/// solver): `{ feasible, cost, distance, duration, fixedCost, uncollectedPrizes, numVehicles,
/// violations: [{ code, message, route?, client?, … }], unvisited, routes: [{ vehicleType,
/// visits, distance, duration, load, departure, returnTime, cost, feasible }] }`. `routes` is
/// `number[][]` (every route of vehicle type 0) or `{ routes, vehicleTypes? }` (a result of
/// [`solve_vrp`] works).
#[wasm_bindgen(js_name = checkVrp)]
pub fn check_vrp(
    problem: VrpProblemInput,
    routes: VrpRoutesInput,
) -> Result<VrpCheckReport, JsValue> {
    let problem = read_problem(&problem.into())?;
    let solution = routes_input("routes", &routes.into())?;
    let report = flowcast_vrp::check(&problem, &solution);
    Ok(to_js(&report.to_json())?.unchecked_into())
}

/// Time from `performance.now()`, or `Date.now()` where there is no `performance`.
struct JsClock {
    performance: bool,
}

impl JsClock {
    fn new() -> Self {
        let global = js_sys::global();
        let performance = Reflect::get(&global, &"performance".into())
            .ok()
            .filter(|p| p.is_object())
            .and_then(|p| Reflect::get(&p, &"now".into()).ok())
            .is_some_and(|now| now.is_function());
        Self { performance }
    }
}

impl Clock for JsClock {
    fn now(&self) -> Duration {
        let ms = if self.performance {
            performance_now()
        } else {
            js_sys::Date::now()
        };
        Duration::from_secs_f64(ms.max(0.0) / 1000.0)
    }
}

/// A problem from a JSON object or string, `{ vrplib }` / `{ solomon }`, or any format's text.
fn read_problem(value: &JsValue) -> Result<Problem, JsValue> {
    if let Some(text) = value.as_string() {
        return format::read(&text, None).map_err(|e| format_error(&e));
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(wrong_type(
            "problem",
            value,
            "must be a problem object, a JSON string, or { vrplib: text } / { solomon: text }",
        ));
    }
    let keys = Object::keys(value.unchecked_ref::<Object>());
    if keys.length() == 1 {
        let key = keys.get(0).as_string().unwrap_or_default();
        let as_format = match key.as_str() {
            "vrplib" => Some(Format::Vrplib),
            "solomon" => Some(Format::Solomon),
            _ => None,
        };
        if let Some(f) = as_format {
            let text = property(value, &key);
            let text = text
                .as_string()
                .ok_or_else(|| wrong_type("problem", &text, "the file's text must be a string"))?;
            return format::read(&text, Some(f)).map_err(|e| format_error(&e));
        }
    }
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| wrong_type("problem", value, "cannot be written as JSON"))?;
    format::from_json(&text).map_err(|e| format_error(&e))
}

/// Routes from `number[][]` or `{ routes, vehicleTypes? }`.
fn routes_input(field: &'static str, value: &JsValue) -> Result<Solution, JsValue> {
    let (routes, types) = if Array::is_array(value) {
        (value.clone(), JsValue::UNDEFINED)
    } else if value.is_object() {
        (property(value, "routes"), property(value, "vehicleTypes"))
    } else {
        return Err(wrong_type(
            field,
            value,
            "must be routes (number[][]) or { routes, vehicleTypes? }",
        ));
    };
    if !Array::is_array(&routes) {
        return Err(wrong_type(field, &routes, "routes must be number[][]"));
    }
    let routes: &Array = routes.unchecked_ref();
    let types: Option<Vec<usize>> = if types.is_undefined() || types.is_null() {
        None
    } else if Array::is_array(&types) {
        let types: &Array = types.unchecked_ref();
        if types.length() != routes.length() {
            return Err(invalid(&ValidationError::new(
                ErrorCode::LengthMismatch,
                "vehicleTypes",
                format!("{} vs {} routes", types.length(), routes.length()),
                "must give one vehicle type per route",
            )));
        }
        Some(
            types
                .iter()
                .enumerate()
                .map(|(i, t)| index(&format!("vehicleTypes[{i}]"), &t))
                .collect::<Result<_, _>>()?,
        )
    } else {
        return Err(wrong_type("vehicleTypes", &types, "must be number[]"));
    };
    let mut out = Vec::with_capacity(routes.length() as usize);
    for (r, route) in routes.iter().enumerate() {
        if !Array::is_array(&route) {
            return Err(index_error(
                &format!("{field}[{r}]"),
                &route,
                ErrorCode::WrongType,
                "must be an array of client indices",
            ));
        }
        let visits = route
            .unchecked_ref::<Array>()
            .iter()
            .enumerate()
            .map(|(k, c)| index(&format!("{field}[{r}][{k}]"), &c))
            .collect::<Result<_, _>>()?;
        out.push(Route::new(types.as_ref().map_or(0, |t| t[r]), visits));
    }
    Ok(Solution::new(out))
}

/// A whole number, 0 or more.
fn index(field: &str, value: &JsValue) -> Result<usize, JsValue> {
    match value.as_f64() {
        Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= 9_007_199_254_740_991.0 => Ok(x as usize),
        Some(x) if x < 0.0 => Err(index_error(
            field,
            value,
            ErrorCode::Negative,
            "must be an index, 0 or more",
        )),
        _ => Err(index_error(
            field,
            value,
            ErrorCode::WrongType,
            "must be a whole number",
        )),
    }
}

fn index_error(field: &str, value: &JsValue, code: ErrorCode, reason: &'static str) -> JsValue {
    let shown = value.as_f64().map_or_else(
        || value.js_typeof().as_string().unwrap_or_default(),
        |x| x.to_string(),
    );
    invalid(&ValidationError::new(code, field.to_owned(), shown, reason))
}

/// An optional whole-number option (`undefined`/`null`: absent).
fn whole_option(options: &JsValue, field: &'static str) -> Result<Option<u64>, JsValue> {
    let v = property(options, field);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    index(field, &v).map(|i| Some(i as u64))
}

/// A thrown `ValidationError` with `code`, `field`, `value`, `reason`, and `line` and `issues`
/// (each `{ code, location, cause, action }`).
fn validation_error(
    message: &str,
    code: &str,
    field: &str,
    reason: &str,
    line: Option<usize>,
    issues: &[[&str; 4]],
) -> JsValue {
    let err = Error::new(message);
    err.set_name("ValidationError");
    let list = Array::new();
    for [code, location, cause, action] in issues {
        let item = Object::new();
        for (k, v) in [
            ("code", code),
            ("location", location),
            ("cause", cause),
            ("action", action),
        ] {
            let _ = Reflect::set(&item, &k.into(), &(*v).into());
        }
        list.push(&item);
    }
    for (key, value) in [
        ("code", JsValue::from_str(code)),
        ("field", JsValue::from_str(field)),
        (
            "value",
            JsValue::from_str(&line.map_or(String::new(), |l| l.to_string())),
        ),
        ("reason", JsValue::from_str(reason)),
        (
            "line",
            line.map_or(JsValue::NULL, |l| JsValue::from_f64(l as f64)),
        ),
        ("issues", list.into()),
    ] {
        // Setting a property on a fresh Error object cannot fail.
        let _ = Reflect::set(&err, &key.into(), &value);
    }
    err.into()
}

/// A reader's error: `malformed` / `unsupported_version` with its line, or every issue.
fn format_error(e: &FormatError) -> JsValue {
    match e {
        FormatError::Invalid(errors) => problem_error(errors),
        other => {
            let code = match other {
                FormatError::UnsupportedVersion { .. } => "unsupported_version",
                _ => "malformed",
            };
            let reason = match other {
                FormatError::Parse { message, .. } => message.clone(),
                _ => other.to_string(),
            };
            validation_error(
                &format!("{other} [{code}]"),
                code,
                "line",
                &reason,
                other.line(),
                &[],
            )
        }
    }
}

/// Every issue of an invalid problem; `code` and `field` are the first one's.
fn problem_error(errors: &ProblemErrors) -> JsValue {
    let issues: Vec<[&str; 4]> = errors
        .issues()
        .iter()
        .map(|i| [i.code.as_str(), &i.location, &i.cause, &i.action])
        .collect();
    let [code, field, reason, _] = issues.first().copied().unwrap_or(["", "", "", ""]);
    let n = issues.len();
    validation_error(
        &format!(
            "invalid problem ({n} issue{}): {}",
            if n == 1 { "" } else { "s" },
            errors.to_string().replace('\n', " | ")
        ),
        code,
        field,
        reason,
        None,
        &issues,
    )
}

fn solve_error(e: &SolveError) -> JsValue {
    let (field, value, reason) = match e {
        SolveError::TooManyDimensions(d) => ("dimensions", d.to_string(), e.to_string()),
        SolveError::Unbounded => (
            "timeLimit",
            "null".to_owned(),
            "give timeLimit or maxIterations, or the search never stops".to_owned(),
        ),
        SolveError::BadInitial(why) => ("initial", "the given routes".to_owned(), why.clone()),
        other => ("problem", String::new(), other.to_string()),
    };
    invalid(&ValidationError::new(
        ErrorCode::OutOfRange,
        field,
        value,
        reason,
    ))
}
