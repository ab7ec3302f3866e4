//! Malformed files give an error at the right 1-based line; files that parse but describe an
//! invalid problem give the problem's issues.

mod common;

use flowcast_vrp::FormatError;
use flowcast_vrp::format::{Format, parse_solomon, parse_vrplib, read};

/// The text with line `n` (1-based) replaced by `new` (or removed when `None`).
fn edit(text: &str, n: usize, new: Option<&str>) -> String {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| if i + 1 == n { new } else { Some(l) })
        .collect::<Vec<_>>()
        .join("\n")
}

/// X-n106-k14: line 4 DIMENSION, 5 EDGE_WEIGHT_TYPE, 6 CAPACITY, 7 NODE_COORD_SECTION, 8..=113
/// nodes 1..=106, 114 DEMAND_SECTION, 115..=220 demands, 221 DEPOT_SECTION, 222 `1`,
/// 223 `-1`, 224 EOF.
fn x() -> String {
    common::read("X/X-n106-k14.vrp")
}

fn vrplib_line(text: &str) -> (Option<usize>, String) {
    match parse_vrplib(text) {
        Ok(p) => panic!("{} parsed", p.name()),
        Err(e) => (e.line(), e.to_string()),
    }
}

#[test]
fn vrplib_errors_name_the_line() {
    let x = x();
    assert!(parse_vrplib(&x).is_ok());
    let cases: [(String, usize, &str); 12] = [
        (edit(&x, 10, Some("4 983")), 10, "expected 3 values"),
        (edit(&x, 9, Some("3 890 abc")), 9, "\"abc\" is not a number"),
        (
            edit(&x, 10, Some("2 890 200")),
            10,
            "node 2 appears twice in NODE_COORD_SECTION (first on line 9)",
        ),
        (
            edit(&x, 120, Some("200 5")),
            120,
            "node 200 is not in 1..=106",
        ),
        (
            edit(&x, 4, Some("DIMENSION : 107")),
            7,
            "NODE_COORD_SECTION has no entry for node 107",
        ),
        (edit(&x, 5, Some("EDGE_WEIGHT_TYPE : GEO")), 5, "GEO"),
        (
            edit(&x, 3, Some("hello")),
            3,
            "expected `KEY : value` or a section name",
        ),
        (
            edit(&x, 6, Some("DIMENSION : 106")),
            6,
            "DIMENSION is given twice (first on line 4)",
        ),
        (edit(&x, 223, Some("-1 5")), 223, "after the -1"),
        (edit(&x, 222, Some("0")), 222, "depot 0 is not in 1..=106"),
        (edit(&x, 4, Some("DIMENSION : -3")), 4, "not a whole number"),
        (
            edit(&x, 114, Some("DEMAND_SECTION 3")),
            114,
            "its data starts on the next line",
        ),
    ];
    for (text, line, words) in cases {
        let (got, message) = vrplib_line(&text);
        assert_eq!(got, Some(line), "{message}");
        assert!(message.contains(words), "{message:?} lacks {words:?}");
    }
}

/// Missing parts are reported at the last line (where the reader noticed).
#[test]
fn vrplib_missing_parts_point_at_the_end() {
    let x = x();
    let last = x.lines().count() - 1; // the text is rebuilt without its final newline
    for (n, words) in [
        (4, "DIMENSION is missing"),
        (5, "EDGE_WEIGHT_TYPE is missing"),
        (6, "CAPACITY is missing"),
    ] {
        let text = edit(&x, n, None);
        let (got, message) = vrplib_line(&text);
        assert_eq!(got, Some(last), "{message}");
        assert!(message.contains(words), "{message}");
    }
    let no_coordinates: String = x
        .lines()
        .enumerate()
        .filter(|(i, _)| !(6..113).contains(i))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
    let (_, message) = vrplib_line(&no_coordinates);
    assert!(
        message.contains("NODE_COORD_SECTION is missing"),
        "{message}"
    );
}

/// An explicit matrix one value short: reported at the section header.
#[test]
fn explicit_matrix_of_the_wrong_length() {
    let text = "NAME : t\nDIMENSION : 3\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : EXPLICIT\n\
                EDGE_WEIGHT_FORMAT : LOWER_ROW\nEDGE_WEIGHT_SECTION\n1\n2\nDEMAND_SECTION\n\
                1 0\n2 1\n3 1\nEOF\n";
    let (line, message) = vrplib_line(text);
    assert_eq!(line, Some(6), "{message}");
    assert!(
        message.contains("has 2 values; a LOWER_ROW matrix of 3 nodes has 3"),
        "{message}"
    );
    let one_too_many = text.replace("1\n2\nDEMAND", "1\n2\n3\n4\nDEMAND");
    assert_eq!(vrplib_line(&one_too_many).0, Some(10));
}

/// A negative demand parses but is invalid: the issue names the client and its node.
#[test]
fn vrplib_invalid_problem_lists_issues() {
    let text = edit(&x(), 115 + 4, Some("5 -7"));
    let Err(FormatError::Invalid(e)) = parse_vrplib(&text) else {
        panic!("expected Invalid");
    };
    assert_eq!(e.issues().len(), 1);
    assert_eq!(e.issues()[0].location, "clients[3].demand[0]");
    assert!(e.issues()[0].cause.contains("client \"5\""), "{e}");
}

/// C101: line 5 the fleet, 7 CUSTOMER, 8 the column headings, 10 customer 0, 11.. customers
/// 1.. (the customer k is on line 10 + k).
#[test]
fn solomon_errors_name_the_line() {
    let c = common::read("solomon/C101.txt");
    assert!(parse_solomon(&c).is_ok());
    let cases: [(String, usize, &str); 6] = [
        (edit(&c, 5, Some("25 two-hundred")), 5, "CAPACITY"),
        (
            edit(&c, 15, Some("5 42 65 10 15 67")),
            15,
            "expected 7 values",
        ),
        (
            edit(&c, 20, Some("11 35 69 10 448 505 90")),
            20,
            "customer 11 where customer 10",
        ),
        (edit(&c, 3, Some("VEHICLES")), 3, "VEHICLE heading"),
        (edit(&c, 7, Some("")), 8, "CUSTOMER heading"),
        (
            edit(&c, 110, Some("100 55 85 20 647 726 90 extra")),
            110,
            "expected 7 values",
        ),
    ];
    for (text, line, words) in cases {
        let e = parse_solomon(&text).unwrap_err();
        assert_eq!(e.line(), Some(line), "{e}");
        assert!(e.to_string().contains(words), "{e}");
    }
    // A due date before the ready time parses, and is an invalid problem.
    let text = edit(&c, 11, Some("1 45 68 10 967 912 90"));
    let Err(FormatError::Invalid(e)) = parse_solomon(&text) else {
        panic!("expected Invalid");
    };
    assert_eq!(e.issues()[0].location, "clients[0].tw_late");
}

/// `read` with an explicit format uses that parser, even on the wrong text.
#[test]
fn read_with_a_given_format() {
    let c = common::read("solomon/C101.txt");
    assert!(read(&c, None).is_ok());
    assert!(read(&c, Some(Format::Solomon)).is_ok());
    assert_eq!(read(&c, Some(Format::Vrplib)).unwrap_err().line(), Some(1));
    assert_eq!(read(&c, Some(Format::Json)).unwrap_err().line(), Some(1));
}
