//! Where the shared VRP data is, for the integration tests (each uses a part of this).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

/// `<shared data>/vrp` (see `flowcast_testkit::shared_data` for how it is found).
pub(crate) fn vrp_dir() -> PathBuf {
    flowcast_testkit::shared_data().join("vrp")
}

/// The text of a file under [`vrp_dir`].
pub(crate) fn read(relative: &str) -> String {
    let path = vrp_dir().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every `*.ext` file of a folder under [`vrp_dir`], as (file stem, text), sorted by name.
pub(crate) fn files(folder: &str, ext: &str) -> Vec<(String, String)> {
    let dir = vrp_dir().join(folder);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            (stem, text)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// One row of `bks.csv`.
pub(crate) struct Bks {
    /// The best-known objective value.
    pub(crate) bks: f64,
    /// Routes in that solution.
    pub(crate) vehicles: usize,
}

/// `bks.csv` by instance name.
pub(crate) fn bks() -> HashMap<String, Bks> {
    let text = read("bks.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (instance, bks, vehicles) = (col("instance"), col("bks"), col("bks_vehicles"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[instance].to_owned(),
                Bks {
                    bks: f[bks].parse().unwrap(),
                    vehicles: f[vehicles].parse().unwrap(),
                },
            )
        })
        .collect()
}
