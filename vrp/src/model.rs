//! The problem model: depots, clients, vehicle types and the distance and duration matrices,
//! validated once when the [`Problem`] is built.
//!
//! # Locations
//!
//! The matrices are indexed by *location*: location `l < depots.len()` is depot `l`, location
//! `depots.len() + c` is client `c` ([`Problem::client_location`]). Clients, depots and vehicle
//! types are otherwise referred to by their index in their own list.
//!
//! # Route semantics
//!
//! A route of vehicle type `v` (see [`crate::Route`]) runs as follows; the checker
//! ([`crate::check()`]) implements exactly this, and `docs/vrp-format.md` repeats it.
//!
//! - It leaves its start depot `S = v.start_depot` at a departure time `t₀` with
//!   `max(v.tw_early, S.tw_early) ≤ t₀ ≤ min(v.tw_late, S.tw_late)`.
//! - It visits its clients in order. Travel from one location to the next takes the
//!   [duration matrix](Problem::duration) entry; a vehicle arriving before the client's
//!   `tw_early` waits until then; arriving after `tw_late` is infeasible; service takes
//!   `service`, after which the vehicle leaves at once.
//! - It must be back at its end depot `E = v.end_depot` by `min(v.tw_late, E.tw_late)`. (A
//!   depot's `tw_early` only bounds departures from it; arriving at the end depot early is fine.)
//! - The load of each dimension is the sum of the visited clients' demands; it must not exceed
//!   the vehicle's capacity in that dimension.
//! - Route distance: the sum of the [distance matrix](Problem::distance) entries of its legs
//!   (depot → first client → … → last client → depot).
//! - Route duration: the *minimum* over feasible departure times of (return time − departure
//!   time). Leaving later can only remove waiting, so this is the duration when leaving at the
//!   latest departure that makes no visit late (Savelsbergh's forward time slack; the same value
//!   Vidal et al.'s time-window segments give). It must not exceed `v.max_duration`, and the
//!   distance must not exceed `v.max_distance`.
//! - Route cost: `v.fixed_cost + v.unit_distance_cost · distance + v.unit_duration_cost ·
//!   duration`. A route without visits costs nothing and does not count against `v.count`.
//!
//! The cost of a solution is the sum of its route costs plus the prizes of the optional clients
//! it leaves unvisited. Every required client must be visited exactly once, optional ones at
//! most once, and at most `v.count` routes of type `v` may be used.

mod issues;
mod matrix;
mod unservable;
mod validate;

pub use issues::{IssueCode, ProblemErrors, ProblemIssue};
pub use matrix::{MAX_LOCATIONS, Matrix, MatrixError, Rounding};
pub use unservable::Unservable;

/// A depot: where routes start and end.
#[derive(Debug, Clone, PartialEq)]
pub struct Depot {
    /// A label (need not be unique).
    pub name: String,
    /// x coordinate (used only to compute distances from coordinates, and for display).
    pub x: f64,
    /// y coordinate.
    pub y: f64,
    /// Opening time: no route leaves this depot earlier. Default 0.
    pub tw_early: f64,
    /// Closing time: routes ending here must be back by then (and routes starting here leave by
    /// then). Default `f64::INFINITY`.
    pub tw_late: f64,
}

impl Depot {
    /// A depot at `(x, y)`, open all the time.
    pub fn new(name: impl Into<String>, x: f64, y: f64) -> Self {
        Self {
            name: name.into(),
            x,
            y,
            ..Self::default()
        }
    }
}

impl Default for Depot {
    fn default() -> Self {
        Self {
            name: String::new(),
            x: 0.0,
            y: 0.0,
            tw_early: 0.0,
            tw_late: f64::INFINITY,
        }
    }
}

/// A client to visit.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    /// A label (need not be unique); the parsers put the file's node or customer number here.
    pub name: String,
    /// x coordinate.
    pub x: f64,
    /// y coordinate.
    pub y: f64,
    /// The load it takes, one value per load dimension (`len == problem.dimensions()`).
    pub demand: Vec<f64>,
    /// Service duration at the client. Default 0.
    pub service: f64,
    /// Earliest service start: a vehicle arriving earlier waits. Default 0.
    pub tw_early: f64,
    /// Latest arrival: arriving later is infeasible. Default `f64::INFINITY`.
    pub tw_late: f64,
    /// Whether the client must be visited. Default `true`; optional clients may be skipped.
    pub required: bool,
    /// What leaving an *optional* client unvisited adds to the cost. Default 0.
    pub prize: f64,
}

impl Client {
    /// A required client at `(x, y)` with the given demand, no service time and no time window.
    pub fn new(name: impl Into<String>, x: f64, y: f64, demand: Vec<f64>) -> Self {
        Self {
            name: name.into(),
            x,
            y,
            demand,
            ..Self::default()
        }
    }
}

impl Default for Client {
    /// A required client at the origin with an empty demand (a problem with 0 load dimensions),
    /// no service time and no time window.
    fn default() -> Self {
        Self {
            name: String::new(),
            x: 0.0,
            y: 0.0,
            demand: Vec::new(),
            service: 0.0,
            tw_early: 0.0,
            tw_late: f64::INFINITY,
            required: true,
            prize: 0.0,
        }
    }
}

/// A kind of vehicle, of which `count` identical ones are available.
#[derive(Debug, Clone, PartialEq)]
pub struct VehicleType {
    /// A label (need not be unique).
    pub name: String,
    /// How many routes of this type a solution may use.
    pub count: usize,
    /// Capacity in each load dimension.
    pub capacity: Vec<f64>,
    /// Cost of using one vehicle (a non-empty route). Default 0.
    pub fixed_cost: f64,
    /// Index of the depot its routes leave from. Default 0.
    pub start_depot: usize,
    /// Index of the depot its routes return to. Default 0.
    pub end_depot: usize,
    /// Start of the shift: earliest departure. Default 0.
    pub tw_early: f64,
    /// End of the shift: latest return. Default `f64::INFINITY`.
    pub tw_late: f64,
    /// Longest route duration (see the module docs for how duration is measured). Default
    /// `f64::INFINITY`.
    pub max_duration: f64,
    /// Longest route distance. Default `f64::INFINITY`.
    pub max_distance: f64,
    /// Cost per unit of route distance. Default 1.
    pub unit_distance_cost: f64,
    /// Cost per unit of route duration. Default 0.
    pub unit_duration_cost: f64,
}

impl VehicleType {
    /// `count` vehicles of the given capacity, from and to depot 0, with the default costs and no
    /// shift or route limits.
    pub fn new(name: impl Into<String>, count: usize, capacity: Vec<f64>) -> Self {
        Self {
            name: name.into(),
            count,
            capacity,
            ..Self::default()
        }
    }
}

impl Default for VehicleType {
    /// One vehicle with no capacity dimensions, depot 0 to depot 0, costing 1 per unit of
    /// distance, without limits.
    fn default() -> Self {
        Self {
            name: String::new(),
            count: 1,
            capacity: Vec::new(),
            fixed_cost: 0.0,
            start_depot: 0,
            end_depot: 0,
            tw_early: 0.0,
            tw_late: f64::INFINITY,
            max_duration: f64::INFINITY,
            max_distance: f64::INFINITY,
            unit_distance_cost: 1.0,
            unit_duration_cost: 0.0,
        }
    }
}

/// A validated routing problem. Build it with [`Problem::new`] (explicit matrices) or
/// [`Problem::from_coordinates`]; read it with the parsers in [`crate::format`].
///
/// ```
/// use flowcast_vrp::{Client, Depot, Problem, Rounding, VehicleType};
/// let problem = Problem::from_coordinates(
///     "tiny",
///     vec![Depot::new("depot", 0.0, 0.0)],
///     vec![Client::new("a", 3.0, 4.0, vec![1.0]), Client::new("b", 6.0, 8.0, vec![2.0])],
///     vec![VehicleType::new("van", 2, vec![10.0])],
///     Rounding::Exact,
/// )?;
/// assert_eq!(problem.num_locations(), 3);
/// assert_eq!(problem.client_location(1), 2);
/// assert_eq!(problem.distance(0, problem.client_location(1)), 10.0);
/// # Ok::<(), flowcast_vrp::ProblemErrors>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    name: String,
    depots: Vec<Depot>,
    clients: Vec<Client>,
    vehicle_types: Vec<VehicleType>,
    dimensions: usize,
    distance: Matrix,
    /// `None` when the durations are the distances (stored once).
    duration: Option<Matrix>,
    rounding: Option<Rounding>,
}

impl Problem {
    /// Validates and builds a problem from explicit matrices over locations (`depots.len() +
    /// clients.len()` of them, depots first).
    ///
    /// The number of load dimensions is the length of the first vehicle type's capacity (or of
    /// the first client's demand when there are no vehicle types).
    ///
    /// # Errors
    /// [`ProblemErrors`] listing every issue found: non-finite or negative values (∞ is allowed
    /// only for `tw_late`, `max_duration` and `max_distance`), inverted time windows, demand or
    /// capacity lengths other than the dimensions, a matrix whose side is not the number of
    /// locations, a depot index out of range, no depots, no vehicle types, no vehicles, a shift
    /// that cannot fit its depots' hours. A client that no vehicle can serve is *not* an error:
    /// see [`Problem::unservable_reason`].
    pub fn new(
        name: impl Into<String>,
        depots: Vec<Depot>,
        clients: Vec<Client>,
        vehicle_types: Vec<VehicleType>,
        distance: Matrix,
        duration: Matrix,
    ) -> Result<Self, ProblemErrors> {
        Self::build(
            name.into(),
            depots,
            clients,
            vehicle_types,
            None,
            Matrices::Given { distance, duration },
            Vec::new(),
        )
    }

    /// Validates and builds a problem whose distances are the Euclidean distances between the
    /// coordinates, rounded by `rounding`; durations equal distances.
    ///
    /// # Errors
    /// As [`Problem::new`]; non-finite coordinates are reported as such (and no matrix is
    /// built); more than [`MAX_LOCATIONS`] locations is [`IssueCode::TooLarge`].
    pub fn from_coordinates(
        name: impl Into<String>,
        depots: Vec<Depot>,
        clients: Vec<Client>,
        vehicle_types: Vec<VehicleType>,
        rounding: Rounding,
    ) -> Result<Self, ProblemErrors> {
        Self::build(
            name.into(),
            depots,
            clients,
            vehicle_types,
            None,
            Matrices::Coordinates(rounding),
            Vec::new(),
        )
    }

    /// The common constructor: `dimensions` overrides the inferred number of load dimensions;
    /// `found` holds issues the caller found already (a parser's), listed first.
    pub(crate) fn build(
        name: String,
        depots: Vec<Depot>,
        clients: Vec<Client>,
        vehicle_types: Vec<VehicleType>,
        dimensions: Option<usize>,
        matrices: Matrices,
        found: Vec<ProblemIssue>,
    ) -> Result<Self, ProblemErrors> {
        let dimensions = dimensions.unwrap_or_else(|| {
            vehicle_types
                .first()
                .map(|v| v.capacity.len())
                .or_else(|| clients.first().map(|c| c.demand.len()))
                .unwrap_or(0)
        });
        let mut issues = found;
        issues.extend(validate::entities(
            &depots,
            &clients,
            &vehicle_types,
            dimensions,
            dimensions_source(&vehicle_types),
        ));
        let n = depots.len() + clients.len();
        let (distance, duration, rounding) = match matrices {
            Matrices::Unusable => return Err(ProblemErrors(issues)),
            Matrices::Given { distance, duration } => {
                issues.extend(validate::matrix("distance", &distance, n));
                issues.extend(validate::matrix("duration", &duration, n));
                (distance, Some(duration), None)
            }
            Matrices::DistanceOnly(distance) => {
                issues.extend(validate::matrix("distance", &distance, n));
                (distance, None, None)
            }
            Matrices::Coordinates(rounding) => {
                let coordinates_ok = depots
                    .iter()
                    .map(|d| (d.x, d.y))
                    .chain(clients.iter().map(|c| (c.x, c.y)))
                    .all(|(x, y)| x.is_finite() && y.is_finite());
                if !coordinates_ok {
                    // Already reported; a matrix of NaN would only repeat it.
                    return Err(ProblemErrors(issues));
                }
                match Matrix::euclidean(&coordinates(&depots, &clients), rounding) {
                    Ok(distance) => {
                        issues.extend(validate::matrix("distance", &distance, n));
                        (distance, None, Some(rounding))
                    }
                    Err(e) => {
                        issues.push(ProblemIssue::new(
                            IssueCode::TooLarge,
                            "clients",
                            e.to_string(),
                            "split the problem, or give fewer locations",
                        ));
                        return Err(ProblemErrors(issues));
                    }
                }
            }
        };
        if !issues.is_empty() {
            return Err(ProblemErrors(issues));
        }
        let duration = duration.filter(|d| *d != distance);
        Ok(Self {
            name,
            depots,
            clients,
            vehicle_types,
            dimensions,
            distance,
            duration,
            rounding,
        })
    }

    /// The problem's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The depots (locations `0..depots().len()`).
    pub fn depots(&self) -> &[Depot] {
        &self.depots
    }

    /// The clients (client `c` is location [`Problem::client_location`]`(c)`).
    pub fn clients(&self) -> &[Client] {
        &self.clients
    }

    /// The vehicle types.
    pub fn vehicle_types(&self) -> &[VehicleType] {
        &self.vehicle_types
    }

    /// The number of load dimensions: the length of every demand and capacity.
    pub fn dimensions(&self) -> usize {
        self.dimensions
    }

    /// Depots plus clients: the side of the matrices.
    pub fn num_locations(&self) -> usize {
        self.depots.len() + self.clients.len()
    }

    /// The location of client `c`: `depots().len() + c`.
    #[inline]
    pub fn client_location(&self, c: usize) -> usize {
        self.depots.len() + c
    }

    /// The client at location `l`, or `None` for a depot (or a location past the end).
    #[inline]
    pub fn location_client(&self, l: usize) -> Option<usize> {
        l.checked_sub(self.depots.len())
            .filter(|&c| c < self.clients.len())
    }

    /// The number of vehicles of all types together (saturating).
    pub fn fleet_size(&self) -> usize {
        self.vehicle_types
            .iter()
            .fold(0usize, |a, v| a.saturating_add(v.count))
    }

    /// Distance from location `from` to location `to`.
    ///
    /// # Panics
    /// If either is not below [`Problem::num_locations`].
    #[inline]
    pub fn distance(&self, from: usize, to: usize) -> f64 {
        self.distance.get(from, to)
    }

    /// Travel time from location `from` to location `to`.
    ///
    /// # Panics
    /// If either is not below [`Problem::num_locations`].
    #[inline]
    pub fn duration(&self, from: usize, to: usize) -> f64 {
        self.duration_matrix().get(from, to)
    }

    /// The distance matrix.
    pub fn distance_matrix(&self) -> &Matrix {
        &self.distance
    }

    /// The duration matrix (the same object as the distance matrix when they are equal).
    pub fn duration_matrix(&self) -> &Matrix {
        self.duration.as_ref().unwrap_or(&self.distance)
    }

    /// Whether durations equal distances.
    pub fn duration_is_distance(&self) -> bool {
        self.duration.is_none()
    }

    /// How the matrices were computed from coordinates, or `None` when they were given.
    pub fn rounding(&self) -> Option<Rounding> {
        self.rounding
    }
}

/// The matrices a problem is built from.
pub(crate) enum Matrices {
    /// Both given.
    Given { distance: Matrix, duration: Matrix },
    /// Distances given; durations equal them.
    DistanceOnly(Matrix),
    /// Both from the coordinates.
    Coordinates(Rounding),
    /// None can be built: the caller reported why in `found`.
    Unusable,
}

/// Every location's coordinates, depots first.
pub(crate) fn coordinates(depots: &[Depot], clients: &[Client]) -> Vec<(f64, f64)> {
    depots
        .iter()
        .map(|d| (d.x, d.y))
        .chain(clients.iter().map(|c| (c.x, c.y)))
        .collect()
}

/// Where the number of load dimensions comes from, for messages.
fn dimensions_source(vehicle_types: &[VehicleType]) -> &'static str {
    if vehicle_types.is_empty() {
        "clients[0].demand"
    } else {
        "vehicle_types[0].capacity"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> (Vec<Depot>, Vec<Client>, Vec<VehicleType>) {
        (
            vec![Depot::new("d", 0.0, 0.0)],
            vec![
                Client::new("a", 3.0, 4.0, vec![1.0]),
                Client::new("b", 0.0, 1.0, vec![1.0]),
            ],
            vec![VehicleType::new("v", 1, vec![5.0])],
        )
    }

    #[test]
    fn equal_duration_matrix_is_stored_once() {
        let (d, c, v) = tiny();
        let m = Matrix::euclidean(&coordinates(&d, &c), Rounding::Exact).unwrap();
        let p = Problem::new("p", d, c, v, m.clone(), m).unwrap();
        assert!(p.duration_is_distance());
        assert_eq!(p.rounding(), None);
        assert_eq!(p.duration(0, 1), 5.0);
        assert_eq!(p.location_client(0), None);
        assert_eq!(p.location_client(2), Some(1));
        assert_eq!(p.location_client(3), None);
    }

    #[test]
    fn non_finite_coordinates_are_reported_without_a_matrix() {
        let (d, mut c, v) = tiny();
        c[1].y = f64::NAN;
        let e = Problem::from_coordinates("p", d, c, v, Rounding::Exact).unwrap_err();
        assert_eq!(e.0.len(), 1, "{e}");
        assert_eq!(e.0[0].location, "clients[1].y");
    }

    #[test]
    fn dimensions_come_from_the_first_vehicle_type() {
        let (d, c, v) = tiny();
        let p = Problem::from_coordinates("p", d, c, v, Rounding::Nearest).unwrap();
        assert_eq!(p.dimensions(), 1);
        assert_eq!(p.rounding(), Some(Rounding::Nearest));
        assert_eq!(p.fleet_size(), 1);
    }
}
