//! The checks behind [`super::Problem::new`]: each returns every issue it finds.

use super::issues::{IssueCode, ProblemIssue};
use super::{Client, Depot, Matrix, VehicleType};

/// At most this many bad entries of one matrix are listed one by one; the rest are counted in
/// one more issue (a matrix of garbage would otherwise give a million lines).
const MATRIX_ISSUES_LISTED: usize = 10;

/// Collects issues with a short name suffix (`(client "17")`) for labelled entities.
struct Issues {
    out: Vec<ProblemIssue>,
}

impl Issues {
    fn push(&mut self, code: IssueCode, location: String, cause: String, action: &str) {
        self.out
            .push(ProblemIssue::new(code, location, cause, action));
    }

    /// A quantity that must be finite and ≥ 0.
    fn amount(&mut self, location: impl Fn() -> String, value: f64, label: &str) {
        if !value.is_finite() {
            self.push(
                IssueCode::NotFinite,
                location(),
                format!("{value} is not a finite number{label}"),
                "give a finite number of 0 or more",
            );
        } else if value < 0.0 {
            self.push(
                IssueCode::Negative,
                location(),
                format!("{value} is negative{label}"),
                "give 0 or more",
            );
        }
    }

    /// A time or limit that must be ≥ 0 and may be +∞ when `infinite_ok`.
    fn time(&mut self, location: impl Fn() -> String, value: f64, infinite_ok: bool, label: &str) {
        if value == f64::INFINITY && infinite_ok {
            return;
        }
        if !value.is_finite() {
            self.push(
                IssueCode::NotFinite,
                location(),
                format!("{value} is not a finite number{label}"),
                if infinite_ok {
                    "give a number of 0 or more, or +infinity for no limit"
                } else {
                    "give a finite number of 0 or more"
                },
            );
        } else if value < 0.0 {
            self.push(
                IssueCode::Negative,
                location(),
                format!("{value} is negative{label}"),
                "give 0 or more (times are measured from 0)",
            );
        }
    }

    /// `[early, late]` must not be inverted (only checked when both are numbers).
    fn window(&mut self, prefix: &str, early: f64, late: f64, label: &str) {
        if early > late {
            self.push(
                IssueCode::WindowInverted,
                format!("{prefix}.tw_late"),
                format!("tw_late {late} is before tw_early {early}{label}"),
                "swap the two values, or widen the window",
            );
        }
    }

    fn coordinate(&mut self, location: impl Fn() -> String, value: f64, label: &str) {
        if !value.is_finite() {
            self.push(
                IssueCode::NotFinite,
                location(),
                format!("coordinate {value} is not a finite number{label}"),
                "give a finite coordinate",
            );
        }
    }
}

/// ` (client "a")`, or nothing for an unnamed entity.
fn label(kind: &str, name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!(" ({kind} {name:?})")
    }
}

/// Everything but the matrices.
pub(super) fn entities(
    depots: &[Depot],
    clients: &[Client],
    vehicle_types: &[VehicleType],
    dimensions: usize,
    dimensions_source: &str,
) -> Vec<ProblemIssue> {
    let mut is = Issues { out: Vec::new() };
    if depots.is_empty() {
        is.push(
            IssueCode::Empty,
            "depots".into(),
            "the problem has no depot".into(),
            "add at least one depot for the routes to start from",
        );
    }
    for (i, d) in depots.iter().enumerate() {
        let p = format!("depots[{i}]");
        let l = label("depot", &d.name);
        is.coordinate(|| format!("{p}.x"), d.x, &l);
        is.coordinate(|| format!("{p}.y"), d.y, &l);
        is.time(|| format!("{p}.tw_early"), d.tw_early, false, &l);
        is.time(|| format!("{p}.tw_late"), d.tw_late, true, &l);
        is.window(&p, d.tw_early, d.tw_late, &l);
    }
    for (i, c) in clients.iter().enumerate() {
        let p = format!("clients[{i}]");
        let l = label("client", &c.name);
        is.coordinate(|| format!("{p}.x"), c.x, &l);
        is.coordinate(|| format!("{p}.y"), c.y, &l);
        if c.demand.len() != dimensions {
            is.push(
                IssueCode::LengthMismatch,
                format!("{p}.demand"),
                format!(
                    "has {} values but the problem has {dimensions} load dimensions (the length \
                     of {dimensions_source}){l}",
                    c.demand.len()
                ),
                "give one demand value per load dimension",
            );
        }
        for (k, &q) in c.demand.iter().enumerate() {
            is.amount(|| format!("{p}.demand[{k}]"), q, &l);
        }
        is.amount(|| format!("{p}.service"), c.service, &l);
        is.time(|| format!("{p}.tw_early"), c.tw_early, false, &l);
        is.time(|| format!("{p}.tw_late"), c.tw_late, true, &l);
        is.window(&p, c.tw_early, c.tw_late, &l);
        is.amount(|| format!("{p}.prize"), c.prize, &l);
    }
    if vehicle_types.is_empty() {
        is.push(
            IssueCode::Empty,
            "vehicle_types".into(),
            "the problem has no vehicle type".into(),
            "add at least one vehicle type with a count of 1 or more",
        );
    } else if vehicle_types.iter().all(|v| v.count == 0) {
        is.push(
            IssueCode::NoVehicles,
            "vehicle_types".into(),
            "every vehicle type has a count of 0".into(),
            "give at least one vehicle type a count of 1 or more",
        );
    }
    for (i, v) in vehicle_types.iter().enumerate() {
        let p = format!("vehicle_types[{i}]");
        let l = label("vehicle type", &v.name);
        if v.capacity.len() != dimensions {
            is.push(
                IssueCode::LengthMismatch,
                format!("{p}.capacity"),
                format!(
                    "has {} values but the problem has {dimensions} load dimensions (the length \
                     of {dimensions_source}){l}",
                    v.capacity.len()
                ),
                "give one capacity value per load dimension",
            );
        }
        for (k, &q) in v.capacity.iter().enumerate() {
            is.amount(|| format!("{p}.capacity[{k}]"), q, &l);
        }
        is.amount(|| format!("{p}.fixed_cost"), v.fixed_cost, &l);
        is.amount(
            || format!("{p}.unit_distance_cost"),
            v.unit_distance_cost,
            &l,
        );
        is.amount(
            || format!("{p}.unit_duration_cost"),
            v.unit_duration_cost,
            &l,
        );
        for (field, d) in [("start_depot", v.start_depot), ("end_depot", v.end_depot)] {
            if d >= depots.len() {
                is.push(
                    IssueCode::OutOfRange,
                    format!("{p}.{field}"),
                    format!(
                        "depot {d} does not exist (there are {} depots){l}",
                        depots.len()
                    ),
                    "use the index of a depot, counting from 0",
                );
            }
        }
        is.time(|| format!("{p}.tw_early"), v.tw_early, false, &l);
        is.time(|| format!("{p}.tw_late"), v.tw_late, true, &l);
        is.window(&p, v.tw_early, v.tw_late, &l);
        is.time(|| format!("{p}.max_duration"), v.max_duration, true, &l);
        is.time(|| format!("{p}.max_distance"), v.max_distance, true, &l);
        if let (Some(s), Some(e)) = (depots.get(v.start_depot), depots.get(v.end_depot)) {
            shift(&mut is, &p, v, s, e, &l);
        }
    }
    is.out
}

/// The departure window `[max(v.tw_early, S.tw_early), min(v.tw_late, S.tw_late)]` must not be
/// empty, and the return deadline `min(v.tw_late, E.tw_late)` must not precede its start.
fn shift(is: &mut Issues, p: &str, v: &VehicleType, s: &Depot, e: &Depot, l: &str) {
    let depart_early = v.tw_early.max(s.tw_early);
    let depart_late = v.tw_late.min(s.tw_late);
    let back_by = v.tw_late.min(e.tw_late);
    if v.tw_early > v.tw_late || s.tw_early > s.tw_late || e.tw_early > e.tw_late {
        return; // reported as inverted windows
    }
    if depart_early > depart_late {
        is.push(
            IssueCode::EmptyShift,
            format!("{p}.tw_early"),
            format!(
                "the shift [{}, {}] does not overlap the opening hours [{}, {}] of its start \
                 depot {}{l}",
                v.tw_early, v.tw_late, s.tw_early, s.tw_late, v.start_depot
            ),
            "move the shift or the depot's hours so that they overlap",
        );
    } else if back_by < depart_early {
        is.push(
            IssueCode::EmptyShift,
            format!("{p}.tw_late"),
            format!(
                "routes must be back at end depot {} by {back_by}, before they may leave at \
                 {depart_early}{l}",
                v.end_depot
            ),
            "move the shift or the end depot's closing time later",
        );
    }
}

/// A matrix over `n` locations: its side, then its entries (finite, ≥ 0).
pub(super) fn matrix(name: &str, m: &Matrix, n: usize) -> Vec<ProblemIssue> {
    let mut out = Vec::new();
    if m.size() != n {
        out.push(ProblemIssue::new(
            IssueCode::MatrixSize,
            name,
            format!(
                "the matrix is {0}×{0} but there are {n} locations (depots, then clients)",
                m.size()
            ),
            format!("give a {n}×{n} matrix, one row and column per location"),
        ));
    }
    let mut bad = 0usize;
    let mut first_unlisted = IssueCode::NotFinite;
    for i in 0..m.size() {
        for (j, &v) in m.row(i).iter().enumerate() {
            if v.is_finite() && v >= 0.0 {
                continue;
            }
            bad += 1;
            let (code, what) = if v.is_finite() {
                (IssueCode::Negative, "is negative")
            } else {
                (IssueCode::NotFinite, "is not a finite number")
            };
            if bad == MATRIX_ISSUES_LISTED + 1 {
                first_unlisted = code;
            }
            if bad <= MATRIX_ISSUES_LISTED {
                out.push(ProblemIssue::new(
                    code,
                    format!("{name}[{i}][{j}]"),
                    format!("{v} {what}"),
                    "give a finite value of 0 or more",
                ));
            }
        }
    }
    if bad > MATRIX_ISSUES_LISTED {
        out.push(ProblemIssue::new(
            first_unlisted,
            name,
            format!(
                "{} more entries are negative or not finite (the first {MATRIX_ISSUES_LISTED} \
                 are listed above)",
                bad - MATRIX_ISSUES_LISTED
            ),
            "give finite values of 0 or more",
        ));
    }
    out
}
