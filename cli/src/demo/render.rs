//! The report for people: a terminal summary and a self-contained HTML page.

use std::fmt::Write as _;

use super::plan::{LotState, Policy, Report};
use super::routes::RoutePlan;

/// The terminal summary.
pub(crate) fn summary(r: &Report, written: &[String]) -> String {
    let c = &r.counts;
    let t = &r.totals;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "flowcast demo: sample network as of {} ({})",
        r.as_of, r.data_dir
    );
    let _ = writeln!(
        s,
        "  {} pharmacies and a depot, {} SKUs, {} days of sales ({} rows), {} lots, {} temperature readings\n",
        c.pharmacies, c.skus, c.history_days, c.sales_rows, c.lots, c.temperature_readings
    );
    let _ = writeln!(
        s,
        "Replenishment: demand from the last {} days, EOQ, reorder point from lead-time demand quantiles",
        r.demand_window_days
    );
    let _ = writeln!(
        s,
        "  {:<16} {:<8} {:>12} {:>7} {:>7} {:>8} {:>8} {:>7}",
        "pharmacy", "sku", "units/day", "EOQ", "safety", "reorder", "on hand", "order"
    );
    for p in &r.policies {
        let _ = writeln!(
            s,
            "  {:<16} {:<8} {:>5.1} ± {:<4.1} {:>7.0} {:>7.1} {:>8.1} {:>8.0} {:>7}",
            p.site_id,
            p.sku,
            p.demand_mean_per_day,
            p.demand_sd_per_day,
            p.order_quantity,
            p.safety_stock,
            p.reorder_point,
            p.on_hand,
            if p.order_now > 0.0 {
                format!("{:.0}", p.order_now)
            } else {
                "-".into()
            }
        );
    }
    let _ = writeln!(
        s,
        "  {} of {} pairs at or below their reorder point: {:.0} units to order; safety stock worth {:.0}; ordering + holding {:.0}/year\n",
        t.pairs_to_order, t.pairs_planned, t.units_to_order, t.safety_stock_value, t.annual_cost
    );
    route_summary(&mut s, r.routes.as_ref());
    let _ = writeln!(
        s,
        "Demand forecast, next {} days per SKU (sum over pharmacies; AutoETS with a weekly season, CrostonSBA for sparse sellers)",
        super::plan::FORECAST_DAYS
    );
    let mut skus: Vec<&str> = r.policies.iter().map(|p| p.sku.as_str()).collect();
    skus.dedup();
    skus.sort_unstable();
    skus.dedup();
    for sku in skus {
        let of = |f: fn(&Policy) -> f64| {
            r.policies
                .iter()
                .filter(|p| p.sku == sku)
                .map(f)
                .sum::<f64>()
        };
        let _ = writeln!(
            s,
            "  {:<8} {:>8.0} units (daily 80 % bands summed: {:.0}–{:.0})",
            sku,
            of(|p| p.forecast.total),
            of(|p| p.forecast.lo_80.iter().sum()),
            of(|p| p.forecast.hi_80.iter().sum()),
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Lots needing attention: mean kinetic temperature (USP <1160>) of the last week, expiry"
    );
    let _ = writeln!(
        s,
        "  {:<11} {:<8} {:<16} {:>5} {:>11} {:>6} {:>7} {:>7} {:>7}  flags",
        "lot", "sku", "pharmacy", "qty", "expires", "days", "MKT °C", "max °C", "label"
    );
    for l in r.lots.iter().filter(|l| l.needs_attention()) {
        let _ = writeln!(
            s,
            "  {:<11} {:<8} {:<16} {:>5.0} {:>11} {:>6} {:>7} {:>7} {:>7}  {}",
            l.lot,
            l.sku,
            l.site_id,
            l.qty,
            l.expiry_date,
            l.days_to_expiry,
            opt(l.mkt_c, 2),
            opt(l.max_c, 1),
            l.storage,
            flags(l).join(", ")
        );
    }
    let _ = writeln!(
        s,
        "  {} lot(s) with MKT above the label band, {} lot(s) that will not sell before expiry; the other {} are fine\n",
        t.lots_above_label_mkt,
        t.lots_at_risk_of_expiry,
        r.lots.iter().filter(|l| !l.needs_attention()).count()
    );
    let _ = writeln!(
        s,
        "Temperature logs: excursions (30 min or more outside the label band; gaps over 2 h flagged), verdict"
    );
    for l in &r.lots {
        let Some(log) = l
            .log
            .as_ref()
            .filter(|g| !g.excursions.is_empty() || g.verdict != "in_range")
        else {
            continue;
        };
        let worst = log
            .excursions
            .iter()
            .map(|e| e.peak_c)
            .fold(f64::NAN, |a, b| {
                if b.is_nan() {
                    a
                } else if a.is_nan() || (b - l.band_high_c).abs() > (a - l.band_high_c).abs() {
                    b
                } else {
                    a
                }
            });
        let _ = writeln!(
            s,
            "  {:<11} {:<8} {:>2} excursion(s), {:>5.0} min out of range, peak {:>5} °C  {:<10} {}",
            l.lot,
            l.storage,
            log.excursions.len(),
            log.minutes_out_of_range,
            opt(Some(worst).filter(|w| w.is_finite()), 1),
            log.verdict,
            log.reasons.first().map_or("", String::as_str)
        );
    }
    let d = &r.donation_plan;
    let _ = writeln!(
        s,
        "\nLots at risk: {:.0} unit(s) projected to expire unsold; plan (LP: transfers to pharmacies with spare demand, donations to partners)",
        d.units_at_risk
    );
    for m in &d.moves {
        let _ = writeln!(
            s,
            "  {:<11} {:<8} {:>5.0} unit(s) {:<16} -> {:<16} {:>5.1} km  {:<8} value {:>7.2}  cost {:>6.2}",
            m.lot, m.sku, m.units, m.from, m.to, m.km, m.kind, m.value, m.cost
        );
    }
    let _ = writeln!(
        s,
        "  rescued {:.0} of {:.0} unit(s) ({:.0} wasted), value recovered {:.2}, transport and handling {:.2}, {:.1} kg of waste avoided\n",
        d.units_rescued,
        d.units_at_risk,
        d.units_wasted,
        d.value_recovered,
        d.transport_and_handling,
        d.kg_avoided
    );
    let _ = writeln!(s, "Report written: {}", written.join(", "));
    s
}

/// The terminal block of the delivery routes.
fn route_summary(s: &mut String, plan: Option<&RoutePlan>) {
    let Some(p) = plan else {
        let _ = writeln!(
            s,
            "Replenishment routes: none planned (no vehicles.csv in the data folder)\n"
        );
        return;
    };
    let _ = writeln!(
        s,
        "Replenishment routes from {}: vans {}, deliveries {}, {:.0} min per stop, {:.0} km/h (routing solver, checked)",
        p.depot_id, p.shift, p.delivery_window, p.service_min, p.speed_kmh
    );
    for route in &p.routes {
        let _ = writeln!(
            s,
            "  {:<8} leaves {}, back {}: {} stop(s), {:.0} of {:.0} units, {:.1} km, {:.0} min, cost {:.2}",
            route.vehicle,
            route.departure,
            route.return_time,
            route.stops.len(),
            route.units,
            route.capacity_units,
            route.km,
            route.minutes,
            route.cost
        );
        for stop in &route.stops {
            let _ = writeln!(
                s,
                "    {}  {:<16} {:>6.0} units",
                stop.arrival, stop.site_id, stop.units
            );
        }
    }
    for u in &p.unserved {
        let _ = writeln!(
            s,
            "  not served: {} ({:.0} units): {} [{}]",
            u.site_id, u.units, u.detail, u.reason
        );
    }
    for v in &p.violations {
        let _ = writeln!(s, "  checker: {v}");
    }
    let t = &p.totals;
    let _ = writeln!(
        s,
        "  {} route(s), {} stop(s), {:.0} units, {:.1} km, cost {:.2}; {}\n",
        t.routes,
        t.stops,
        t.units,
        t.km,
        t.cost,
        if p.feasible {
            "feasible (checked)".to_string()
        } else {
            format!(
                "NOT feasible: {} pharmacy(ies) unserved, {} rule(s) broken",
                p.unserved.len(),
                p.violations.len()
            )
        }
    );
}

/// The HTML section of the delivery routes.
fn route_section(plan: Option<&RoutePlan>) -> String {
    let Some(p) = plan else {
        return "<h2>Replenishment routes</h2>\n<p class=\"muted\">None planned: the data folder has no <code>vehicles.csv</code>.</p>\n".into();
    };
    let mut rows = String::new();
    for route in &p.routes {
        let stops: Vec<String> = route
            .stops
            .iter()
            .map(|st| {
                format!(
                    "{} <span title=\"{}\">{}</span> ({:.0})",
                    st.arrival,
                    esc(&st.site_id),
                    esc(&st.name),
                    st.units
                )
            })
            .collect();
        let _ = writeln!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=n>{:.0} / {:.0}</td><td class=n>{:.1}</td><td class=n>{:.0}</td><td class=n>{:.2}</td></tr>",
            esc(&route.vehicle),
            route.departure,
            stops.join(" → "),
            route.return_time,
            route.units,
            route.capacity_units,
            route.km,
            route.minutes,
            route.cost,
        );
    }
    for u in &p.unserved {
        let _ = writeln!(
            rows,
            "<tr><td colspan=8 class=\"bad\">not served: {} ({:.0} units): {} <code>{}</code></td></tr>",
            esc(&u.name),
            u.units,
            esc(&u.detail),
            u.reason
        );
    }
    for v in &p.violations {
        let _ = writeln!(
            rows,
            "<tr><td colspan=8 class=\"bad\">checker: {}</td></tr>",
            esc(v)
        );
    }
    if p.routes.is_empty() && p.unserved.is_empty() {
        rows.push_str("<tr><td colspan=8>no pharmacy needs a delivery</td></tr>\n");
    }
    let t = &p.totals;
    let verdict = if p.feasible {
        "Every route passes the independent checker.".to_string()
    } else {
        format!(
            r#"<strong class="bad">Not feasible</strong>: {} pharmacy(ies) unserved, {} rule(s) broken."#,
            p.unserved.len(),
            p.violations.len()
        )
    };
    format!(
        r#"<h2>Replenishment routes</h2>
<p class="muted">The units each pharmacy orders now, delivered from {depot} ({depot_id}) by the fleet in <code>vehicles.csv</code>: vans work {shift}, pharmacies take deliveries {window}, {service:.0} minutes per stop, road distances at {speed:.0} km/h; routes from the flowcast routing solver (2000 iterations, seed 1). {routes} route(s), {stops} stop(s), {units:.0} units, {km:.1} km, cost {cost:.2}. {verdict}</p>
<table><thead><tr><th>vehicle</th><th>leaves</th><th>stops (arrival, units)</th><th>back</th><th>units / capacity</th><th>km</th><th>minutes</th><th>cost</th></tr></thead>
<tbody>
{rows}</tbody></table>
"#,
        depot = esc(&p.depot_name),
        depot_id = esc(&p.depot_id),
        shift = p.shift,
        window = p.delivery_window,
        service = p.service_min,
        speed = p.speed_kmh,
        routes = t.routes,
        stops = t.stops,
        units = t.units,
        km = t.km,
        cost = t.cost,
    )
}

fn opt(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "-".into(), |x| format!("{x:.digits$}"))
}

fn flags(l: &LotState) -> Vec<&'static str> {
    let mut f = Vec::new();
    if l.mkt_within_label == Some(false) {
        f.push("MKT above label");
    } else if l.max_c.is_some_and(|m| m > l.band_high_c)
        || l.min_c.is_some_and(|m| m < l.band_low_c)
    {
        f.push("left its band (MKT ok)");
    }
    if l.at_risk_of_expiry {
        f.push("expires before sold");
    }
    match l.log.as_ref().map(|g| g.verdict) {
        Some("reject") => f.push("excursion: reject"),
        Some("acceptable") => f.push("excursion: tolerated"),
        Some("review") => f.push("log gaps: review"),
        _ => {}
    }
    f
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A small line chart of recent daily sales.
fn sparkline(values: &[f64]) -> String {
    let (w, h) = (140.0, 28.0);
    let max = values.iter().copied().fold(0.0, f64::max).max(1.0);
    let n = values.len().max(2) as f64 - 1.0;
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            format!(
                "{:.1},{:.1}",
                i as f64 / n * w,
                h - 2.0 - v / max * (h - 4.0)
            )
        })
        .collect();
    format!(
        r##"<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="daily sales"><polyline fill="none" stroke="#2563eb" stroke-width="1.5" points="{}"/></svg>"##,
        points.join(" ")
    )
}

/// Bars of each lot's MKT with its label band shaded.
fn mkt_chart(lots: &[LotState]) -> String {
    let rows: Vec<&LotState> = lots.iter().filter(|l| l.mkt_c.is_some()).collect();
    let lo = rows
        .iter()
        .map(|l| l.band_low_c.min(l.min_c.unwrap_or(0.0)))
        .fold(0.0, f64::min)
        .floor();
    let hi = rows
        .iter()
        .map(|l| l.band_high_c.max(l.max_c.unwrap_or(0.0)))
        .fold(0.0, f64::max)
        .ceil()
        + 2.0;
    let (label_w, plot_w, row_h) = (200.0, 520.0, 22.0);
    let x = |t: f64| label_w + (t - lo) / (hi - lo) * plot_w;
    let height = rows.len() as f64 * row_h + 30.0;
    let mut svg = format!(
        r#"<svg width="{}" height="{height}" viewBox="0 0 {} {height}" role="img" aria-label="MKT per lot">"#,
        label_w + plot_w + 20.0,
        label_w + plot_w + 20.0
    );
    for (i, l) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 4.0;
        let mkt = l.mkt_c.unwrap_or(0.0);
        let colour = if l.mkt_within_label == Some(false) {
            "#dc2626"
        } else {
            "#16a34a"
        };
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="#e5e7eb"/><line x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#9ca3af" stroke-width="2"/><circle cx="{:.1}" cy="{:.1}" r="5" fill="{colour}"/><text x="0" y="{:.1}" font-size="12">{} · {}</text><text x="{:.1}" y="{:.1}" font-size="11" fill="#374151">{mkt:.2} °C</text>"##,
            x(l.band_low_c),
            x(l.band_high_c) - x(l.band_low_c),
            row_h - 8.0,
            x(l.min_c.unwrap_or(mkt)),
            x(l.max_c.unwrap_or(mkt)),
            y + (row_h - 8.0) / 2.0,
            y + (row_h - 8.0) / 2.0,
            x(mkt),
            y + (row_h - 8.0) / 2.0,
            y + 12.0,
            esc(&l.lot),
            esc(&l.storage),
            x(l.max_c.unwrap_or(mkt)) + 8.0,
            y + 12.0,
        );
    }
    let axis_y = rows.len() as f64 * row_h + 16.0;
    let mut t = lo;
    while t <= hi {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{axis_y:.1}" font-size="10" text-anchor="middle">{t:.0}</text>"#,
            x(t)
        );
        t += 5.0;
    }
    svg.push_str("</svg>");
    svg
}

fn policy_row(p: &Policy) -> String {
    let target = if p.target_kind == "fill_rate" {
        format!("fill rate {:.1} %", p.target * 100.0)
    } else {
        format!("CSL {:.1} %", p.target * 100.0)
    };
    let order = if p.order_now > 0.0 {
        format!(r#"<strong class="bad">{:.0}</strong>"#, p.order_now)
    } else {
        "–".into()
    };
    format!(
        "<tr><td>{}</td><td title=\"{}\">{}</td><td>{}</td><td class=n>{:.1} ± {:.1}</td><td>{target}</td><td class=n>{:.0}</td><td class=n>{:.2}</td><td class=n>{:.1}</td><td class=n>{:.1}</td><td class=n>{:.0}</td><td class=n>{order}</td><td class=n title=\"{}\">{:.0} ({:.0}–{:.0})</td></tr>\n",
        esc(&p.site_name),
        esc(&p.sku_name),
        esc(&p.sku),
        sparkline(&p.recent_sales),
        p.demand_mean_per_day,
        p.demand_sd_per_day,
        p.order_quantity,
        p.safety_factor,
        p.safety_stock,
        p.reorder_point,
        p.on_hand,
        esc(&p.forecast.model),
        p.forecast.total,
        p.forecast.lo_80.iter().sum::<f64>(),
        p.forecast.hi_80.iter().sum::<f64>(),
    )
}

fn lot_row(l: &LotState) -> String {
    let flags = flags(l);
    let flag_html = if flags.is_empty() {
        "ok".into()
    } else {
        format!(r#"<span class="bad">{}</span>"#, flags.join(", "))
    };
    format!(
        "<tr><td>{}</td><td title=\"{}\">{}</td><td>{}</td><td class=n>{:.0}</td><td>{}</td><td class=n>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td>{flag_html}</td></tr>\n",
        esc(&l.lot),
        esc(&l.sku_name),
        esc(&l.sku),
        esc(&l.site_id),
        l.qty,
        l.expiry_date,
        l.days_to_expiry,
        esc(&l.storage),
        opt(l.mkt_c, 2),
        opt(l.mean_c, 2),
        opt(l.max_c, 1),
        opt(l.days_of_cover, 0),
    )
}

/// The HTML page: self-contained (no scripts, no external assets).
pub(crate) fn html(r: &Report) -> String {
    let t = &r.totals;
    let policies: String = r.policies.iter().map(policy_row).collect();
    let lots: String = r.lots.iter().map(lot_row).collect();
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>flowcast demo — {as_of}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1150px;padding:0 1rem;color:#111827}}
h1{{font-size:1.6rem;margin-bottom:.2rem}} h2{{margin-top:2rem;font-size:1.2rem}}
.muted{{color:#6b7280}} .cards{{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}}
.card{{border:1px solid #e5e7eb;border-radius:8px;padding:.7rem 1rem;min-width:150px}}
.card b{{display:block;font-size:1.4rem}} table{{border-collapse:collapse;width:100%;margin-top:.5rem}}
th,td{{border-bottom:1px solid #e5e7eb;padding:.3rem .5rem;text-align:left;vertical-align:middle}}
th{{background:#f9fafb;font-weight:600}} td.n{{text-align:right;font-variant-numeric:tabular-nums}}
.bad{{color:#b91c1c}}
</style></head><body>
<h1>flowcast demo</h1>
<p class="muted">Sample network <code>{data_dir}</code>, planned as of {as_of}: {pharmacies} pharmacies, {skus} SKUs, {days} days of sales, {nlots} lots, {readings} temperature readings.</p>
<div class="cards">
<div class="card"><b>{to_order} / {planned}</b>pairs to reorder now</div>
<div class="card"><b>{units:.0}</b>units to order</div>
<div class="card"><b>{ss_value:.0}</b>safety stock value</div>
<div class="card"><b>{cost:.0}</b>ordering + holding per year</div>
<div class="card"><b>{hot}</b>lots with MKT above label</div>
<div class="card"><b>{risk}</b>lots expiring before sold</div>
</div>
<h2>Replenishment</h2>
<p class="muted">Daily demand from the last {window} days (mean ± sample standard deviation); economic order quantity from the SKU's order and holding costs; demand over the supplier lead time as quantiles (50 % to 99.5 %) of a bootstrap of those days with lead times drawn from the supplier's mean and spread, so slow and skewed sellers keep their shape; the reorder point is the quantile at the SKU's cycle service level (a fill-rate target uses the normal fitted to the quantiles), the safety stock the reorder point minus the mean lead-time demand (k is the safety factor in fitted standard deviations; where negative the order size alone meets the fill rate, and the buffer is floored at zero); order now under an (r, nQ) rule when stock on hand is at or below the reorder point.</p>
<table><thead><tr><th>pharmacy</th><th>SKU</th><th>last {window} days</th><th>units/day</th><th>target</th><th>EOQ</th><th>k</th><th>safety stock</th><th>reorder point</th><th>on hand</th><th>order now</th><th>next 14 days (80 %)</th></tr></thead>
<tbody>
{policies}</tbody></table>
{route_section}<h2>Lots</h2>
<p class="muted">Mean kinetic temperature (USP &lt;1160&gt;, ΔH = 83.144 kJ/mol) of each lot's last week of readings, time-weighted; the grey band is the label storage range, the whisker the range of readings. Days of cover at the pharmacy's current demand, selling first-expiry-first-out.</p>
{chart}
<table><thead><tr><th>lot</th><th>SKU</th><th>pharmacy</th><th>qty</th><th>expires</th><th>days left</th><th>label</th><th>MKT °C</th><th>mean °C</th><th>max °C</th><th>days of cover</th><th>flags</th></tr></thead>
<tbody>
{lots}</tbody></table>
<h2>Excursions</h2>
<p class="muted">Each lot's log analysed with sample-and-hold semantics: runs of 30 minutes or more outside the label band are excursions; gaps over 2 hours are flagged, not credited. 2–8 °C products carry a 72-hour stability budget above 8 °C; room-temperature products the USP &lt;659&gt; allowances (excursions to 30 °C, spikes to 40 °C for up to 24 h, while MKT stays within the label).</p>
<table><thead><tr><th>lot</th><th>label</th><th>excursion start</th><th>kind</th><th>minutes</th><th>peak °C</th><th>tolerance</th><th>verdict</th><th>reason</th></tr></thead>
<tbody>
{excursions}</tbody></table>
<h2>Lots at risk and the donation plan</h2>
<p class="muted">Units each lot still holds when it expires, selling each pharmacy's lots first-expiry-first-out at its mean demand: {at_risk:.0} unit(s). A linear programme sends them where they recover the most net of transport and handling: other pharmacies with spare demand (two weeks of their sales, at least 7 days of shelf life on arrival) or donation partners within their range, capacity, cold chain and shelf-life needs. Rescued {rescued:.0}, wasted {wasted:.0}; value recovered {value:.2}; {kg:.1} kg of waste avoided.</p>
<table><thead><tr><th>lot</th><th>SKU</th><th>from</th><th>to</th><th>kind</th><th>units</th><th>km</th><th>value</th><th>cost</th></tr></thead>
<tbody>
{moves}</tbody></table>
<p class="muted">Generated by <code>flowcast demo</code>. Machine-readable: <code>report.json</code>.</p>
</body></html>
"#,
        as_of = r.as_of,
        data_dir = esc(&r.data_dir),
        pharmacies = r.counts.pharmacies,
        skus = r.counts.skus,
        days = r.counts.history_days,
        nlots = r.counts.lots,
        readings = r.counts.temperature_readings,
        to_order = t.pairs_to_order,
        planned = t.pairs_planned,
        units = t.units_to_order,
        ss_value = t.safety_stock_value,
        cost = t.annual_cost,
        hot = t.lots_above_label_mkt,
        risk = t.lots_at_risk_of_expiry,
        window = r.demand_window_days,
        chart = mkt_chart(&r.lots),
        route_section = route_section(r.routes.as_ref()),
        excursions = excursion_rows(&r.lots),
        moves = move_rows(r),
        at_risk = r.donation_plan.units_at_risk,
        rescued = r.donation_plan.units_rescued,
        wasted = r.donation_plan.units_wasted,
        value = r.donation_plan.value_recovered,
        kg = r.donation_plan.kg_avoided,
    )
}

fn excursion_rows(lots: &[LotState]) -> String {
    let mut out = String::new();
    for l in lots {
        let Some(log) = &l.log else { continue };
        for e in &log.excursions {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=n>{:.0}</td><td class=n>{:.1}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&l.lot),
                esc(&l.storage),
                e.start,
                e.kind,
                e.duration_min,
                e.peak_c,
                e.band,
                log.verdict,
                esc(log.reasons.first().map_or("", String::as_str)),
            );
        }
    }
    if out.is_empty() {
        out.push_str("<tr><td colspan=9>no excursion in any log</td></tr>\n");
    }
    out
}

fn move_rows(r: &Report) -> String {
    let mut out = String::new();
    for m in &r.donation_plan.moves {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td title=\"{}\">{}</td><td>{}</td><td class=n>{:.0}</td><td class=n>{:.1}</td><td class=n>{:.2}</td><td class=n>{:.2}</td></tr>",
            esc(&m.lot),
            esc(&m.sku),
            esc(&m.from),
            esc(&m.to_name),
            esc(&m.to),
            m.kind,
            m.units,
            m.km,
            m.value,
            m.cost,
        );
    }
    if out.is_empty() {
        out.push_str("<tr><td colspan=9>nothing at risk</td></tr>\n");
    }
    out
}
