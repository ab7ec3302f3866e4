//! `flowcast forecast`: long-format series in, forecasts with intervals out (statsforecast's
//! column layout: `unique_id,ds,<model>[,<model>-lo-<L>,<model>-hi-<L>]`).

use std::io::Write;
use std::path::Path;

use flowcast_core::Threads;
use flowcast_forecast::batch::{BatchOptions, forecast_batch};
use flowcast_forecast::model::Model;

use crate::error::CliError;

mod input;

/// What `flowcast forecast` was asked.
pub(crate) struct Request<'a> {
    pub input: &'a Path,
    pub output: &'a Path,
    pub horizon: usize,
    pub season_length: usize,
    pub models: &'a str,
    pub levels: &'a [u32],
    pub threads: usize,
}

/// Runs the command; progress and the summary go to stderr.
pub(crate) fn run(r: &Request<'_>) -> Result<(), CliError> {
    let bad = |e: flowcast_forecast::Error| CliError::BadInput(e.to_string());
    let series = input::read(r.input)?;
    let models: Vec<Model> = r
        .models
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| Model::from_name(name, r.season_length).map_err(bad))
        .collect::<Result<_, _>>()?;
    if models.is_empty() {
        return Err(CliError::BadInput(
            "--models: name at least one model".into(),
        ));
    }
    if let Some(l) = r.levels.iter().find(|&&l| l == 0 || l >= 100) {
        return Err(CliError::BadInput(format!(
            "--level {l}: levels are percentages between 1 and 99"
        )));
    }
    let options = BatchOptions {
        h: r.horizon,
        levels: r.levels.iter().map(|&l| f64::from(l) / 100.0).collect(),
        threads: Threads::from_count(r.threads),
        ..Default::default()
    };
    let refs: Vec<&[f64]> = series.iter().map(|s| s.y.as_slice()).collect();
    let started = std::time::Instant::now();
    let results = forecast_batch(&refs, &models, &options).map_err(|e| {
        // Name the series by its id rather than its position.
        let text = e.to_string();
        let named = series.iter().enumerate().rev().fold(text, |t, (i, s)| {
            t.replace(&format!("series[{i}]"), &format!("series {:?}", s.id))
                .replace(&format!("series {i}:"), &format!("series {:?}:", s.id))
        });
        CliError::BadInput(named)
    })?;
    let seconds = started.elapsed().as_secs_f64();
    let file = std::fs::File::create(r.output).map_err(|e| CliError::io(r.output, e))?;
    let mut out = std::io::BufWriter::new(file);
    let mut header = vec!["unique_id".to_owned(), "ds".to_owned()];
    for m in &models {
        header.push(m.name().to_owned());
        for l in r.levels {
            header.push(format!("{}-lo-{l}", m.name()));
            header.push(format!("{}-hi-{l}", m.name()));
        }
    }
    let io = |e: std::io::Error| CliError::io(r.output, e);
    writeln!(out, "{}", header.join(",")).map_err(io)?;
    let mut fallbacks = 0;
    for (s, per_model) in series.iter().zip(&results) {
        let stamps = input::future(&s.ds, r.horizon);
        fallbacks += per_model.iter().filter(|m| m.fell_back.is_some()).count();
        for (step, stamp) in stamps.iter().enumerate() {
            let mut row = vec![csv_text(&s.id), input::show(*stamp)];
            for m in per_model {
                row.push(m.forecast.mean[step].to_string());
                for band in &m.forecast.intervals {
                    row.push(band.lo[step].to_string());
                    row.push(band.hi[step].to_string());
                }
            }
            writeln!(out, "{}", row.join(",")).map_err(io)?;
        }
    }
    out.flush().map_err(io)?;
    eprintln!(
        "flowcast forecast: {} series × {} model(s), h = {}, in {:.3} s ({:.0} series/s){}; wrote {}",
        series.len(),
        models.len(),
        r.horizon,
        seconds,
        series.len() as f64 / seconds.max(1e-9),
        if fallbacks > 0 {
            format!("; {fallbacks} fit(s) fell back to Naive")
        } else {
            String::new()
        },
        r.output.display()
    );
    Ok(())
}

fn csv_text(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
