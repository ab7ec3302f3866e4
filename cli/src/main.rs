//! `flowcast`: the command-line face of the flowcast crates.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod dates;
mod demo;
mod error;
mod forecast;
mod vrp;

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
    /// Vehicle routing: solve a problem file, or check a solution against one.
    Vrp {
        #[command(subcommand)]
        command: VrpCommand,
    },
}

#[derive(Debug, Subcommand)]
enum VrpCommand {
    /// Solve a routing problem; prints one JSON object on stdout: {"instance", "cost",
    /// "vehicles", "routes", "feasible", "seconds", "unserved", "iterations", "format"}.
    ///
    /// Client ids follow the CVRPLIB .sol convention: the depot is 0 and is not listed, VRPLIB
    /// node k is client k-1, Solomon customers keep their numbers. Logs go to stderr. Exit 0 on
    /// a solution (feasible or not, as reported), 2 on bad input, 1 on other failures.
    Solve {
        /// The problem file (VRPLIB/CVRPLIB, Solomon, or flowcast JSON).
        instance: PathBuf,
        /// The file's format (default: detected from its content).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Wall-clock budget in seconds, reading the file included [default: 10, or none when
        /// --max-iterations is given].
        #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
        time_limit: Option<f64>,
        /// Stop after this many iterations per thread (with --threads 1, the answer then depends
        /// only on the seed).
        #[arg(long, value_name = "N")]
        max_iterations: Option<u64>,
        /// Seed of the search's random choices.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Search threads (0 = every core).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Also write the solution: CVRPLIB .sol ("Route #1: 3 7 9" lines, then "Cost N"), or
        /// the flowcast JSON solution format when the name ends in .json.
        #[arg(long, value_name = "SOLUTION.sol")]
        out: Option<PathBuf>,
        /// Log each new best cost to stderr.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Check a solution (.sol or flowcast JSON) against a problem; prints the report as one JSON
    /// object: {"instance", "feasible", "cost", "stated_cost", "distance", "duration",
    /// "vehicles", "violations": [{"code", "message", "route"?, "client"?}], "unvisited"}.
    ///
    /// Exit 0 when the report is printed, feasible or not.
    Check {
        /// The problem file.
        instance: PathBuf,
        /// The solution: CVRPLIB .sol (every route of vehicle type 0), or flowcast JSON.
        solution: PathBuf,
        /// The problem file's format (default: detected from its content).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
    },
}

/// A problem file format.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Vrplib,
    Solomon,
    Json,
}

impl From<FormatArg> for flowcast_vrp::Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Vrplib => Self::Vrplib,
            FormatArg::Solomon => Self::Solomon,
            FormatArg::Json => Self::Json,
        }
    }
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
        Command::Vrp {
            command:
                VrpCommand::Solve {
                    instance,
                    format,
                    time_limit,
                    max_iterations,
                    seed,
                    threads,
                    out,
                    verbose,
                },
        } => vrp::solve(&vrp::SolveRequest {
            instance: &instance,
            format: format.map(Into::into),
            time_limit,
            max_iterations,
            seed,
            threads,
            out: out.as_deref(),
            verbose,
        }),
        Command::Vrp {
            command:
                VrpCommand::Check {
                    instance,
                    solution,
                    format,
                },
        } => vrp::check(&instance, &solution, format.map(Into::into)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flowcast: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
