//! `flowcast`: the command-line face of the flowcast crates.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod dates;
mod demo;
mod error;

/// Supply-chain optimisation and forecasting.
#[derive(Debug, Parser)]
#[command(name = "flowcast", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the main job on a sample network and write a report (JSON and HTML).
    Demo {
        /// Folder with sites.csv, skus.csv, sales.csv, lots.csv and temperatures.csv.
        #[arg(long, default_value = "examples/data")]
        data: PathBuf,
        /// Folder to write report.json and report.html to (created if missing).
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo { data, out } => demo::run(&data, &out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flowcast: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
