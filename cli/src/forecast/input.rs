//! Reading long-format series (`unique_id,ds,y`, optionally gzipped) and stepping their time
//! index forward.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::dates::{parse_date, parse_timestamp};
use crate::error::CliError;

/// A time index: integers, calendar days, or minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stamp {
    Index(i64),
    Day(i64),
    Minute(i64),
}

/// One series, sorted by time.
#[derive(Debug, Clone)]
pub(crate) struct Series {
    pub id: String,
    pub ds: Vec<Stamp>,
    pub y: Vec<f64>,
}

fn stamp(text: &str) -> Option<Stamp> {
    let t = text.trim();
    if let Ok(i) = t.parse::<i64>() {
        return Some(Stamp::Index(i));
    }
    if t.len() == 10 {
        return parse_date(t).map(Stamp::Day);
    }
    parse_timestamp(t).map(Stamp::Minute)
}

/// Reads `path` (gzip when it ends in `.gz`): every series sorted by `ds`, in order of first
/// appearance. Duplicate timestamps, mixed index kinds, missing or non-numeric values are
/// errors naming the line.
pub(crate) fn read(path: &Path) -> Result<Vec<Series>, CliError> {
    let file = std::fs::File::open(path).map_err(|e| CliError::io(path, e))?;
    let mut text = String::new();
    let read = if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(file).read_to_string(&mut text)
    } else {
        std::io::BufReader::new(file).read_to_string(&mut text)
    };
    read.map_err(|e| CliError::io(path, e))?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| CliError::bad(path, e))?
        .clone();
    let col = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| {
            CliError::bad(
                path,
                format!("missing column {name:?} (expected unique_id,ds,y)"),
            )
        })
    };
    let (ci, cd, cy) = (col("unique_id")?, col("ds")?, col("y")?);
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<Vec<(Stamp, f64, u64)>> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let line = k as u64 + 2;
        let record = record.map_err(|e| CliError::bad(path, format!("line {line}: {e}")))?;
        let at = |what: String| CliError::bad(path, format!("line {line}: {what}"));
        let id = record.get(ci).unwrap_or_default();
        let ds_text = record.get(cd).unwrap_or_default();
        let ds = stamp(ds_text).ok_or_else(|| {
            at(format!(
                "ds = {ds_text:?}: not an integer, a YYYY-MM-DD date or a YYYY-MM-DD HH:MM time"
            ))
        })?;
        let y_text = record.get(cy).unwrap_or_default().trim();
        let y: f64 = y_text
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| {
                at(format!(
                    "y = {y_text:?}: must be a finite number (missing values are not filled in)"
                ))
            })?;
        let slot = *index.entry(id.to_owned()).or_insert_with(|| {
            ids.push(id.to_owned());
            rows.push(Vec::new());
            rows.len() - 1
        });
        rows[slot].push((ds, y, line));
    }
    if ids.is_empty() {
        return Err(CliError::bad(path, "no rows"));
    }
    let mut out = Vec::with_capacity(ids.len());
    for (id, mut r) in ids.into_iter().zip(rows) {
        r.sort_by_key(|&(ds, _, _)| ds);
        for w in r.windows(2) {
            if std::mem::discriminant(&w[0].0) != std::mem::discriminant(&w[1].0) {
                return Err(CliError::bad(
                    path,
                    format!("line {}: series {id:?} mixes kinds of ds", w[1].2),
                ));
            }
            if w[0].0 == w[1].0 {
                return Err(CliError::bad(
                    path,
                    format!(
                        "line {}: series {id:?} repeats a ds (also line {})",
                        w[1].2, w[0].2
                    ),
                ));
            }
        }
        out.push(Series {
            id,
            ds: r.iter().map(|x| x.0).collect(),
            y: r.iter().map(|x| x.1).collect(),
        });
    }
    Ok(out)
}

/// The `h` timestamps after a series' last: integers count on; dates step by the series' most
/// common gap, by calendar months when that gap is a month, quarter or year.
pub(crate) fn future(ds: &[Stamp], h: usize) -> Vec<Stamp> {
    let last = *ds.last().expect("series are non-empty");
    let value = |s: Stamp| match s {
        Stamp::Index(v) | Stamp::Day(v) | Stamp::Minute(v) => v,
    };
    let mut gaps: HashMap<i64, usize> = HashMap::new();
    for w in ds.windows(2) {
        *gaps.entry(value(w[1]) - value(w[0])).or_default() += 1;
    }
    let gap = gaps
        .into_iter()
        .max_by_key(|&(g, c)| (c, -g))
        .map_or(1, |(g, _)| g);
    (1..=h as i64)
        .map(|k| match last {
            Stamp::Index(v) => Stamp::Index(v + k * gap),
            Stamp::Minute(v) => Stamp::Minute(v + k * gap),
            Stamp::Day(v) => {
                let months = match gap {
                    28..=31 => 1,
                    89..=92 => 3,
                    181..=184 => 6,
                    365 | 366 => 12,
                    _ => 0,
                };
                if months == 0 {
                    Stamp::Day(v + k * gap)
                } else {
                    Stamp::Day(add_months(v, k * months))
                }
            }
        })
        .collect()
}

fn add_months(day: i64, months: i64) -> i64 {
    let text = crate::dates::format_date(day);
    let (y, m, d): (i64, i64, u32) = (
        text[0..4].parse().unwrap_or(1970),
        text[5..7].parse().unwrap_or(1),
        text[8..10].parse().unwrap_or(1),
    );
    let total = y * 12 + (m - 1) + months;
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    // A day past the target month's end clamps to it (31 January + 1 month = 29 February).
    (0..4)
        .find_map(|back| parse_date(&format!("{ny:04}-{nm:02}-{:02}", d.saturating_sub(back))))
        .unwrap_or(day)
}

/// Text of a timestamp, in its input's style.
pub(crate) fn show(s: Stamp) -> String {
    match s {
        Stamp::Index(v) => v.to_string(),
        Stamp::Day(v) => crate::dates::format_date(v),
        Stamp::Minute(v) => crate::dates::format_timestamp(v).replace('T', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn future_steps() {
        assert_eq!(
            future(&[Stamp::Index(1), Stamp::Index(2)], 2),
            [Stamp::Index(3), Stamp::Index(4)]
        );
        let jan = parse_date("2024-01-31").unwrap();
        let feb = parse_date("2024-02-29").unwrap();
        let next = future(&[Stamp::Day(jan), Stamp::Day(feb)], 2);
        assert_eq!(show(next[0]), "2024-03-29");
        let d = |s| Stamp::Day(parse_date(s).unwrap());
        assert_eq!(
            show(future(&[d("2024-01-01"), d("2024-01-08")], 1)[0]),
            "2024-01-15"
        );
        assert_eq!(
            show(future(&[d("2023-10-01"), d("2024-01-01")], 1)[0]),
            "2024-04-01"
        );
    }
}
