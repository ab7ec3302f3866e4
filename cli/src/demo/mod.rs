//! `flowcast demo`: the main job on a sample network.
//!
//! Reads the network ([`data`]), computes replenishment policies and lot states ([`plan`]) and
//! the delivery routes for the orders ([`routes`]), and writes the report ([`render`]):
//! `report.json` for machines, `report.html` for people.

use std::path::Path;

use crate::error::CliError;

mod cold_chain;
mod data;
mod plan;
mod render;
mod routes;

/// Runs the demo on `data_dir`, writing to `out_dir` and printing a summary.
pub(crate) fn run(data_dir: &Path, out_dir: &Path) -> Result<(), CliError> {
    if !data_dir.is_dir() {
        return Err(CliError::BadInput(format!(
            "{}: no such folder (pass --data DIR with sites.csv, skus.csv, sales.csv, lots.csv, temperatures.csv and optionally partners.csv and vehicles.csv)",
            data_dir.display()
        )));
    }
    let network = data::Network::load(data_dir)?;
    let report = plan::plan(&network)?;
    std::fs::create_dir_all(out_dir).map_err(|e| CliError::io(out_dir, e))?;
    let json_path = out_dir.join("report.json");
    let html_path = out_dir.join("report.html");
    let json = serde_json::to_string_pretty(&report).map_err(|e| CliError::Io(e.to_string()))?;
    std::fs::write(&json_path, json + "\n").map_err(|e| CliError::io(&json_path, e))?;
    std::fs::write(&html_path, render::html(&report)).map_err(|e| CliError::io(&html_path, e))?;
    let written = [
        json_path.display().to_string(),
        html_path.display().to_string(),
    ];
    print!("{}", render::summary(&report, &written));
    Ok(())
}
