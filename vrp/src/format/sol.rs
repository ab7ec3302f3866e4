//! CVRPLIB `.sol` solutions: `Route #1: 3 7 9` lines, then `Cost 1234`.
//!
//! Client ids follow the CVRPLIB convention: the depot is 0 and is not listed, and client index
//! `c` is written as `c + 1`. For a VRPLIB problem whose depot is node 1 that is node `c + 2`
//! minus one (VRPLIB node `k` is id `k − 1`); for a Solomon problem it is the customer number.

use std::fmt::Write;

use super::{FormatError, integer, number, numbered_lines};
use crate::solution::{Route, Solution};

/// A solution's routes and cost, as written.
pub type SolFile = (Vec<Vec<usize>>, Option<f64>);

/// Reads a `.sol` file: the routes' client ids as written (1-based; see the module docs) and
/// the `Cost` line's value, if any. Blank lines are ignored; route numbers are not checked for
/// order.
///
/// ```
/// let (routes, cost) = flowcast_vrp::format::parse_sol("Route #1: 2 1\nRoute #2: 3\nCost 42\n")?;
/// assert_eq!(routes, vec![vec![2, 1], vec![3]]);
/// assert_eq!(cost, Some(42.0));
/// # Ok::<(), flowcast_vrp::FormatError>(())
/// ```
///
/// # Errors
/// [`FormatError::Parse`] at a line that is neither a route nor the cost, a malformed id or
/// cost, an id of 0 (the depot is not listed), or a second `Cost` line.
pub fn parse_sol(text: &str) -> Result<SolFile, FormatError> {
    let mut routes = Vec::new();
    let mut cost: Option<(usize, f64)> = None;
    for (no, line) in numbered_lines(text) {
        let word = line.split_whitespace().next().unwrap_or("");
        if word.eq_ignore_ascii_case("Route") || word.to_ascii_lowercase().starts_with("route#") {
            let Some((head, ids)) = line.split_once(':') else {
                return Err(FormatError::at(
                    no,
                    format!("expected `Route #k: id id …`, found {line:?}"),
                ));
            };
            let number_part = head[word.len().min(5)..]
                .trim()
                .trim_start_matches('#')
                .trim();
            integer(number_part, no, "route number")?;
            let mut route = Vec::new();
            for t in ids.split_whitespace() {
                let id = integer(t, no, "client id")?;
                if id == 0 {
                    return Err(FormatError::at(
                        no,
                        "client id 0 is the depot, which routes do not list",
                    ));
                }
                route.push(id);
            }
            routes.push(route);
        } else if word.trim_end_matches(':').eq_ignore_ascii_case("Cost") {
            if let Some((first, _)) = cost {
                return Err(FormatError::at(
                    no,
                    format!("a second Cost line (first on line {first})"),
                ));
            }
            let value = line[word.len()..].trim().trim_start_matches(':').trim();
            cost = Some((no, number(value, no, "Cost")?));
        } else {
            return Err(FormatError::at(
                no,
                format!("expected `Route #k: …` or `Cost …`, found {line:?}"),
            ));
        }
    }
    Ok((routes, cost.map(|(_, c)| c)))
}

/// Writes routes of client ids (see the module docs) and the cost in the `.sol` format; empty
/// routes are left out and the others numbered from 1. A whole-number cost is written without
/// decimals (`Cost 26362`), any other in full precision.
///
/// ```
/// let text = flowcast_vrp::format::write_sol(&[vec![2, 1], vec![], vec![3]], 42.0);
/// assert_eq!(text, "Route #1: 2 1\nRoute #2: 3\nCost 42\n");
/// ```
pub fn write_sol(routes: &[Vec<usize>], cost: f64) -> String {
    let mut out = String::new();
    for (k, route) in routes.iter().filter(|r| !r.is_empty()).enumerate() {
        let _ = write!(out, "Route #{}:", k + 1);
        for id in route {
            let _ = write!(out, " {id}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "Cost {cost}");
    out
}

/// The `.sol` ids of a solution's non-empty routes: client `c` is id `c + 1`.
pub fn solution_to_ids(solution: &Solution) -> Vec<Vec<usize>> {
    solution
        .non_empty_routes()
        .map(|r| r.visits.iter().map(|&c| c.saturating_add(1)).collect())
        .collect()
}

/// A solution from `.sol` ids, every route of `vehicle_type`: id `i` is client `i − 1`. An id of
/// 0 (the depot, which `.sol` files do not list) becomes the client index `usize::MAX`, which
/// [`crate::check()`] reports as unknown.
pub fn solution_from_ids(routes: &[Vec<usize>], vehicle_type: usize) -> Solution {
    Solution::new(
        routes
            .iter()
            .map(|ids| {
                Route::new(
                    vehicle_type,
                    ids.iter().map(|&i| i.wrapping_sub(1)).collect(),
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let routes = vec![vec![5, 3], vec![1, 2, 4]];
        let (read, cost) = parse_sol(&write_sol(&routes, 828.936_866_942_834_3)).unwrap();
        assert_eq!((read, cost), (routes.clone(), Some(828.936_866_942_834_3)));
        let s = solution_from_ids(&routes, 0);
        assert_eq!(s.routes[0].visits, [4, 2]);
        assert_eq!(solution_to_ids(&s), routes);
    }

    #[test]
    fn errors_name_the_line() {
        for (text, line) in [
            ("Route #1: 1 2\nRoute #2: 3 x\n", 2),
            ("Route #1: 1 0\n", 1),
            ("Route #1 1 2\n", 1),
            ("\nRoute #1: 1\nCost 3\nCost 4\n", 4),
            ("Route #1: 1\nTotal 3\n", 2),
            ("Route #a: 1\n", 1),
            ("Cost many\n", 1),
        ] {
            assert_eq!(parse_sol(text).unwrap_err().line(), Some(line), "{text:?}");
        }
        assert_eq!(parse_sol("").unwrap(), (vec![], None));
        assert_eq!(
            parse_sol("Route #1:\nCost: 0").unwrap(),
            (vec![vec![]], Some(0.0))
        );
    }
}
