//! `flowcast forecast` end to end: the ARCHITECTURE contract's columns, dates stepped forward,
//! the shared car-parts data, and bad input exiting 2 with a one-line reason.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_flowcast"))
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("flowcast-forecast-{name}-{}", std::process::id()))
}

fn run(input: &str, args: &[&str]) -> (bool, String, String) {
    let path = temp("in.csv");
    std::fs::write(&path, input).unwrap();
    let out = temp("out.csv");
    let o = bin()
        .args(["forecast", "--input"])
        .arg(&path)
        .arg("--output")
        .arg(&out)
        .args(args)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    (
        o.status.success(),
        text,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn writes_the_contract_columns() {
    let input =
        "unique_id,ds,y\nb,2024-01-31,3\nb,2024-02-29,4\nb,2024-03-31,5\na,1,2\na,2,4\na,3,6\n";
    let (ok, text, err) = run(
        input,
        &[
            "--horizon",
            "2",
            "--models",
            "naive,rwd",
            "--level",
            "80,95",
        ],
    );
    assert!(ok, "{err}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "unique_id,ds,Naive,Naive-lo-80,Naive-hi-80,Naive-lo-95,Naive-hi-95,RWD,RWD-lo-80,RWD-hi-80,RWD-lo-95,RWD-hi-95"
    );
    assert!(lines[1].starts_with("b,2024-04-30,5,"));
    assert!(lines[2].starts_with("b,2024-05-31,5,"));
    assert!(
        lines[3].starts_with("a,4,6,") && lines[3].contains(",8,"),
        "{}",
        lines[3]
    );
    assert_eq!(lines.len(), 5);
}

#[test]
fn forecasts_the_shared_car_parts_set() {
    let data = flowcast_data("forecast/carparts_train.csv.gz");
    let out = temp("carparts.csv");
    let o = bin()
        .args(["forecast", "--input"])
        .arg(&data)
        .args([
            "--horizon",
            "12",
            "--models",
            "croston_sba,imapa",
            "--threads",
            "2",
            "--output",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 1 + 1255 * 12);
}

#[test]
fn bad_input_exits_2_with_one_line() {
    for (input, args, needle) in [
        (
            "unique_id,ds,y\na,1,1\na,1,2\n",
            vec!["--horizon", "1"],
            "repeats a ds",
        ),
        (
            "unique_id,ds,y\na,1,1\na,2,\n",
            vec!["--horizon", "1"],
            "line 3: y = \"\"",
        ),
        (
            "unique_id,ds,y\na,1,1\na,2,NaN\n",
            vec!["--horizon", "1"],
            "must be a finite number",
        ),
        (
            "unique_id,ds\na,1\n",
            vec!["--horizon", "1"],
            "missing column \"y\"",
        ),
        (
            "unique_id,ds,y\na,1,1\n",
            vec!["--horizon", "1", "--models", "prophet"],
            "is not a model",
        ),
        ("unique_id,ds,y\na,1,1\n", vec!["--horizon", "0"], "h = 0"),
        (
            "unique_id,ds,y\na,1,1\n",
            vec!["--horizon", "1", "--level", "100"],
            "--level 100",
        ),
    ] {
        let path = temp("bad.csv");
        std::fs::write(&path, input).unwrap();
        let o = bin()
            .args(["forecast", "--input"])
            .arg(&path)
            .args(["--output"])
            .arg(temp("bad-out.csv"))
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{input:?}: {err}");
        assert!(err.contains(needle), "{input:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

fn flowcast_data(relative: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    [
        std::env::var_os("FLOWCAST_SHARED_DATA").map(PathBuf::from),
        Some(root.join("../shared/data")),
        Some(PathBuf::from("/work/shared/data")),
    ]
    .into_iter()
    .flatten()
    .map(|d| d.join(relative))
    .find(|p| p.exists())
    .expect("shared data not found (set FLOWCAST_SHARED_DATA)")
}
