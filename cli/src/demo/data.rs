//! Loading the sample network's CSV files, with errors that name the file, line and field.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::dates::{parse_date, parse_timestamp};
use crate::error::CliError;

/// A depot or pharmacy.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Site {
    pub site_id: String,
    pub name: String,
    pub kind: String,
    pub lat: f64,
    pub lon: f64,
}

/// A product with its costs, supplier lead time and service target.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Sku {
    pub sku: String,
    pub name: String,
    /// Label storage band, e.g. `2-8C`.
    pub storage: String,
    pub unit_cost: f64,
    pub order_cost: f64,
    /// Holding cost per year as a fraction of the unit cost.
    pub holding_rate: f64,
    pub lead_time_days: f64,
    pub lead_time_sd_days: f64,
    /// `cycle_service_level` or `fill_rate`.
    pub target_kind: String,
    pub target: f64,
}

/// A donation partner (food bank, humanitarian pharmacy, hospital) from `partners.csv`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Partner {
    pub partner_id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// Units it can take.
    pub capacity_units: f64,
    /// `yes` if it keeps a 2–8 °C chain.
    pub cold_chain: String,
    /// Shelf life it needs on arrival, days.
    pub min_days_on_arrival: u32,
    /// How far it collects from, km.
    pub max_km: f64,
}

/// A kind of delivery vehicle at the depot, from `vehicles.csv`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Vehicle {
    pub vehicle_type: String,
    /// How many of them.
    pub count: usize,
    /// Units one carries.
    pub capacity_units: f64,
    /// Average road speed, km/h.
    pub speed_kmh: f64,
    pub cost_per_km: f64,
    /// Cost of sending one out.
    pub fixed_cost: f64,
}

#[derive(Debug, Deserialize)]
struct SaleRow {
    date: String,
    site_id: String,
    sku: String,
    qty: f64,
}

#[derive(Debug, Deserialize)]
struct LotRow {
    lot: String,
    sku: String,
    site_id: String,
    qty: f64,
    expiry_date: String,
}

#[derive(Debug, Deserialize)]
struct ReadingRow {
    lot: String,
    timestamp: String,
    temp_c: f64,
}

/// A lot on hand with its temperature record, readings in time order.
#[derive(Debug, Clone)]
pub(crate) struct Lot {
    pub lot: String,
    pub sku: usize,
    pub site: usize,
    pub qty: f64,
    /// Days since 1970-01-01.
    pub expiry: i64,
    /// (minutes since 1970-01-01, °C), strictly increasing in time.
    pub readings: Vec<(i64, f64)>,
}

/// Everything the demo reads, cross-checked.
#[derive(Debug)]
pub(crate) struct Network {
    pub dir: PathBuf,
    pub sites: Vec<Site>,
    pub skus: Vec<Sku>,
    /// First and last sales day (days since 1970-01-01).
    pub first_day: i64,
    pub last_day: i64,
    /// Units sold per (site, sku) per day from `first_day`, zero where no row exists.
    pub daily_sales: HashMap<(usize, usize), Vec<f64>>,
    pub sales_rows: usize,
    pub lots: Vec<Lot>,
    /// Donation partners (`partners.csv`, optional).
    pub partners: Vec<Partner>,
    /// The depot's fleet (`vehicles.csv`, optional: `None` plans no routes).
    pub vehicles: Option<Vec<Vehicle>>,
}

impl Network {
    /// The planning day: the day after the last sale.
    pub(crate) fn as_of(&self) -> i64 {
        self.last_day + 1
    }

    /// Reads and cross-checks the five files in `dir`.
    pub(crate) fn load(dir: &Path) -> Result<Self, CliError> {
        let sites: Vec<Site> = read_csv(&dir.join("sites.csv"))?
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        let skus: Vec<Sku> = read_csv(&dir.join("skus.csv"))?
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        let site_index = index(&dir.join("sites.csv"), sites.iter().map(|s| &s.site_id))?;
        let sku_index = index(&dir.join("skus.csv"), skus.iter().map(|s| &s.sku))?;

        let path = dir.join("sales.csv");
        let rows: Vec<(u64, SaleRow)> = read_csv(&path)?;
        let mut dated = Vec::with_capacity(rows.len());
        for (line, r) in &rows {
            let at = |what: String| CliError::bad(&path, format!("line {line}: {what}"));
            let day = parse_date(&r.date)
                .ok_or_else(|| at(format!("date = {:?}: not a YYYY-MM-DD date", r.date)))?;
            let site = find(&site_index, "site_id", &r.site_id, "sites.csv").map_err(at)?;
            let sku = find(&sku_index, "sku", &r.sku, "skus.csv").map_err(at)?;
            quantity(r.qty).map_err(at)?;
            dated.push((day, site, sku, r.qty));
        }
        let (first_day, last_day) = dated
            .iter()
            .fold((i64::MAX, i64::MIN), |(lo, hi), &(d, ..)| {
                (lo.min(d), hi.max(d))
            });
        if dated.is_empty() {
            return Err(CliError::bad(&path, "no sales rows"));
        }
        let days = (last_day - first_day + 1) as usize;
        let mut daily_sales: HashMap<(usize, usize), Vec<f64>> = HashMap::new();
        for &(day, site, sku, qty) in &dated {
            daily_sales
                .entry((site, sku))
                .or_insert_with(|| vec![0.0; days])[(day - first_day) as usize] += qty;
        }

        let path = dir.join("lots.csv");
        let mut lots = Vec::new();
        for (line, r) in read_csv::<LotRow>(&path)? {
            let at = |what: String| CliError::bad(&path, format!("line {line}: {what}"));
            let expiry = parse_date(&r.expiry_date).ok_or_else(|| {
                at(format!(
                    "expiry_date = {:?}: not a YYYY-MM-DD date",
                    r.expiry_date
                ))
            })?;
            let site = find(&site_index, "site_id", &r.site_id, "sites.csv").map_err(at)?;
            let sku = find(&sku_index, "sku", &r.sku, "skus.csv").map_err(at)?;
            quantity(r.qty).map_err(at)?;
            lots.push(Lot {
                lot: r.lot,
                sku,
                site,
                qty: r.qty,
                expiry,
                readings: Vec::new(),
            });
        }
        let lot_index = index(&path, lots.iter().map(|l| &l.lot))?;

        let path = dir.join("temperatures.csv");
        for (line, r) in read_csv::<ReadingRow>(&path)? {
            let at = |what: String| CliError::bad(&path, format!("line {line}: {what}"));
            let minute = parse_timestamp(&r.timestamp).ok_or_else(|| {
                at(format!(
                    "timestamp = {:?}: not a YYYY-MM-DDTHH:MM time",
                    r.timestamp
                ))
            })?;
            let lot = find(&lot_index, "lot", &r.lot, "lots.csv").map_err(at)?;
            let readings = &mut lots[lot].readings;
            if readings.last().is_some_and(|&(prev, _)| prev >= minute) {
                return Err(at(format!(
                    "timestamp = {}: readings of lot {} must be in increasing time order",
                    r.timestamp, r.lot
                )));
            }
            readings.push((minute, r.temp_c));
        }

        let path = dir.join("partners.csv");
        let partners = if path.exists() {
            read_csv::<Partner>(&path)?
                .into_iter()
                .map(|(_, p)| p)
                .collect()
        } else {
            Vec::new()
        };

        let path = dir.join("vehicles.csv");
        let vehicles = if path.exists() {
            let mut vehicles = Vec::new();
            for (line, v) in read_csv::<Vehicle>(&path)? {
                let at = |what: String| CliError::bad(&path, format!("line {line}: {what}"));
                for (field, value) in [
                    ("capacity_units", v.capacity_units),
                    ("speed_kmh", v.speed_kmh),
                ] {
                    if !(value > 0.0 && value.is_finite()) {
                        return Err(at(format!(
                            "{field} = {value}: must be a finite number greater than 0"
                        )));
                    }
                }
                for (field, value) in [("cost_per_km", v.cost_per_km), ("fixed_cost", v.fixed_cost)]
                {
                    if !(value >= 0.0 && value.is_finite()) {
                        return Err(at(format!(
                            "{field} = {value}: must be a finite number at least 0"
                        )));
                    }
                }
                vehicles.push(v);
            }
            if vehicles.is_empty() {
                return Err(CliError::bad(&path, "no vehicle rows"));
            }
            Some(vehicles)
        } else {
            None
        };

        Ok(Self {
            dir: dir.to_path_buf(),
            sites,
            skus,
            first_day,
            last_day,
            daily_sales,
            sales_rows: rows.len(),
            lots,
            partners,
            vehicles,
        })
    }
}

/// Rows of a CSV file with their line numbers; a parse error names the line and the field.
fn read_csv<T: DeserializeOwned>(path: &Path) -> Result<Vec<(u64, T)>, CliError> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| match e.into_kind() {
        csv::ErrorKind::Io(io) => CliError::io(path, io),
        other => CliError::bad(path, format!("{other:?}")),
    })?;
    let headers = reader
        .headers()
        .map_err(|e| CliError::bad(path, e))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| CliError::bad(path, e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let row = record
            .deserialize(Some(&headers))
            .map_err(|e| CliError::bad(path, format!("line {line}: {}", describe(&e, &headers))))?;
        rows.push((line, row));
    }
    Ok(rows)
}

/// A deserialisation error in words, naming the column.
fn describe(e: &csv::Error, headers: &csv::StringRecord) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => {
            let column = err
                .field()
                .and_then(|i| headers.get(i as usize))
                .unwrap_or("?");
            format!("{column}: {}", err.kind())
        }
        _ => e.to_string(),
    }
}

/// Position of `key` in `index`, or what is wrong in words.
fn find(
    index: &HashMap<String, usize>,
    field: &str,
    key: &str,
    file: &str,
) -> Result<usize, String> {
    index
        .get(key)
        .copied()
        .ok_or_else(|| format!("{field} = {key:?}: not in {file}"))
}

/// A quantity must be a finite number, zero or more.
fn quantity(qty: f64) -> Result<f64, String> {
    if qty >= 0.0 && qty.is_finite() {
        Ok(qty)
    } else {
        Err(format!("qty = {qty}: must be a finite number at least 0"))
    }
}

/// Position of each id; duplicate ids are an input error.
fn index<'a>(
    path: &Path,
    ids: impl Iterator<Item = &'a String>,
) -> Result<HashMap<String, usize>, CliError> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        if map.insert(id.clone(), i).is_some() {
            return Err(CliError::bad(
                path,
                format!("id {id:?} appears more than once"),
            ));
        }
    }
    Ok(map)
}
