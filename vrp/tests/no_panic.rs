//! No input makes a reader panic: the shared files mutated and truncated, token soups and
//! random bytes all give a problem or an error. Whatever does parse round-trips through the
//! JSON format and can be checked against any solution.

mod common;

use flowcast_vrp::format::{self, Format, from_json, parse_sol, read, solution_from_json, to_json};
use flowcast_vrp::{Problem, Route, Solution, check};
use proptest::prelude::*;

/// Pieces that steer the readers into their corners.
const TOKENS: &[&str] = &[
    "-1",
    "0",
    "1",
    "2",
    "3",
    "nan",
    "inf",
    "-inf",
    "1e400",
    "-0",
    "99999999999999999999",
    "18446744073709551616",
    "0.5",
    ":",
    " ",
    "\t",
    "\n",
    "\r\n",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\"",
    "null",
    "true",
    "\u{feff}",
    "é",
    "DIMENSION : 1000000",
    "DIMENSION : 0",
    "DIMENSION : 2",
    "CAPACITY : -5",
    "EDGE_WEIGHT_TYPE : EXPLICIT",
    "EDGE_WEIGHT_TYPE : CEIL_2D",
    "EDGE_WEIGHT_FORMAT : LOWER_ROW",
    "EDGE_WEIGHT_FORMAT : FULL_MATRIX",
    "EDGE_WEIGHT_SECTION",
    "NODE_COORD_SECTION",
    "DEMAND_SECTION",
    "DEPOT_SECTION",
    "TIME_WINDOW_SECTION",
    "SERVICE_TIME_SECTION",
    "VEHICLES : 0",
    "DISTANCE : 5",
    "EOF",
    "NAME :",
    "Route #1:",
    "Route #2: 1 2 3",
    "Cost 12",
    "VEHICLE",
    "CUSTOMER",
    "NUMBER CAPACITY",
    "25 200",
    "0 40 50 0 0 1236 0",
    "1 45 68 10 912 967 90",
    "\"version\": 2",
    "\"version\": 1",
    "\"format\": \"flowcast-vrp-problem\"",
    "\"format\": \"flowcast-vrp-solution\"",
    "\"dimensions\": 4000000000",
    "\"distance\": [[0, 1], [1, 0]]",
    "\"duration\": [[0]]",
    "\"clients\": [{}]",
    "\"depots\": [{\"x\": 0, \"y\": 0}]",
    "\"vehicleTypes\": [{\"count\": 1}]",
    "\"routes\": [{\"vehicleType\": 0, \"visits\": [0, 99]}]",
    "\"rounding\": \"nearest\"",
];

/// The texts the mutations start from: real instances and solutions of every format.
fn seeds() -> Vec<String> {
    let c101 = common::read("solomon/C101.txt");
    let small = format::parse_solomon(&c101).unwrap();
    vec![
        common::read("X/X-n106-k14.vrp"),
        common::read("X/X-n106-k14.sol"),
        c101,
        to_json(&small),
        "{\"format\": \"flowcast-vrp-solution\", \"version\": 1, \"routes\": \
         [{\"vehicleType\": 0, \"visits\": [2, 0]}, {\"vehicleType\": 0, \"visits\": []}]}"
            .to_owned(),
        "NAME : e\nTYPE : VRPTW\nDIMENSION : 4\nCAPACITY : 5\nVEHICLES : 2\nDISTANCE : 90\n\
         EDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : UPPER_DIAG_ROW\nEDGE_WEIGHT_SECTION\n\
         0 3 4 5\n0 6 7\n0 8\n0\nDEMAND_SECTION\n1 0\n2 1\n3 2\n4 3\nDEPOT_SECTION\n1\n-1\n\
         TIME_WINDOW_SECTION\n1 0 100\n2 0 10\n3 5 50\n4 0 60\nSERVICE_TIME_SECTION\n1 0\n2 1\n\
         3 1\n4 1\nEOF\n"
            .to_owned(),
    ]
}

/// Numbers that keep a file's shape but test its values.
const NUMBERS: &[&str] = &[
    "0", "1", "2", "-1", "-7", "0.5", "1e9", "nan", "inf", "1e400", "999999", "3", "10", "105",
    "106", "107",
];

#[derive(Debug, Clone)]
enum Edit {
    /// Replaces the k-th run of digits by a number of [`NUMBERS`].
    Number(usize, usize),
    Truncate(usize),
    Delete(usize, usize),
    InsertBytes(usize, Vec<u8>),
    InsertToken(usize, usize),
    ReplaceLine(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (any::<usize>(), 0..NUMBERS.len()).prop_map(|(k, n)| Edit::Number(k, n)),
        1 => any::<usize>().prop_map(Edit::Truncate),
        2 => (any::<usize>(), 0..200usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        2 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(a, b)| Edit::InsertBytes(a, b)),
        2 => (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Edit::InsertToken(a, t)),
        2 => (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Edit::ReplaceLine(a, t)),
        1 => any::<usize>().prop_map(Edit::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn apply(text: Vec<u8>, edit: &Edit) -> Vec<u8> {
    let at = |p: usize| p % (text.len() + 1);
    let mut lines: Vec<Vec<u8>> = text.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let line = |p: usize| p % lines.len();
    match edit {
        Edit::Number(k, n) => {
            let runs: Vec<(usize, usize)> = digit_runs(&text);
            if runs.is_empty() {
                return text;
            }
            let (start, end) = runs[k % runs.len()];
            [&text[..start], NUMBERS[*n].as_bytes(), &text[end..]].concat()
        }
        Edit::Truncate(p) => text[..at(*p)].to_vec(),
        Edit::Delete(p, n) => {
            let start = at(*p);
            let end = (start + n).min(text.len());
            [&text[..start], &text[end..]].concat()
        }
        Edit::InsertBytes(p, bytes) => {
            let i = at(*p);
            [&text[..i], bytes.as_slice(), &text[i..]].concat()
        }
        Edit::InsertToken(p, t) => {
            let i = at(*p);
            [&text[..i], TOKENS[*t].as_bytes(), &text[i..]].concat()
        }
        Edit::ReplaceLine(p, t) => {
            let i = line(*p);
            lines[i] = TOKENS[*t].as_bytes().to_vec();
            lines.join(&b'\n')
        }
        Edit::DuplicateLine(p) => {
            let i = line(*p);
            let copy = lines[i].clone();
            lines.insert(i, copy);
            lines.join(&b'\n')
        }
        Edit::SwapLines(a, b) => {
            let (a, b) = (line(*a), line(*b));
            lines.swap(a, b);
            lines.join(&b'\n')
        }
    }
}

/// The `[start, end)` byte ranges of the runs of ASCII digits.
fn digit_runs(text: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in text.iter().enumerate() {
        match (b.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Every reader on `text`; every problem that parses goes through JSON and the checker.
fn exercise(text: &str, solution: &Solution) {
    let _ = format::detect(text);
    let _ = read(text, None);
    for f in [Format::Vrplib, Format::Solomon, Format::Json] {
        if let Ok(p) = read(text, Some(f)) {
            exercise_problem(&p, solution);
        }
    }
    if let Ok((ids, _)) = parse_sol(text) {
        let _ = format::solution_from_ids(&ids, 0);
    }
    let _ = solution_from_json(text);
}

fn exercise_problem(p: &Problem, solution: &Solution) {
    let back = from_json(&to_json(p)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&back, p);
    let report = check(p, solution);
    assert_eq!(report.routes.len(), solution.routes.len());
    for c in 0..p.clients().len().min(3) {
        let _ = p.unservable_reason(c);
    }
}

fn solution() -> impl Strategy<Value = Solution> {
    let client = prop_oneof![0usize..120, any::<usize>()];
    let route = (0usize..3, prop::collection::vec(client, 0..12))
        .prop_map(|(v, visits)| Route::new(v, visits));
    prop::collection::vec(route, 0..6).prop_map(Solution::new)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn mutated_shared_files_never_panic(
        seed in 0usize..6,
        edits in prop::collection::vec(edit(), 1..4),
        solution in solution(),
    ) {
        let seeds = seeds();
        let mut bytes = seeds[seed % seeds.len()].clone().into_bytes();
        for e in &edits {
            bytes = apply(bytes, e);
        }
        exercise(&String::from_utf8_lossy(&bytes), &solution);
    }

    #[test]
    fn token_soup_never_panics(
        tokens in prop::collection::vec((0..TOKENS.len(), prop_oneof![Just(" "), Just("\n")]), 0..120),
        solution in solution(),
    ) {
        let text: String = tokens.iter().flat_map(|&(t, sep)| [TOKENS[t], sep]).collect();
        exercise(&text, &solution);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        exercise(&String::from_utf8_lossy(&bytes), &Solution::default());
    }
}

/// Every shared file survives being cut at every line.
#[test]
fn truncated_at_every_line() {
    for text in seeds() {
        let mut end = 0;
        for line in text.split_inclusive('\n') {
            end += line.len();
            exercise(&text[..end], &Solution::default());
        }
    }
}
