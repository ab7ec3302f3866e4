//! Test-only helpers shared by the flowcast crates: where the shared reference data lives, and
//! the tolerance rule the reference vectors are written for.

use std::path::PathBuf;

use serde_json::Value;

/// The shared reference-data folder (`../shared/data` beside the repository).
///
/// Looks at `$FLOWCAST_SHARED_DATA` first, then `../shared/data` from the workspace root, then
/// `/work/shared/data`. Panics with the places it looked if none exists: tests must not pass by
/// silently skipping their reference cases.
pub fn shared_data() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let candidates: Vec<PathBuf> = std::env::var_os("FLOWCAST_SHARED_DATA")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            root.join("../shared/data"),
            PathBuf::from("/work/shared/data"),
        ])
        .collect();
    candidates
        .iter()
        .find(|p| p.is_dir())
        .cloned()
        .unwrap_or_else(|| {
            panic!("shared reference data not found; looked in {candidates:?} (set FLOWCAST_SHARED_DATA)")
        })
}

/// Parses a JSON file under [`shared_data`].
pub fn load_json(relative: &str) -> Value {
    let path = shared_data().join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON in {}: {e}", path.display()))
}

/// The series of a long-format `unique_id,ds,y` file under [`shared_data`] (gzip when the
/// name ends in `.gz`), in file order, each series' values in `ds` order as written.
pub fn load_series(relative: &str) -> Vec<(String, Vec<f64>)> {
    use std::io::Read;
    let path = shared_data().join(relative);
    let file = std::fs::File::open(&path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let mut text = String::new();
    let read = if relative.ends_with(".gz") {
        flate2::read::GzDecoder::new(file).read_to_string(&mut text)
    } else {
        std::io::BufReader::new(file).read_to_string(&mut text)
    };
    read.unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut out: Vec<(String, Vec<f64>)> = Vec::new();
    for line in text.lines().skip(1) {
        let mut parts = line.split(',');
        let (id, _ds, y) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let y: f64 = y
            .parse()
            .unwrap_or_else(|_| panic!("bad value {y:?} in {}", path.display()));
        match out.last_mut() {
            Some((last, values)) if last == id => values.push(y),
            _ => out.push((id.to_owned(), vec![y])),
        }
    }
    out
}

/// `|got − expected| <= abs + rel·|expected|`: the rule every shared vector states its `tol` in.
pub fn within(got: f64, expected: f64, abs: f64, rel: f64) -> bool {
    (got - expected).abs() <= abs + rel * expected.abs()
}

/// A number from a JSON value, with the key in the panic message.
pub fn num(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("`{key}` is not a number in {v}"))
}

/// Asserts [`within`], naming the vector and the output in the failure.
pub fn close(id: &str, what: &str, got: f64, expected: f64, abs: f64, rel: f64) {
    assert!(
        within(got, expected, abs, rel),
        "{id}: {what} = {got}, expected {expected} (abs {abs}, rel {rel})"
    );
}

/// Every inventory reference vector of stockpyl's `module.function` (at least one).
pub fn inventory_vectors(function: &str) -> Vec<Value> {
    let all = load_json("inventory/vectors_dev.json");
    let found: Vec<Value> = all["vectors"]
        .as_array()
        .expect("vectors array")
        .iter()
        .filter(|v| v["function"] == function)
        .cloned()
        .collect();
    assert!(!found.is_empty(), "no vectors for {function}");
    found
}

/// A vector's `(abs, rel)` tolerance.
pub fn tol(v: &Value) -> (f64, f64) {
    (num(&v["tol"], "abs"), num(&v["tol"], "rel"))
}

/// A JSON array of numbers.
pub fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_f64().unwrap_or_else(|| panic!("not a number: {x}")))
        .collect()
}
