//! The flowcast JSON formats: a versioned problem format and a versioned solution format (see
//! `docs/vrp-format.md` for every field, its default and an example).
//!
//! Problem: `{"format": "flowcast-vrp-problem", "version": 1, "name", "dimensions"?,
//! "depots": [...], "clients": [...], "vehicleTypes": [...], "distance"?: [[...]],
//! "duration"?: [[...]], "rounding"?: "exact" | "nearest" | "ceil"}`. Keys are camelCase
//! (`twEarly`, `vehicleTypes`, `unitDistanceCost`); optional fields take the model's defaults; a
//! missing or `null` `twLate`, `maxDuration` or `maxDistance` is +∞. Without `distance`, the
//! distances are computed from the coordinates with `rounding` (default `exact`); without
//! `duration`, durations equal distances. Unknown keys are errors (they are usually typos).
//!
//! Solution: `{"format": "flowcast-vrp-solution", "version": 1, "routes": [{"vehicleType": 0,
//! "visits": [2, 0, 1]}]}` with 0-based client indices.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::FormatError;
use crate::model::{
    Client, Depot, IssueCode, Matrices, Matrix, Problem, ProblemErrors, ProblemIssue, Rounding,
    VehicleType,
};
use crate::solution::{Route, Solution};

/// The `format` value of a problem file.
pub const PROBLEM_FORMAT: &str = "flowcast-vrp-problem";
/// The `format` value of a solution file.
pub const SOLUTION_FORMAT: &str = "flowcast-vrp-solution";
/// The version of both formats this build reads and writes.
pub const VERSION: u64 = 1;
/// The most load dimensions a problem file may declare (a guard against `"dimensions": 1e9`
/// filling every default demand with a billion zeros).
pub const MAX_DIMENSIONS: usize = 1024;

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}
fn is_one(v: &f64) -> bool {
    *v == 1.0
}
fn is_true(v: &bool) -> bool {
    *v
}
fn is_zero_index(v: &usize) -> bool {
    *v == 0
}

/// +∞ is written as an absent key.
mod unbounded {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn is_infinite(v: &f64) -> bool {
        *v == f64::INFINITY
    }

    pub(super) fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(*v)
    }

    /// A number, or `null` for +∞.
    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::INFINITY))
    }

    pub(super) fn infinity() -> f64 {
        f64::INFINITY
    }
}

/// A load: one number (one dimension) or an array of numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
struct Load(Vec<f64>);

impl<'de> Deserialize<'de> for Load {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LoadVisitor;
        impl<'de> Visitor<'de> for LoadVisitor {
            type Value = Load;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or an array of numbers")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Load, E> {
                Ok(Load(vec![v]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Load, E> {
                Ok(Load(vec![v as f64]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Load, E> {
                Ok(Load(vec![v as f64]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Load, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<f64>()? {
                    out.push(v);
                }
                Ok(Load(out))
            }
        }
        d.deserialize_any(LoadVisitor)
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DepotJson {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(default)]
    x: Option<f64>,
    #[serde(default)]
    y: Option<f64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    tw_early: f64,
    #[serde(
        default = "unbounded::infinity",
        with = "unbounded",
        skip_serializing_if = "unbounded::is_infinite"
    )]
    tw_late: f64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClientJson {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(default)]
    x: Option<f64>,
    #[serde(default)]
    y: Option<f64>,
    #[serde(default)]
    demand: Option<Load>,
    #[serde(default, skip_serializing_if = "is_zero")]
    service: f64,
    #[serde(default, skip_serializing_if = "is_zero")]
    tw_early: f64,
    #[serde(
        default = "unbounded::infinity",
        with = "unbounded",
        skip_serializing_if = "unbounded::is_infinite"
    )]
    tw_late: f64,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    required: bool,
    #[serde(default, skip_serializing_if = "is_zero")]
    prize: f64,
}

fn yes() -> bool {
    true
}
fn one() -> f64 {
    1.0
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct VehicleTypeJson {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    count: usize,
    #[serde(default)]
    capacity: Option<Load>,
    #[serde(default, skip_serializing_if = "is_zero")]
    fixed_cost: f64,
    #[serde(default, skip_serializing_if = "is_zero_index")]
    start_depot: usize,
    #[serde(default, skip_serializing_if = "is_zero_index")]
    end_depot: usize,
    #[serde(default, skip_serializing_if = "is_zero")]
    tw_early: f64,
    #[serde(
        default = "unbounded::infinity",
        with = "unbounded",
        skip_serializing_if = "unbounded::is_infinite"
    )]
    tw_late: f64,
    #[serde(
        default = "unbounded::infinity",
        with = "unbounded",
        skip_serializing_if = "unbounded::is_infinite"
    )]
    max_duration: f64,
    #[serde(
        default = "unbounded::infinity",
        with = "unbounded",
        skip_serializing_if = "unbounded::is_infinite"
    )]
    max_distance: f64,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    unit_distance_cost: f64,
    #[serde(default, skip_serializing_if = "is_zero")]
    unit_duration_cost: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RoundingJson {
    Exact,
    Nearest,
    Ceil,
}

impl From<RoundingJson> for Rounding {
    fn from(r: RoundingJson) -> Self {
        match r {
            RoundingJson::Exact => Self::Exact,
            RoundingJson::Nearest => Self::Nearest,
            RoundingJson::Ceil => Self::Ceil,
        }
    }
}

impl From<Rounding> for RoundingJson {
    fn from(r: Rounding) -> Self {
        match r {
            Rounding::Exact => Self::Exact,
            Rounding::Nearest => Self::Nearest,
            Rounding::Ceil => Self::Ceil,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ProblemJson {
    format: String,
    version: u64,
    #[serde(default)]
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dimensions: Option<usize>,
    depots: Vec<DepotJson>,
    #[serde(default)]
    clients: Vec<ClientJson>,
    vehicle_types: Vec<VehicleTypeJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rounding: Option<RoundingJson>,
    #[serde(default, skip_serializing)]
    distance: Option<Vec<Vec<f64>>>,
    #[serde(default, skip_serializing)]
    duration: Option<Vec<Vec<f64>>>,
}

/// The two keys every file starts with, read leniently before the strict parse.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

/// A solution file (the serde form of [`solution_to_json`] / [`solution_from_json`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SolutionFile {
    /// Always [`SOLUTION_FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u64,
    /// The routes, with 0-based client indices.
    pub routes: Vec<Route>,
}

fn json_error(e: &serde_json::Error) -> FormatError {
    let message = e.to_string();
    // serde_json appends " at line L column C"; the line goes in its own field.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    FormatError::at(
        e.line().max(1),
        format!("{message} (column {})", e.column()),
    )
}

/// The 1-based line of the first `"key"` in the text (1 if absent).
fn line_of(text: &str, key: &str) -> usize {
    let quoted = format!("\"{key}\"");
    text.find(&quoted)
        .map_or(1, |pos| text[..pos].matches('\n').count() + 1)
}

/// Checks `format` and `version` before anything else, so an old or new file gets a clear
/// message rather than a list of unknown keys.
fn header(text: &str, expected: &'static str, other: &str) -> Result<(), FormatError> {
    let h: Header = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    match h.format.as_deref() {
        Some(f) if f == expected => {}
        Some(f) if f == other => {
            return Err(FormatError::at(
                line_of(text, "format"),
                format!("this is a {other:?} file; expected {expected:?}"),
            ));
        }
        Some(f) => {
            return Err(FormatError::at(
                line_of(text, "format"),
                format!("\"format\" is {f:?}; expected {expected:?}"),
            ));
        }
        None => {
            return Err(FormatError::at(
                1,
                format!("\"format\": {expected:?} is missing"),
            ));
        }
    }
    match h.version {
        Some(serde_json::Value::Number(v)) => match v.as_u64() {
            Some(VERSION) => Ok(()),
            Some(version) => Err(FormatError::UnsupportedVersion {
                line: line_of(text, "version"),
                format: expected,
                version,
                supported: VERSION,
            }),
            None => Err(FormatError::at(
                line_of(text, "version"),
                format!("\"version\" {v} is not a whole number"),
            )),
        },
        Some(v) => Err(FormatError::at(
            line_of(text, "version"),
            format!("\"version\" {v} is not a whole number"),
        )),
        None => Err(FormatError::at(
            1,
            format!("\"version\": {VERSION} is missing"),
        )),
    }
}

/// `vehicle_types[0].tw_early` → `vehicleTypes[0].twEarly`: model locations in the JSON
/// format's spelling.
fn camel(location: &str) -> String {
    let mut out = String::with_capacity(location.len());
    let mut upper = false;
    for ch in location.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.push(ch.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// Reads a problem in the JSON format.
///
/// ```
/// let p = flowcast_vrp::format::from_json(r#"{
///   "format": "flowcast-vrp-problem", "version": 1, "name": "tiny",
///   "depots": [{"x": 0, "y": 0}],
///   "clients": [{"x": 3, "y": 4, "demand": 2, "twLate": 10}],
///   "vehicleTypes": [{"count": 1, "capacity": 5}]
/// }"#)?;
/// assert_eq!(p.distance(0, 1), 5.0);
/// assert_eq!(p.clients()[0].tw_late, 10.0);
/// # Ok::<(), flowcast_vrp::FormatError>(())
/// ```
///
/// # Errors
/// [`FormatError::Parse`] for malformed JSON, a wrong `format`, a misspelt key or a value of the
/// wrong type (with serde's line); [`FormatError::UnsupportedVersion`]; [`FormatError::Invalid`]
/// with every issue (locations in camelCase: `vehicleTypes[0].twLate`), including missing
/// coordinates when there is no distance matrix and ragged matrix rows.
pub fn from_json(text: &str) -> Result<Problem, FormatError> {
    let text = super::strip_bom(text);
    header(text, PROBLEM_FORMAT, SOLUTION_FORMAT)?;
    let file: ProblemJson = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    if file.dimensions.is_some_and(|d| d > MAX_DIMENSIONS) {
        return Err(FormatError::at(
            line_of(text, "dimensions"),
            format!("\"dimensions\" is more than the {MAX_DIMENSIONS} load dimensions supported"),
        ));
    }
    let dimensions = file.dimensions.unwrap_or_else(|| {
        file.vehicle_types
            .iter()
            .find_map(|v| v.capacity.as_ref().map(|c| c.0.len()))
            .or_else(|| {
                file.clients
                    .iter()
                    .find_map(|c| c.demand.as_ref().map(|d| d.0.len()))
            })
            .unwrap_or(0)
    });
    let mut found = Vec::new();
    let needs_coordinates = file.distance.is_none();
    let mut coordinate = |location: String, v: Option<f64>| -> f64 {
        if v.is_none() && needs_coordinates {
            found.push(ProblemIssue::new(
                IssueCode::Missing,
                location,
                "missing; coordinates are needed when there is no \"distance\" matrix",
                "give x and y for every depot and client, or a \"distance\" matrix",
            ));
        }
        v.unwrap_or(0.0)
    };
    let depots: Vec<Depot> = file
        .depots
        .into_iter()
        .enumerate()
        .map(|(i, d)| Depot {
            x: coordinate(format!("depots[{i}].x"), d.x),
            y: coordinate(format!("depots[{i}].y"), d.y),
            name: d.name,
            tw_early: d.tw_early,
            tw_late: d.tw_late,
        })
        .collect();
    let clients: Vec<Client> = file
        .clients
        .into_iter()
        .enumerate()
        .map(|(i, c)| Client {
            x: coordinate(format!("clients[{i}].x"), c.x),
            y: coordinate(format!("clients[{i}].y"), c.y),
            name: c.name,
            demand: c.demand.map_or_else(|| vec![0.0; dimensions], |d| d.0),
            service: c.service,
            tw_early: c.tw_early,
            tw_late: c.tw_late,
            required: c.required,
            prize: c.prize,
        })
        .collect();
    let vehicle_types: Vec<VehicleType> = file
        .vehicle_types
        .into_iter()
        .map(|v| VehicleType {
            name: v.name,
            count: v.count,
            capacity: v.capacity.map_or_else(|| vec![0.0; dimensions], |c| c.0),
            fixed_cost: v.fixed_cost,
            start_depot: v.start_depot,
            end_depot: v.end_depot,
            tw_early: v.tw_early,
            tw_late: v.tw_late,
            max_duration: v.max_duration,
            max_distance: v.max_distance,
            unit_distance_cost: v.unit_distance_cost,
            unit_duration_cost: v.unit_duration_cost,
        })
        .collect();
    let mut matrix = |name: &str, rows: Option<Vec<Vec<f64>>>| -> Option<Matrix> {
        let rows = rows?;
        match Matrix::from_rows(&rows) {
            Ok(m) => Some(m),
            Err(e) => {
                found.push(ProblemIssue::new(
                    IssueCode::MatrixSize,
                    name.to_owned(),
                    e.to_string(),
                    "give one row per location, each with one entry per location",
                ));
                None
            }
        }
    };
    let distance_given = file.distance.is_some();
    let duration_given = file.duration.is_some();
    let distance = matrix("distance", file.distance);
    let duration = matrix("duration", file.duration);
    let rounding = file.rounding.map_or(Rounding::Exact, Rounding::from);
    let matrices = if (distance_given && distance.is_none())
        || (duration_given && duration.is_none())
        || !found.is_empty()
    {
        Matrices::Unusable
    } else {
        match (distance, duration) {
            (Some(distance), Some(duration)) => Matrices::Given { distance, duration },
            (Some(distance), None) => Matrices::DistanceOnly(distance),
            (None, Some(duration)) => {
                let points = crate::model::coordinates(&depots, &clients);
                match Matrix::euclidean(&points, rounding) {
                    Ok(distance) => Matrices::Given { distance, duration },
                    Err(e) => {
                        found.push(ProblemIssue::new(
                            IssueCode::TooLarge,
                            "clients",
                            e.to_string(),
                            "split the problem, or give fewer locations",
                        ));
                        Matrices::Unusable
                    }
                }
            }
            (None, None) => Matrices::Coordinates(rounding),
        }
    };
    Problem::build(
        file.name,
        depots,
        clients,
        vehicle_types,
        Some(dimensions),
        matrices,
        found,
    )
    .map_err(|ProblemErrors(issues)| {
        FormatError::Invalid(ProblemErrors(
            issues
                .into_iter()
                .map(|i| ProblemIssue {
                    location: camel(&i.location),
                    ..i
                })
                .collect(),
        ))
    })
}

/// Writes a problem in the JSON format, pretty-printed, one matrix row per line. A problem
/// built from coordinates is written with its `rounding` and without matrices; otherwise the
/// distance matrix is written, and the duration matrix too unless it equals the distances.
/// [`from_json`] reads it back to an equal problem.
pub fn to_json(problem: &Problem) -> String {
    let file = ProblemJson {
        format: PROBLEM_FORMAT.into(),
        version: VERSION,
        name: problem.name().into(),
        dimensions: Some(problem.dimensions()),
        depots: problem
            .depots()
            .iter()
            .map(|d| DepotJson {
                name: d.name.clone(),
                x: Some(d.x),
                y: Some(d.y),
                tw_early: d.tw_early,
                tw_late: d.tw_late,
            })
            .collect(),
        clients: problem
            .clients()
            .iter()
            .map(|c| ClientJson {
                name: c.name.clone(),
                x: Some(c.x),
                y: Some(c.y),
                demand: Some(Load(c.demand.clone())),
                service: c.service,
                tw_early: c.tw_early,
                tw_late: c.tw_late,
                required: c.required,
                prize: c.prize,
            })
            .collect(),
        vehicle_types: problem
            .vehicle_types()
            .iter()
            .map(|v| VehicleTypeJson {
                name: v.name.clone(),
                count: v.count,
                capacity: Some(Load(v.capacity.clone())),
                fixed_cost: v.fixed_cost,
                start_depot: v.start_depot,
                end_depot: v.end_depot,
                tw_early: v.tw_early,
                tw_late: v.tw_late,
                max_duration: v.max_duration,
                max_distance: v.max_distance,
                unit_distance_cost: v.unit_distance_cost,
                unit_duration_cost: v.unit_duration_cost,
            })
            .collect(),
        rounding: problem.rounding().map(RoundingJson::from),
        distance: None,
        duration: None,
    };
    // Serialising plain structs of finite numbers and strings cannot fail.
    let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
    if problem.rounding().is_none() {
        let mut matrices = String::new();
        write_matrix(&mut matrices, "distance", problem.distance_matrix());
        if !problem.duration_is_distance() {
            write_matrix(&mut matrices, "duration", problem.duration_matrix());
        }
        if out.ends_with("\n}") {
            out.truncate(out.len() - 2);
            out.push_str(&matrices);
            out.push_str("\n}");
        }
    }
    out.push('\n');
    out
}

fn write_matrix(out: &mut String, name: &str, m: &Matrix) {
    out.push_str(&format!(",\n  \"{name}\": ["));
    for i in 0..m.size() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("\n    ");
        out.push_str(&serde_json::to_string(m.row(i)).unwrap_or_default());
    }
    out.push_str(if m.size() > 0 { "\n  ]" } else { "]" });
}

/// Writes a solution in the JSON solution format (pretty-printed, one route per line).
///
/// ```
/// use flowcast_vrp::format::{solution_from_json, solution_to_json};
/// use flowcast_vrp::{Route, Solution};
/// let s = Solution::new(vec![Route::new(0, vec![2, 0, 1])]);
/// let text = solution_to_json(&s);
/// assert!(text.contains(r#"{"vehicleType":0,"visits":[2,0,1]}"#));
/// assert_eq!(solution_from_json(&text)?, s);
/// # Ok::<(), flowcast_vrp::FormatError>(())
/// ```
pub fn solution_to_json(solution: &Solution) -> String {
    let mut out = format!(
        "{{\n  \"format\": \"{SOLUTION_FORMAT}\",\n  \"version\": {VERSION},\n  \"routes\": ["
    );
    for (i, r) in solution.routes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("\n    ");
        out.push_str(&serde_json::to_string(r).unwrap_or_default());
    }
    out.push_str(if solution.routes.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    out
}

/// Reads a solution in the JSON solution format.
///
/// # Errors
/// [`FormatError::Parse`] for malformed JSON, a wrong `format` or an unknown key;
/// [`FormatError::UnsupportedVersion`].
pub fn solution_from_json(text: &str) -> Result<Solution, FormatError> {
    let text = super::strip_bom(text);
    header(text, SOLUTION_FORMAT, PROBLEM_FORMAT)?;
    let file: SolutionFile = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    Ok(Solution::new(file.routes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_locations() {
        assert_eq!(
            camel("vehicle_types[0].tw_early"),
            "vehicleTypes[0].twEarly"
        );
        assert_eq!(camel("distance[3][4]"), "distance[3][4]");
        assert_eq!(
            camel("vehicle_types[2].unit_distance_cost"),
            "vehicleTypes[2].unitDistanceCost"
        );
    }

    #[test]
    fn demand_is_a_number_or_an_array() {
        let one: Load = serde_json::from_str("3").unwrap();
        let two: Load = serde_json::from_str("[3, 4.5]").unwrap();
        assert_eq!((one.0, two.0), (vec![3.0], vec![3.0, 4.5]));
        assert!(serde_json::from_str::<Load>("\"3\"").is_err());
    }
}
