//! `flowcast`: the command-line face of the flowcast crates.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod dates;
mod demo;
mod error;
mod forecast;

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
    /// Forecast many series from a long-format CSV (unique_id,ds,y; .gz accepted).
    Forecast {
        /// Training data, long format: unique_id,ds,y (ds an integer index or a date).
        #[arg(long)]
        input: PathBuf,
        /// Steps to forecast.
        #[arg(long)]
        horizon: usize,
        /// Season length (1 = none).
        #[arg(long, default_value_t = 1)]
        season_length: usize,
        /// Comma-separated models: auto_ets, ets_<error><trend><season> (ets_aan, ets_mam), auto_arima, mstl,
        /// auto_theta, theta, optimized_theta, dynamic_theta, dynamic_optimized_theta, naive,
        /// naive2, seasonal_naive, rwd, historic_average, window_average, seasonal_window_average,
        /// croston_classic, croston_sba, croston_optimized, tsb, adida, imapa.
        #[arg(long, default_value = "auto_ets,auto_theta,auto_arima")]
        models: String,
        /// Interval levels in percent, comma-separated (e.g. 80,95).
        #[arg(long, value_delimiter = ',')]
        level: Vec<u32>,
        /// Worker threads (0 = every core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Where to write the forecasts (CSV).
        #[arg(long)]
        output: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo { data, out } => demo::run(&data, &out),
        Command::Forecast {
            input,
            horizon,
            season_length,
            models,
            level,
            threads,
            output,
        } => forecast::run(&forecast::Request {
            input: &input,
            output: &output,
            horizon,
            season_length,
            models: &models,
            levels: &level,
            threads,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flowcast: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
