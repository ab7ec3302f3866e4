//! Solomon's (1987) VRPTW text format.
//!
//! ```text
//! C101
//!
//! VEHICLE
//! NUMBER     CAPACITY
//!   25         200
//!
//! CUSTOMER
//! CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME
//!
//!     0      40         50          0          0       1236          0
//!     1      45         68         10        912        967         90
//! ```
//!
//! The first line is the name. Customer 0 is the depot: its ready time and due date are the
//! depot's time window (its demand and service time are ignored). Customers `1..=n` must follow
//! in order and become clients `0..n`, named by their numbers. Distances are Euclidean in double
//! precision ([`Rounding::Exact`]), durations equal distances, and the fleet is `NUMBER`
//! vehicles of capacity `CAPACITY`.

use super::{FormatError, fields, integer, last_line, number, numbered_lines};
use crate::model::{Client, Depot, MAX_LOCATIONS, Matrices, Problem, Rounding, VehicleType};

/// Reads a Solomon instance (see the module docs).
///
/// ```
/// let text = "tiny\n\nVEHICLE\nNUMBER CAPACITY\n2 10\n\nCUSTOMER\n\
///             CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n\
///             0 0 0 0 0 100 0\n1 3 4 5 0 50 10\n";
/// let p = flowcast_vrp::format::parse_solomon(text)?;
/// assert_eq!(p.clients()[0].name, "1");
/// assert_eq!((p.vehicle_types()[0].count, p.vehicle_types()[0].capacity[0]), (2, 10.0));
/// assert_eq!(p.depots()[0].tw_late, 100.0);
/// # Ok::<(), flowcast_vrp::FormatError>(())
/// ```
///
/// # Errors
/// [`FormatError::Parse`] with the line of what is malformed or out of order (or the last line
/// for a missing part); [`FormatError::Invalid`] when the instance is invalid (a due date before
/// the ready time, say).
pub fn parse_solomon(text: &str) -> Result<Problem, FormatError> {
    let end = last_line(text);
    let mut lines = numbered_lines(text).peekable();
    let (_, name) = lines
        .next()
        .ok_or_else(|| FormatError::at(1, "the file is empty: expected the instance name"))?;
    expect_word(&mut lines, "VEHICLE", end)?;
    let (no, line) = first_numeric(&mut lines, end, "the NUMBER and CAPACITY line")?;
    let [count, capacity] = fields::<2>(line, no, "NUMBER CAPACITY")?;
    let count = integer(count, no, "NUMBER")?;
    let capacity = number(capacity, no, "CAPACITY")?;
    expect_word(&mut lines, "CUSTOMER", end)?;
    let (no, line) = first_numeric(&mut lines, end, "the depot's row (customer 0)")?;
    let mut rows = vec![(no, line)];
    for (no, line) in lines {
        if line.eq_ignore_ascii_case("EOF") {
            break;
        }
        rows.push((no, line));
    }
    if rows.len() > MAX_LOCATIONS {
        return Err(FormatError::at(
            rows[MAX_LOCATIONS].0,
            format!("more than the {MAX_LOCATIONS} locations a dense matrix is built for"),
        ));
    }
    let mut depot = Depot::default();
    let mut clients = Vec::with_capacity(rows.len().saturating_sub(1));
    for (k, &(no, line)) in rows.iter().enumerate() {
        let [id, x, y, demand, ready, due, service] = fields::<7>(
            line,
            no,
            "CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME",
        )?;
        let id = integer(id, no, "CUST NO.")?;
        if id != k {
            return Err(FormatError::at(
                no,
                format!(
                    "customer {id} where customer {k} was expected (customers are numbered 0, 1, 2, … in order)"
                ),
            ));
        }
        let (x, y) = (number(x, no, "XCOORD.")?, number(y, no, "YCOORD.")?);
        let demand = number(demand, no, "DEMAND")?;
        let (ready, due) = (
            number(ready, no, "READY TIME")?,
            number(due, no, "DUE DATE")?,
        );
        let service = number(service, no, "SERVICE TIME")?;
        if k == 0 {
            depot = Depot {
                name: "0".into(),
                x,
                y,
                tw_early: ready,
                tw_late: due,
            };
        } else {
            clients.push(Client {
                name: id.to_string(),
                x,
                y,
                demand: vec![demand],
                service,
                tw_early: ready,
                tw_late: due,
                required: true,
                prize: 0.0,
            });
        }
    }
    let vehicle = VehicleType {
        name: "vehicle".into(),
        count,
        capacity: vec![capacity],
        ..VehicleType::default()
    };
    Ok(Problem::build(
        name.to_owned(),
        vec![depot],
        clients,
        vec![vehicle],
        Some(1),
        Matrices::Coordinates(Rounding::Exact),
        Vec::new(),
    )?)
}

/// Skips to the line that is exactly `word` (case-insensitive); anything else first is an
/// error.
fn expect_word<'a>(
    lines: &mut impl Iterator<Item = (usize, &'a str)>,
    word: &str,
    end: usize,
) -> Result<(), FormatError> {
    match lines.next() {
        Some((_, line)) if line.eq_ignore_ascii_case(word) => Ok(()),
        Some((no, line)) => Err(FormatError::at(
            no,
            format!("expected the {word} heading, found {line:?}"),
        )),
        None => Err(FormatError::at(
            end,
            format!("the file ends before the {word} heading"),
        )),
    }
}

/// The first line after column headings (lines that start with a letter).
fn first_numeric<'a>(
    lines: &mut impl Iterator<Item = (usize, &'a str)>,
    end: usize,
    what: &str,
) -> Result<(usize, &'a str), FormatError> {
    for (no, line) in lines {
        if !line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Ok((no, line));
        }
    }
    Err(FormatError::at(end, format!("the file ends before {what}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line() {
        let good = "t\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\nCUST NO.\n0 0 0 0 0 100 0\n1 3 4 5 0 50 10\n";
        assert!(parse_solomon(good).is_ok());
        let cases = [
            ("", 1),
            ("t\n", 1),
            ("t\nVEHICLES\n", 2),
            ("t\nVEHICLE\nNUMBER CAPACITY\n2\n", 4),
            (
                "t\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\nX\n0 0 0 0 0 100 0\n2 3 4 5 0 50 10\n",
                8,
            ),
            (
                "t\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\nX\n0 0 0 0 0 100 0\n1 3 4 five 0 50 10\n",
                8,
            ),
        ];
        for (text, line) in cases {
            let e = parse_solomon(text).unwrap_err();
            assert_eq!(e.line(), Some(line), "{text:?}: {e}");
        }
    }
}
