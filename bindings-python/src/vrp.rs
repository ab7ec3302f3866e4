//! `flowcast.vrp` kernels: problems read from text or built from rows and matrices, the solver
//! (without the GIL, Ctrl-C stopping it), and the independent checker. The Python package
//! wraps them as `flowcast.vrp.Problem`, `Model`, `Result`, `read`, `solve` and `check`.

use std::time::{Duration, Instant};

use flowcast_core::{
    CancellationToken, ErrorCode, Progress, SearchStatus, SystemClock, Threads, ValidationError,
};
use flowcast_vrp::format::{self, Format, FormatError};
use flowcast_vrp::{
    Client, Depot, Matrix, Problem, ProblemErrors, Rounding, Route, Solution, SolveError,
    SolveOptions, VehicleType, solve_with,
};
use numpy::{PyArray1, PyArray2, PyArrayMethods, PyReadonlyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;

use crate::errors::{Failure, InputError, compute, raise};

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<VrpProblem>()?;
    m.add_function(wrap_pyfunction!(vrp_read, m)?)?;
    m.add_function(wrap_pyfunction!(vrp_build, m)?)?;
    m.add_function(wrap_pyfunction!(vrp_solve, m)?)?;
    m.add_function(wrap_pyfunction!(vrp_check, m)?)?;
    Ok(())
}

/// A validated routing problem; the Python package wraps it as `flowcast.vrp.Problem`.
#[pyclass(module = "flowcast._flowcast", frozen)]
pub(crate) struct VrpProblem {
    inner: Problem,
}

#[pymethods]
impl VrpProblem {
    /// Reads the flowcast JSON problem format.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = format::from_json(text).map_err(|e| raise(py, format_failure(&e)))?;
        Ok(Self { inner })
    }

    /// The flowcast JSON problem format (reads back to an equal problem).
    fn to_json(&self) -> String {
        format::to_json(&self.inner)
    }

    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    #[getter]
    fn num_clients(&self) -> usize {
        self.inner.clients().len()
    }

    #[getter]
    fn num_depots(&self) -> usize {
        self.inner.depots().len()
    }

    #[getter]
    fn num_vehicle_types(&self) -> usize {
        self.inner.vehicle_types().len()
    }

    #[getter]
    fn num_vehicles(&self) -> usize {
        self.inner.fleet_size()
    }

    #[getter]
    fn dimensions(&self) -> usize {
        self.inner.dimensions()
    }

    #[getter]
    fn num_locations(&self) -> usize {
        self.inner.num_locations()
    }

    /// The distance matrix over locations (depots first, then clients).
    fn distance_matrix<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        square(py, self.inner.distance_matrix())
    }

    /// The duration matrix over locations.
    fn duration_matrix<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        square(py, self.inner.duration_matrix())
    }

    /// Per client: why no vehicle can serve it (a reason code), or `None`.
    fn unservable(&self, py: Python<'_>) -> PyResult<Vec<Option<&'static str>>> {
        let p = &self.inner;
        compute(py, || {
            Ok((0..p.clients().len())
                .map(|c| p.unservable_reason(c).map(|r| r.as_str()))
                .collect())
        })
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
}

fn square<'py>(py: Python<'py>, m: &Matrix) -> PyResult<Bound<'py, PyArray2<f64>>> {
    let n = m.size();
    PyArray1::from_slice(py, m.as_slice()).reshape([n, n])
}

/// Reads a problem from text in `format` (`"vrplib"`, `"solomon"`, `"json"`; `None`: detected);
/// returns it and the format read.
#[pyfunction]
#[pyo3(signature = (text, format=None))]
fn vrp_read(py: Python<'_>, text: &str, format: Option<&str>) -> PyResult<(VrpProblem, String)> {
    let format = format
        .map(|f| {
            f.parse::<Format>().map_err(|_| {
                raise(
                    py,
                    ValidationError::new(
                        ErrorCode::OutOfRange,
                        "format",
                        format!("{f:?}"),
                        "must be \"vrplib\", \"solomon\" or \"json\"",
                    ),
                )
            })
        })
        .transpose()?;
    compute(py, || {
        let format = format.unwrap_or_else(|| format::detect(text));
        let inner = format::read(text, Some(format)).map_err(|e| format_failure(&e))?;
        Ok((VrpProblem { inner }, format.as_str().to_owned()))
    })
}

/// (name, x, y, tw_early, tw_late)
type DepotRow = (String, f64, f64, f64, f64);
/// (name, x, y, demand, service, tw_early, tw_late, required, prize)
type ClientRow = (String, f64, f64, Vec<f64>, f64, f64, f64, bool, f64);
/// (name, count, capacity, fixed_cost, start_depot, end_depot, tw_early, tw_late, max_duration,
/// max_distance, unit_distance_cost, unit_duration_cost)
type VehicleRow = (
    String,
    usize,
    Vec<f64>,
    f64,
    usize,
    usize,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
);

/// Builds and validates a problem from rows (see the row types) and optional matrices over
/// locations; without a distance matrix, distances are Euclidean, rounded by `rounding`; without
/// a duration matrix, durations equal distances.
#[pyfunction]
#[pyo3(signature = (name, depots, clients, vehicle_types, distance, duration, rounding))]
#[allow(clippy::too_many_arguments)]
fn vrp_build(
    py: Python<'_>,
    name: String,
    depots: Vec<DepotRow>,
    clients: Vec<ClientRow>,
    vehicle_types: Vec<VehicleRow>,
    distance: Option<PyReadonlyArray2<'_, f64>>,
    duration: Option<PyReadonlyArray2<'_, f64>>,
    rounding: &str,
) -> PyResult<VrpProblem> {
    let rounding = match rounding {
        "exact" => Rounding::Exact,
        "nearest" => Rounding::Nearest,
        "ceil" => Rounding::Ceil,
        other => {
            return Err(raise(
                py,
                ValidationError::new(
                    ErrorCode::OutOfRange,
                    "rounding",
                    format!("{other:?}"),
                    "must be \"exact\", \"nearest\" or \"ceil\"",
                ),
            ));
        }
    };
    let distance = distance.map(|m| matrix(py, "distance", &m)).transpose()?;
    let duration = duration.map(|m| matrix(py, "duration", &m)).transpose()?;
    let depots: Vec<Depot> = depots
        .into_iter()
        .map(|(name, x, y, tw_early, tw_late)| Depot {
            name,
            x,
            y,
            tw_early,
            tw_late,
        })
        .collect();
    let clients: Vec<Client> = clients
        .into_iter()
        .map(
            |(name, x, y, demand, service, tw_early, tw_late, required, prize)| Client {
                name,
                x,
                y,
                demand,
                service,
                tw_early,
                tw_late,
                required,
                prize,
            },
        )
        .collect();
    let vehicle_types: Vec<VehicleType> = vehicle_types
        .into_iter()
        .map(|v| VehicleType {
            name: v.0,
            count: v.1,
            capacity: v.2,
            fixed_cost: v.3,
            start_depot: v.4,
            end_depot: v.5,
            tw_early: v.6,
            tw_late: v.7,
            max_duration: v.8,
            max_distance: v.9,
            unit_distance_cost: v.10,
            unit_duration_cost: v.11,
        })
        .collect();
    let inner = compute(py, move || {
        let built = match (distance, duration) {
            (None, None) => {
                Problem::from_coordinates(name, depots, clients, vehicle_types, rounding)
            }
            (Some(distance), None) => Problem::new(
                name,
                depots,
                clients,
                vehicle_types,
                distance.clone(),
                distance,
            ),
            (distance, Some(duration)) => {
                let distance = match distance {
                    Some(d) => d,
                    None => euclidean(&depots, &clients, rounding)?,
                };
                Problem::new(name, depots, clients, vehicle_types, distance, duration)
            }
        };
        built.map_err(|e| problem_failure(&e))
    })?;
    Ok(VrpProblem { inner })
}

/// Distances from the coordinates, for a problem given only its durations.
fn euclidean(depots: &[Depot], clients: &[Client], rounding: Rounding) -> Result<Matrix, Failure> {
    let points: Vec<(f64, f64)> = depots
        .iter()
        .map(|d| (d.x, d.y))
        .chain(clients.iter().map(|c| (c.x, c.y)))
        .collect();
    if let Some(k) = points
        .iter()
        .position(|(x, y)| !x.is_finite() || !y.is_finite())
    {
        let (what, i) = if k < depots.len() {
            ("depots", k)
        } else {
            ("clients", k - depots.len())
        };
        return Err(Failure::Invalid(ValidationError::new(
            ErrorCode::NotFinite,
            format!("{what}[{i}]"),
            format!("({}, {})", points[k].0, points[k].1),
            "coordinates must be finite to compute distances (or give a distance matrix)",
        )));
    }
    Matrix::euclidean(&points, rounding).map_err(|e| Failure::Other(e.to_string()))
}

/// A square 2-D array as a matrix (a non-square one is a `matrix_size` issue).
fn matrix(py: Python<'_>, name: &'static str, m: &PyReadonlyArray2<'_, f64>) -> PyResult<Matrix> {
    let shape = m.shape();
    let (rows, cols) = (shape[0], shape[1]);
    if rows != cols {
        return Err(raise(
            py,
            Failure::Input(Box::new(InputError {
                message: format!(
                    "{name}: a {rows}×{cols} matrix is not square [matrix_size]; fix: give one row and one column per location (depots first, then clients)"
                ),
                code: "matrix_size".into(),
                field: name.into(),
                value: Some(format!("{rows}×{cols}")),
                reason: "must be square over the locations".into(),
                line: None,
                issues: Vec::new(),
            })),
        ));
    }
    let values: Vec<f64> = m.as_array().iter().copied().collect();
    Matrix::new(rows, values).map_err(|e| raise(py, Failure::Other(e.to_string())))
}

/// A warm start or a solution to check: routes of client indices with their vehicle types.
fn solution(routes: Vec<Vec<i64>>, vehicle_types: Option<Vec<i64>>) -> Result<Solution, Failure> {
    let index = |field: String, v: i64| {
        usize::try_from(v).map_err(|_| {
            Failure::Invalid(ValidationError::new(
                ErrorCode::Negative,
                field,
                v,
                "must be an index, 0 or more",
            ))
        })
    };
    if let Some(types) = &vehicle_types {
        if types.len() != routes.len() {
            return Err(Failure::Invalid(ValidationError::new(
                ErrorCode::LengthMismatch,
                "vehicle_types",
                format!("{} vs {} routes", types.len(), routes.len()),
                "must give one vehicle type per route",
            )));
        }
    }
    let mut out = Vec::with_capacity(routes.len());
    for (r, visits) in routes.into_iter().enumerate() {
        let vehicle_type = match &vehicle_types {
            Some(types) => index(format!("vehicle_types[{r}]"), types[r])?,
            None => 0,
        };
        let visits = visits
            .into_iter()
            .enumerate()
            .map(|(k, c)| index(format!("routes[{r}][{k}]"), c))
            .collect::<Result<_, _>>()?;
        out.push(Route::new(vehicle_type, visits));
    }
    Ok(Solution::new(out))
}

/// (routes, vehicle_types, cost, feasible, unserved (client, reason), iterations, seconds)
type SolveOutput = (
    Vec<Vec<usize>>,
    Vec<usize>,
    f64,
    bool,
    Vec<(usize, &'static str)>,
    u64,
    f64,
);

/// Solves `problem` without the GIL; Ctrl-C stops the search and raises `KeyboardInterrupt`.
#[pyfunction]
#[pyo3(signature = (problem, time_limit, max_iterations, seed, threads, initial_routes, initial_vehicle_types))]
#[allow(clippy::too_many_arguments)]
fn vrp_solve(
    py: Python<'_>,
    problem: &Bound<'_, VrpProblem>,
    time_limit: Option<f64>,
    max_iterations: Option<u64>,
    seed: u64,
    threads: usize,
    initial_routes: Option<Vec<Vec<i64>>>,
    initial_vehicle_types: Option<Vec<i64>>,
) -> PyResult<SolveOutput> {
    let problem = &problem.get().inner;
    compute(py, move || {
        let time_limit = time_limit
            .map(|s| {
                Duration::try_from_secs_f64(s).map_err(|_| {
                    let code = if s.is_nan() || s.is_infinite() {
                        ErrorCode::NotFinite
                    } else {
                        ErrorCode::Negative
                    };
                    Failure::Invalid(ValidationError::new(
                        code,
                        "time_limit",
                        s,
                        "must be a finite number of seconds, 0 or more (None: no limit)",
                    ))
                })
            })
            .transpose()?;
        let initial = initial_routes
            .map(|r| solution(r, initial_vehicle_types))
            .transpose()?;
        let options = SolveOptions {
            time_limit,
            max_iterations,
            seed,
            threads: Threads::from_count(threads),
            initial,
            ..SolveOptions::default()
        };
        let cancel = CancellationToken::new();
        let mut watch = Interrupts {
            cancel: cancel.clone(),
            last: Instant::now(),
            raised: None,
        };
        let result = solve_with(problem, &options, &SystemClock::new(), cancel, &mut watch)
            .map_err(|e| solve_failure(&e))?;
        if let Some(e) = watch.raised {
            return Err(Failure::Python(e));
        }
        let (routes, types) = result
            .solution
            .non_empty_routes()
            .map(|r| (r.visits.clone(), r.vehicle_type))
            .unzip();
        Ok((
            routes,
            types,
            result.cost,
            result.feasible,
            result
                .unserved
                .iter()
                .map(|u| (u.client, u.reason.as_str()))
                .collect(),
            result.iterations,
            result.seconds,
        ))
    })
}

/// Looks for Ctrl-C (a pending Python signal) about every 50 ms of the first worker's search,
/// and stops every worker when one is raised.
struct Interrupts {
    cancel: CancellationToken,
    last: Instant,
    raised: Option<PyErr>,
}

impl Progress for Interrupts {
    fn on_iteration(&mut self, _status: &SearchStatus, _fraction: f64) {
        if self.raised.is_none() && self.last.elapsed() >= Duration::from_millis(50) {
            self.last = Instant::now();
            if let Err(e) = Python::attach(|py| py.check_signals()) {
                self.raised = Some(e);
                self.cancel.cancel();
            }
        }
    }
}

/// The checker's report on `routes` (client indices; `vehicle_types` per route, default 0), as
/// JSON.
#[pyfunction]
#[pyo3(signature = (problem, routes, vehicle_types=None))]
fn vrp_check(
    py: Python<'_>,
    problem: &Bound<'_, VrpProblem>,
    routes: Vec<Vec<i64>>,
    vehicle_types: Option<Vec<i64>>,
) -> PyResult<String> {
    let problem = &problem.get().inner;
    compute(py, move || {
        let solution = solution(routes, vehicle_types)?;
        let report = flowcast_vrp::check(problem, &solution);
        Ok(report.to_json().to_string())
    })
}

/// A reader's error as a `ValidationError`: `code` `malformed` or `unsupported_version` with the
/// line, or every issue of an invalid problem.
fn format_failure(e: &FormatError) -> Failure {
    match e {
        FormatError::Invalid(errors) => problem_failure(errors),
        other => {
            let code = match other {
                FormatError::UnsupportedVersion { .. } => "unsupported_version",
                _ => "malformed",
            };
            let line = other.line();
            Failure::Input(Box::new(InputError {
                message: format!("{other} [{code}]"),
                code: code.into(),
                field: "line".into(),
                value: line.map(|l| l.to_string()),
                reason: match other {
                    FormatError::Parse { message, .. } => message.clone(),
                    _ => other.to_string(),
                },
                line,
                issues: Vec::new(),
            }))
        }
    }
}

/// Every issue of an invalid problem; the error's own code and field are the first issue's.
fn problem_failure(errors: &ProblemErrors) -> Failure {
    let issues: Vec<[String; 4]> = errors
        .issues()
        .iter()
        .map(|i| {
            [
                i.code.as_str().to_owned(),
                i.location.clone(),
                i.cause.clone(),
                i.action.clone(),
            ]
        })
        .collect();
    let first = issues.first().cloned().unwrap_or_default();
    let count = issues.len();
    Failure::Input(Box::new(InputError {
        message: format!(
            "invalid problem ({count} issue{}):\n{errors}",
            if count == 1 { "" } else { "s" }
        ),
        code: first[0].clone(),
        field: first[1].clone(),
        value: None,
        reason: first[2].clone(),
        line: None,
        issues,
    }))
}

fn solve_failure(e: &SolveError) -> Failure {
    let (field, code) = match e {
        SolveError::TooManyDimensions(_) => ("dimensions", ErrorCode::OutOfRange),
        SolveError::Unbounded => ("time_limit", ErrorCode::OutOfRange),
        SolveError::BadInitial(_) => ("initial", ErrorCode::OutOfRange),
        _ => return Failure::Other(e.to_string()),
    };
    let value = match e {
        SolveError::TooManyDimensions(d) => d.to_string(),
        SolveError::Unbounded => "None".to_owned(),
        _ => "the given routes".to_owned(),
    };
    let reason = match e {
        SolveError::Unbounded => {
            "set time_limit or max_iterations, or the search never stops".to_owned()
        }
        SolveError::BadInitial(why) => why.clone(),
        other => other.to_string(),
    };
    Failure::Invalid(ValidationError::new(code, field, value, reason))
}
