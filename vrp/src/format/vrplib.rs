//! VRPLIB (CVRPLIB / TSPLIB 95) problems.
//!
//! Specification lines `KEY : value`: `NAME`, `COMMENT`, `TYPE` (any value), `DIMENSION`
//! (number of nodes, depots included), `CAPACITY`, `EDGE_WEIGHT_TYPE` (`EUC_2D`, `CEIL_2D` or
//! `EXPLICIT`), `EDGE_WEIGHT_FORMAT` (`FULL_MATRIX`, `LOWER_ROW`, `UPPER_ROW`,
//! `LOWER_DIAG_ROW`, `UPPER_DIAG_ROW` and their `_COL` twins), `VEHICLES`, `DISTANCE` (longest
//! route), `SERVICE_TIME` (for every client); other keys are ignored. Sections:
//! `NODE_COORD_SECTION` (`id x y`), `DEMAND_SECTION` (`id demand`), `DEPOT_SECTION` (ids ending
//! with `-1`; node 1 when absent), `EDGE_WEIGHT_SECTION`, `TIME_WINDOW_SECTION` (`id early
//! late`), `SERVICE_TIME_SECTION` (`id service`); other sections are skipped. `EOF` ends the
//! file.
//!
//! Conventions: `EUC_2D` distances are rounded to the nearest integer (TSPLIB `nint`),
//! `CEIL_2D` ones rounded up; durations equal distances. The depots come first as locations
//! (in ascending node order), then the other nodes in ascending order: with node 1 the only
//! depot, node `k` is client `k − 2`, named `"k"`. Fleet: one vehicle type per depot, with
//! `VEHICLES` vehicles (or one per client when absent), capacity `CAPACITY`, max distance
//! `DISTANCE`; a depot's time window is its `TIME_WINDOW_SECTION` entry.

use super::{FormatError, fields, integer, last_line, number, numbered_lines};
use crate::model::{
    Client, Depot, MAX_LOCATIONS, Matrices, Matrix, Problem, Rounding, VehicleType,
};

/// A value with the line it came from.
type At<T> = (usize, T);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Coords,
    Demand,
    Depot,
    EdgeWeight,
    TimeWindow,
    ServiceTime,
    /// A section this reader does not use: its data lines are skipped.
    Other,
}

#[derive(Default)]
struct Raw<'a> {
    name: Option<At<&'a str>>,
    dimension: Option<At<usize>>,
    capacity: Option<At<f64>>,
    edge_weight_type: Option<At<String>>,
    edge_weight_format: Option<At<String>>,
    vehicles: Option<At<usize>>,
    distance: Option<At<f64>>,
    service_time: Option<At<f64>>,
    coords: Vec<At<(usize, f64, f64)>>,
    coords_header: Option<usize>,
    demands: Vec<At<(usize, f64)>>,
    demands_header: Option<usize>,
    depots: Vec<At<usize>>,
    depots_header: Option<usize>,
    depots_closed: bool,
    weights: Vec<At<f64>>,
    weights_header: Option<usize>,
    windows: Vec<At<(usize, (f64, f64))>>,
    windows_header: Option<usize>,
    services: Vec<At<(usize, f64)>>,
    services_header: Option<usize>,
}

/// Reads a VRPLIB problem (see the module docs for the keys, sections and conventions).
///
/// ```
/// let text = "NAME : tiny\nDIMENSION : 3\nCAPACITY : 10\nEDGE_WEIGHT_TYPE : EUC_2D\n\
///             NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 0 2\nDEMAND_SECTION\n1 0\n2 4\n3 5\n\
///             DEPOT_SECTION\n1\n-1\nEOF\n";
/// let p = flowcast_vrp::format::parse_vrplib(text)?;
/// assert_eq!((p.depots().len(), p.clients().len()), (1, 2));
/// assert_eq!(p.clients()[0].name, "2"); // node 2 is client 0
/// assert_eq!(p.distance(0, p.client_location(0)), 5.0);
/// # Ok::<(), flowcast_vrp::FormatError>(())
/// ```
///
/// # Errors
/// [`FormatError::Parse`] with the line of a malformed, duplicate or out-of-range entry (or the
/// last line for a missing key or section); [`FormatError::Invalid`] when the problem it
/// describes is invalid (a negative demand, say).
pub fn parse_vrplib(text: &str) -> Result<Problem, FormatError> {
    let raw = scan(text)?;
    build(text, raw)
}

/// The key of a `KEY : value` line, when the line is one.
fn spec_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let is_key = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && key.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    is_key.then(|| (key, value.trim()))
}

fn once<T>(slot: &mut Option<At<T>>, line: usize, key: &str, value: T) -> Result<(), FormatError> {
    if let Some((first, _)) = slot {
        return Err(FormatError::at(
            line,
            format!("{key} is given twice (first on line {first})"),
        ));
    }
    *slot = Some((line, value));
    Ok(())
}

fn scan(text: &str) -> Result<Raw<'_>, FormatError> {
    let mut raw = Raw::default();
    let mut section: Option<Section> = None;
    for (no, line) in numbered_lines(text) {
        let first = line.split_whitespace().next().unwrap_or("");
        let head = first.trim_end_matches(':').to_ascii_uppercase();
        if head == "EOF" {
            break;
        }
        if head.ends_with("_SECTION") {
            let rest = line[first.len()..].trim().trim_start_matches(':').trim();
            if !rest.is_empty() {
                return Err(FormatError::at(
                    no,
                    format!("unexpected {rest:?} after {head}: its data starts on the next line"),
                ));
            }
            let (s, header) = match head.as_str() {
                "NODE_COORD_SECTION" => (Section::Coords, &mut raw.coords_header),
                "DEMAND_SECTION" => (Section::Demand, &mut raw.demands_header),
                "DEPOT_SECTION" => (Section::Depot, &mut raw.depots_header),
                "EDGE_WEIGHT_SECTION" => (Section::EdgeWeight, &mut raw.weights_header),
                "TIME_WINDOW_SECTION" => (Section::TimeWindow, &mut raw.windows_header),
                "SERVICE_TIME_SECTION" => (Section::ServiceTime, &mut raw.services_header),
                _ => {
                    section = Some(Section::Other);
                    continue;
                }
            };
            if let Some(first) = header {
                return Err(FormatError::at(
                    no,
                    format!("{head} is given twice (first on line {first})"),
                ));
            }
            *header = Some(no);
            section = Some(s);
            continue;
        }
        if let Some((key, value)) = spec_key(line) {
            section = None;
            spec(&mut raw, no, &key.to_ascii_uppercase(), value)?;
            continue;
        }
        match section {
            Some(s) => data(&mut raw, no, s, line)?,
            None => {
                return Err(FormatError::at(
                    no,
                    format!("expected `KEY : value` or a section name, found {line:?}"),
                ));
            }
        }
    }
    Ok(raw)
}

fn spec<'a>(raw: &mut Raw<'a>, no: usize, key: &str, value: &'a str) -> Result<(), FormatError> {
    let what = key;
    match key {
        "NAME" => once(&mut raw.name, no, key, value),
        "DIMENSION" => once(&mut raw.dimension, no, key, integer(value, no, what)?),
        "CAPACITY" => once(&mut raw.capacity, no, key, number(value, no, what)?),
        "VEHICLES" => once(&mut raw.vehicles, no, key, integer(value, no, what)?),
        "DISTANCE" => once(&mut raw.distance, no, key, number(value, no, what)?),
        "SERVICE_TIME" => once(&mut raw.service_time, no, key, number(value, no, what)?),
        "EDGE_WEIGHT_TYPE" => {
            let v = value.to_ascii_uppercase();
            if !matches!(v.as_str(), "EUC_2D" | "CEIL_2D" | "EXPLICIT") {
                return Err(FormatError::at(
                    no,
                    format!(
                        "EDGE_WEIGHT_TYPE {value:?} is not supported: use EUC_2D, CEIL_2D or EXPLICIT"
                    ),
                ));
            }
            once(&mut raw.edge_weight_type, no, key, v)
        }
        "EDGE_WEIGHT_FORMAT" => {
            let v = value.to_ascii_uppercase();
            if triangle(&v).is_none() {
                return Err(FormatError::at(
                    no,
                    format!(
                        "EDGE_WEIGHT_FORMAT {value:?} is not supported: use FULL_MATRIX, \
                         LOWER_ROW, UPPER_ROW, LOWER_DIAG_ROW or UPPER_DIAG_ROW (or a _COL twin)"
                    ),
                ));
            }
            once(&mut raw.edge_weight_format, no, key, v)
        }
        _ => Ok(()), // COMMENT, TYPE, NODE_COORD_TYPE, DISPLAY_DATA_TYPE, …
    }
}

/// How an `EDGE_WEIGHT_FORMAT` lists a matrix: `None` for unsupported ones, else `(full, lower,
/// diagonal)` — row-wise lower triangles are column-wise upper ones and vice versa.
fn triangle(format: &str) -> Option<(bool, bool, bool)> {
    Some(match format {
        "FULL_MATRIX" => (true, false, true),
        "LOWER_ROW" | "UPPER_COL" => (false, true, false),
        "UPPER_ROW" | "LOWER_COL" => (false, false, false),
        "LOWER_DIAG_ROW" | "UPPER_DIAG_COL" => (false, true, true),
        "UPPER_DIAG_ROW" | "LOWER_DIAG_COL" => (false, false, true),
        _ => return None,
    })
}

fn data(raw: &mut Raw<'_>, no: usize, section: Section, line: &str) -> Result<(), FormatError> {
    match section {
        Section::Coords => {
            let [id, x, y] = fields(line, no, "id x y")?;
            raw.coords.push((
                no,
                (
                    integer(id, no, "node id")?,
                    number(x, no, "x")?,
                    number(y, no, "y")?,
                ),
            ));
        }
        Section::Demand => {
            let [id, d] = fields(line, no, "id demand")?;
            raw.demands
                .push((no, (integer(id, no, "node id")?, number(d, no, "demand")?)));
        }
        Section::TimeWindow => {
            let [id, e, l] = fields(line, no, "id early late")?;
            raw.windows.push((
                no,
                (
                    integer(id, no, "node id")?,
                    (number(e, no, "early")?, number(l, no, "late")?),
                ),
            ));
        }
        Section::ServiceTime => {
            let [id, s] = fields(line, no, "id service")?;
            raw.services.push((
                no,
                (integer(id, no, "node id")?, number(s, no, "service time")?),
            ));
        }
        Section::Depot => {
            for t in line.split_whitespace() {
                if raw.depots_closed {
                    return Err(FormatError::at(
                        no,
                        format!("unexpected {t:?} after the -1 that ends DEPOT_SECTION"),
                    ));
                }
                if t == "-1" {
                    raw.depots_closed = true;
                } else {
                    raw.depots.push((no, integer(t, no, "depot id")?));
                }
            }
        }
        Section::EdgeWeight => {
            for t in line.split_whitespace() {
                raw.weights.push((no, number(t, no, "edge weight")?));
            }
        }
        Section::Other => {}
    }
    Ok(())
}

/// Per-node values from `(line, (id, value))` entries: each id in `1..=n`, at most once.
fn by_node<T: Copy>(
    entries: &[At<(usize, T)>],
    n: usize,
    section: &str,
) -> Result<Vec<Option<T>>, FormatError> {
    let mut out: Vec<Option<T>> = vec![None; n];
    let mut first_line = vec![0usize; n];
    for &(no, (id, value)) in entries {
        if id == 0 || id > n {
            return Err(FormatError::at(
                no,
                format!("node {id} is not in 1..={n} (DIMENSION) in {section}"),
            ));
        }
        if out[id - 1].is_some() {
            return Err(FormatError::at(
                no,
                format!(
                    "node {id} appears twice in {section} (first on line {})",
                    first_line[id - 1]
                ),
            ));
        }
        out[id - 1] = Some(value);
        first_line[id - 1] = no;
    }
    Ok(out)
}

/// Every node must have a value: the first missing one is reported at the section's header.
fn complete<T: Copy>(
    values: Vec<Option<T>>,
    header: usize,
    section: &str,
) -> Result<Vec<T>, FormatError> {
    values
        .iter()
        .position(Option::is_none)
        .map_or(Ok(()), |k| {
            Err(FormatError::at(
                header,
                format!("{section} has no entry for node {}", k + 1),
            ))
        })?;
    Ok(values.into_iter().flatten().collect())
}

fn build(text: &str, raw: Raw<'_>) -> Result<Problem, FormatError> {
    let end = last_line(text);
    let (dim_line, n) = raw
        .dimension
        .ok_or_else(|| FormatError::at(end, "DIMENSION is missing"))?;
    if n == 0 {
        return Err(FormatError::at(dim_line, "DIMENSION must be at least 1"));
    }
    // Every node takes at least one line or value of the file: a larger DIMENSION cannot be
    // complete, and is refused before anything of its size is allocated.
    if n > MAX_LOCATIONS || n > text.len() {
        return Err(FormatError::at(
            dim_line,
            format!(
                "DIMENSION {n} is more than this file can describe (or than the {MAX_LOCATIONS} \
                 locations a dense matrix is built for)"
            ),
        ));
    }
    let (ewt_line, edge_weight_type) = raw
        .edge_weight_type
        .clone()
        .ok_or_else(|| FormatError::at(end, "EDGE_WEIGHT_TYPE is missing"))?;
    let explicit = edge_weight_type == "EXPLICIT";

    // Depots.
    let mut depot_ids: Vec<usize> = if raw.depots_header.is_some() {
        raw.depots.iter().map(|&(_, id)| id).collect()
    } else {
        vec![1]
    };
    if let Some(header) = raw.depots_header {
        if depot_ids.is_empty() {
            return Err(FormatError::at(header, "DEPOT_SECTION lists no depot"));
        }
    }
    let mut is_depot = vec![false; n];
    for &(no, id) in &raw.depots {
        if id == 0 || id > n {
            return Err(FormatError::at(
                no,
                format!("depot {id} is not in 1..={n} (DIMENSION)"),
            ));
        }
        if is_depot[id - 1] {
            return Err(FormatError::at(no, format!("depot {id} is listed twice")));
        }
        is_depot[id - 1] = true;
    }
    if raw.depots_header.is_none() {
        is_depot[0] = true;
    }
    depot_ids.sort_unstable();
    // Location order: depots, then the other nodes, ascending. node[l] is the 0-based node.
    let nodes: Vec<usize> = depot_ids
        .iter()
        .map(|id| id - 1)
        .chain((0..n).filter(|&k| !is_depot[k]))
        .collect();

    // Coordinates.
    let coords: Vec<(f64, f64)> = {
        let entries: Vec<At<(usize, (f64, f64))>> = raw
            .coords
            .iter()
            .map(|&(no, (id, x, y))| (no, (id, (x, y))))
            .collect();
        let values = by_node(&entries, n, "NODE_COORD_SECTION")?;
        match raw.coords_header {
            Some(header) if !explicit => complete(values, header, "NODE_COORD_SECTION")?,
            Some(_) => values
                .into_iter()
                .map(|v| v.unwrap_or((0.0, 0.0)))
                .collect(),
            None if explicit => vec![(0.0, 0.0); n],
            None => {
                return Err(FormatError::at(
                    end,
                    format!("NODE_COORD_SECTION is missing (needed by {edge_weight_type})"),
                ));
            }
        }
    };

    // Demands and capacity.
    let demands: Option<Vec<f64>> = match raw.demands_header {
        Some(header) => Some(complete(
            by_node(&raw.demands, n, "DEMAND_SECTION")?,
            header,
            "DEMAND_SECTION",
        )?),
        None => None,
    };
    let capacity: Vec<f64> = match (raw.capacity, &demands) {
        (Some((_, c)), _) => vec![c],
        (None, Some(_)) => return Err(FormatError::at(end, "CAPACITY is missing")),
        (None, None) => Vec::new(),
    };
    let dimensions = capacity.len();

    let windows = by_node(&raw.windows, n, "TIME_WINDOW_SECTION")?;
    let windows = match raw.windows_header {
        Some(header) => complete(windows, header, "TIME_WINDOW_SECTION")?,
        None => vec![(0.0, f64::INFINITY); n],
    };
    let services = by_node(&raw.services, n, "SERVICE_TIME_SECTION")?;
    let services: Vec<f64> = match raw.services_header {
        Some(header) => complete(services, header, "SERVICE_TIME_SECTION")?,
        None => vec![raw.service_time.map_or(0.0, |(_, s)| s); n],
    };

    let depots: Vec<Depot> = depot_ids
        .iter()
        .map(|&id| Depot {
            name: id.to_string(),
            x: coords[id - 1].0,
            y: coords[id - 1].1,
            tw_early: windows[id - 1].0,
            tw_late: windows[id - 1].1,
        })
        .collect();
    let clients: Vec<Client> = nodes[depots.len()..]
        .iter()
        .map(|&k| Client {
            name: (k + 1).to_string(),
            x: coords[k].0,
            y: coords[k].1,
            demand: match &demands {
                Some(d) => vec![d[k]; dimensions],
                None => vec![0.0; dimensions],
            },
            service: services[k],
            tw_early: windows[k].0,
            tw_late: windows[k].1,
            required: true,
            prize: 0.0,
        })
        .collect();
    let count = raw.vehicles.map_or(clients.len().max(1), |(_, v)| v);
    let vehicle_types: Vec<VehicleType> = (0..depots.len())
        .map(|d| VehicleType {
            name: if depots.len() == 1 {
                "vehicle".into()
            } else {
                format!("vehicle from depot {}", depots[d].name)
            },
            count,
            capacity: capacity.clone(),
            start_depot: d,
            end_depot: d,
            max_distance: raw.distance.map_or(f64::INFINITY, |(_, v)| v),
            ..VehicleType::default()
        })
        .collect();

    let name = raw.name.map_or("", |(_, v)| v).to_owned();
    let matrices = if explicit {
        let header = raw
            .weights_header
            .ok_or_else(|| FormatError::at(end, "EDGE_WEIGHT_SECTION is missing (EXPLICIT)"))?;
        let (_, format) = raw
            .edge_weight_format
            .clone()
            .ok_or_else(|| FormatError::at(ewt_line, "EDGE_WEIGHT_FORMAT is missing (EXPLICIT)"))?;
        let full = explicit_matrix(&raw.weights, n, &format, header)?;
        Matrices::DistanceOnly(Matrix::from_fn(n, |i, j| full[nodes[i] * n + nodes[j]]))
    } else {
        let rounding = if edge_weight_type == "CEIL_2D" {
            Rounding::Ceil
        } else {
            Rounding::Nearest
        };
        Matrices::Coordinates(rounding)
    };
    Ok(Problem::build(
        name,
        depots,
        clients,
        vehicle_types,
        Some(dimensions),
        matrices,
        Vec::new(),
    )?)
}

/// The full `n × n` node matrix (row-major, by 0-based node) from an `EDGE_WEIGHT_SECTION`.
fn explicit_matrix(
    weights: &[At<f64>],
    n: usize,
    format: &str,
    header: usize,
) -> Result<Vec<f64>, FormatError> {
    let Some((full, lower, diagonal)) = triangle(format) else {
        return Err(FormatError::at(
            header,
            format!("EDGE_WEIGHT_FORMAT {format} is not supported"),
        ));
    };
    let expected = if full {
        n * n
    } else if diagonal {
        n * (n + 1) / 2
    } else {
        n * (n - 1) / 2
    };
    if weights.len() != expected {
        let line = weights.get(expected).map_or(header, |&(no, _)| no);
        return Err(FormatError::at(
            line,
            format!(
                "EDGE_WEIGHT_SECTION has {} values; a {format} matrix of {n} nodes has {expected}",
                weights.len()
            ),
        ));
    }
    let mut m = vec![0.0; n * n];
    if full {
        for (slot, &(_, w)) in m.iter_mut().zip(weights) {
            *slot = w;
        }
        return Ok(m);
    }
    let mut values = weights.iter().map(|&(_, w)| w);
    for i in 0..n {
        let columns = if lower {
            0..if diagonal { i + 1 } else { i }
        } else {
            (if diagonal { i } else { i + 1 })..n
        };
        for j in columns {
            let w = values.next().unwrap_or(0.0);
            m[i * n + j] = w;
            m[j * n + i] = w;
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "NAME : t\nTYPE : CVRP\nDIMENSION : 4\nCAPACITY : 10\n";

    #[test]
    fn explicit_triangles_agree() {
        // Nodes 1..4 with d(i, j) = 10·min + max off the diagonal, listed three ways.
        let d = |i: usize, j: usize| {
            if i == j {
                0.0
            } else {
                (10 * i.min(j) + i.max(j)) as f64
            }
        };
        let full: Vec<String> = (1..=4)
            .map(|i| {
                (1..=4)
                    .map(|j| d(i, j).to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let lower_row: Vec<String> = (1..=4)
            .map(|i| {
                (1..i)
                    .map(|j| d(i, j).to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let upper_diag: Vec<String> = (1..=4)
            .map(|i| {
                (i..=4)
                    .map(|j| d(i, j).to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let mut seen = Vec::new();
        for (format, rows) in [
            ("FULL_MATRIX", full.join("\n")),
            ("LOWER_ROW", lower_row.join("\n")),
            ("UPPER_DIAG_ROW", upper_diag.join("\n")),
        ] {
            let text = format!(
                "{HEAD}EDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : {format}\n\
                 EDGE_WEIGHT_SECTION\n{rows}\nDEMAND_SECTION\n1 0\n2 1\n3 1\n4 1\nEOF\n"
            );
            let p = parse_vrplib(&text).unwrap_or_else(|e| panic!("{format}: {e}"));
            let m: Vec<f64> = p.distance_matrix().as_slice().to_vec();
            seen.push(m);
        }
        assert_eq!(seen[0], seen[1]);
        assert_eq!(seen[0], seen[2]);
        assert_eq!(seen[0][1], d(1, 2));
    }

    #[test]
    fn depots_come_first_as_locations() {
        // Node 3 is the depot: location 0 is node 3, clients are nodes 1, 2, 4 in that order.
        let text = format!(
            "{HEAD}EDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 10 0\n3 20 0\n4 30 0\n\
             DEMAND_SECTION\n1 1\n2 1\n3 0\n4 1\nDEPOT_SECTION\n3\n-1\nEOF\n"
        );
        let p = parse_vrplib(&text).unwrap();
        assert_eq!(p.depots()[0].name, "3");
        let names: Vec<&str> = p.clients().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["1", "2", "4"]);
        assert_eq!(p.distance(0, p.client_location(0)), 20.0);
    }

    #[test]
    fn time_windows_and_service_times_are_read() {
        let text = format!(
            "{HEAD}EDGE_WEIGHT_TYPE : EUC_2D\nSERVICE_TIME : 7\nNODE_COORD_SECTION\n1 0 0\n\
             2 1 0\n3 2 0\n4 3 0\nDEMAND_SECTION\n1 0\n2 1\n3 1\n4 1\n\
             TIME_WINDOW_SECTION\n1 0 100\n2 5 10\n3 0 50\n4 0 60\nEOF\n"
        );
        let p = parse_vrplib(&text).unwrap();
        assert_eq!(
            (p.depots()[0].tw_early, p.depots()[0].tw_late),
            (0.0, 100.0)
        );
        assert_eq!(
            (p.clients()[0].tw_early, p.clients()[0].tw_late),
            (5.0, 10.0)
        );
        assert!(p.clients().iter().all(|c| c.service == 7.0));
        assert_eq!(p.vehicle_types()[0].count, 3);
    }
}
