#!/usr/bin/env python3
"""Writes examples/data/: the small sample network `flowcast demo` runs on.

A pharmaceutical distributor's depot in Lyon and six pharmacies around it; five SKUs (three
refrigerated, two at controlled room temperature); 120 days of daily sales per SKU and pharmacy;
the lots on hand with expiry dates; and a week of hourly temperature readings per lot, two of
which saw trouble (a weekend power cut, a hot van). Deterministic: rerunning gives the same files.

Usage: python3 scripts/make_sample_data.py [OUT_DIR]
"""

import csv
import datetime as dt
import math
import random
import sys
from pathlib import Path

AS_OF = dt.date(2026, 11, 21)  # the morning the demo plans for
HISTORY_DAYS = 120

SITES = [
    # site_id, name, kind, lat, lon
    ("DC-LYON", "Lyon distribution centre", "depot", 45.7398, 4.8713),
    ("PH-VILLEURBANNE", "Pharmacie Villeurbanne", "pharmacy", 45.7719, 4.8902),
    ("PH-BRON", "Pharmacie Bron", "pharmacy", 45.7386, 4.9131),
    ("PH-VENISSIEUX", "Pharmacie Vénissieux", "pharmacy", 45.6973, 4.8859),
    ("PH-CALUIRE", "Pharmacie Caluire", "pharmacy", 45.7952, 4.8466),
    ("PH-OULLINS", "Pharmacie Oullins", "pharmacy", 45.7146, 4.8076),
    ("PH-DECINES", "Pharmacie Décines", "pharmacy", 45.7689, 4.9592),
]

SKUS = [
    # sku, name, storage, unit_cost, order_cost, holding_rate, lead_time_days, lead_time_sd_days,
    # target_kind, target, base daily demand
    ("INS-100", "Insulin glargine 100 U/ml pen", "2-8C", 28.0, 45.0, 0.25, 2.0, 0.5, "cycle_service_level", 0.98, 6.0),
    ("VAC-FLU", "Influenza vaccine 0.5 ml", "2-8C", 12.0, 45.0, 0.25, 3.0, 1.0, "fill_rate", 0.99, 9.0),
    ("EPO-4K", "Epoetin alfa 4000 IU syringe", "2-8C", 85.0, 60.0, 0.30, 5.0, 2.0, "cycle_service_level", 0.97, 0.6),
    ("AMX-500", "Amoxicillin 500 mg, 16 caps", "15-25C", 4.5, 30.0, 0.20, 4.0, 1.5, "cycle_service_level", 0.95, 14.0),
    ("PCM-1G", "Paracetamol 1 g, 8 tablets", "15-25C", 1.2, 30.0, 0.20, 2.0, 0.5, "fill_rate", 0.98, 40.0),
]

PARTNERS = [
    # partner_id, name, lat, lon, capacity_units, cold_chain, min_days_on_arrival, max_km
    ("NGO-PHI", "Humanitarian pharmacy (medicine donations)", 45.7485, 4.8467, 400, "no", 90, 40.0),
    ("HOSP-EH", "Hospital pharmacy, Lyon 3e", 45.7427, 4.8808, 60, "yes", 7, 25.0),
    ("NGO-CLINIC", "Free clinic, Vaulx-en-Velin", 45.7786, 4.9210, 120, "yes", 14, 30.0),
]

# Relative size of each pharmacy's trade.
SITE_SCALE = {
    "PH-VILLEURBANNE": 1.4,
    "PH-BRON": 1.0,
    "PH-VENISSIEUX": 1.2,
    "PH-CALUIRE": 0.8,
    "PH-OULLINS": 0.9,
    "PH-DECINES": 0.7,
}


def poisson(rng: random.Random, lam: float) -> int:
    """Knuth's method; fine for the small means used here."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def sales_rows(rng: random.Random):
    start = AS_OF - dt.timedelta(days=HISTORY_DAYS)
    for d in range(HISTORY_DAYS):
        day = start + dt.timedelta(days=d)
        if day.weekday() == 6:  # pharmacies close on Sundays
            continue
        weekday_factor = 1.25 if day.weekday() == 0 else (0.8 if day.weekday() == 5 else 1.0)
        for site, scale in SITE_SCALE.items():
            for sku, *_, base in SKUS:
                season = 1.0
                if sku == "VAC-FLU":  # the flu campaign ramps up from October
                    season = 0.3 + 1.7 / (1.0 + math.exp(-(day - dt.date(2026, 10, 10)).days / 7.0))
                qty = poisson(rng, base * scale * weekday_factor * season)
                yield (day.isoformat(), site, sku, qty)


# Lots with a story: (lot, sku, site_id, qty, expiry_date, trouble).
SPECIAL_LOTS = [
    ("L-INS-2403", "INS-100", "PH-CALUIRE", 25, "2027-05-31", "power_cut"),  # a weekend without power
    ("L-AMX-5502", "AMX-500", "PH-DECINES", 70, "2027-09-30", "hot_van"),  # three hours in the sun
    ("L-EPO-0711", "EPO-4K", "PH-VILLEURBANNE", 14, "2026-12-05", None),  # more than sells in time
    ("L-PCM-8803", "PCM-1G", "PH-OULLINS", 1500, "2026-12-31", None),  # a bulk buy
]


def lots(rng: random.Random):
    """One or two ordinary lots per pharmacy and SKU, then the special ones."""
    out = []
    special = {(sku, site) for _, sku, site, *_ in SPECIAL_LOTS}
    for site, scale in SITE_SCALE.items():
        for n, (sku, *_, base) in enumerate(SKUS):
            if (sku, site) in special:
                continue
            for k in range(1 + (rng.random() < 0.35)):
                qty = round(base * scale * rng.uniform(0.5, 9.0))
                if qty == 0:
                    continue
                expiry = AS_OF + dt.timedelta(days=rng.randint(60, 540))
                lot = f"L-{sku.split('-')[0]}-{site[3:6]}{n}{k}"
                out.append((lot, sku, site, qty, expiry.isoformat(), None))
    return out + SPECIAL_LOTS


STORAGE = {sku: storage for sku, _, storage, *_ in SKUS}


def temperature_rows(rng: random.Random, lot_rows):
    start = dt.datetime.combine(AS_OF - dt.timedelta(days=7), dt.time())
    for lot, sku, _site, _qty, _expiry, trouble in lot_rows:
        cold = STORAGE[sku] == "2-8C"
        base = 5.0 if cold else 21.0
        swing = 0.8 if cold else 2.0
        for h in range(7 * 24):
            t = base + swing * math.sin(2 * math.pi * (h - 9) / 24) + rng.gauss(0, 0.25)
            if trouble == "power_cut" and 60 <= h < 104:  # the fridge warms to the room
                t = min(19.0, 6.0 + 0.9 * (h - 60)) + rng.gauss(0, 0.3)
            if trouble == "hot_van" and 100 <= h < 103:  # three hours in a van in the sun
                t = 31.0 + rng.gauss(0, 0.5)
            stamp = start + dt.timedelta(hours=h)
            yield (lot, stamp.strftime("%Y-%m-%dT%H:%M"), f"{t:.2f}")


def write(path: Path, header, rows):
    with path.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "examples" / "data")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261121)
    write(out / "sites.csv", ["site_id", "name", "kind", "lat", "lon"], SITES)
    write(
        out / "skus.csv",
        [
            "sku",
            "name",
            "storage",
            "unit_cost",
            "order_cost",
            "holding_rate",
            "lead_time_days",
            "lead_time_sd_days",
            "target_kind",
            "target",
        ],
        [row[:-1] for row in SKUS],
    )
    write(out / "sales.csv", ["date", "site_id", "sku", "qty"], sales_rows(rng))
    lot_rows = lots(rng)
    write(out / "lots.csv", ["lot", "sku", "site_id", "qty", "expiry_date"], [row[:-1] for row in lot_rows])
    write(out / "temperatures.csv", ["lot", "timestamp", "temp_c"], temperature_rows(rng, lot_rows))
    write(
        out / "partners.csv",
        ["partner_id", "name", "lat", "lon", "capacity_units", "cold_chain", "min_days_on_arrival", "max_km"],
        PARTNERS,
    )
    # One van carries 4000 units: the sample's orders (about 6300) need both.
    write(
        out / "vehicles.csv",
        ["vehicle_type", "count", "capacity_units", "speed_kmh", "cost_per_km", "fixed_cost"],
        [("van", 2, 4000, 30, 0.6, 25)],
    )
    (out / "README.md").write_text(
        "# Sample network for `flowcast demo`\n\n"
        "Generated by `scripts/make_sample_data.py` (deterministic). As of "
        f"{AS_OF.isoformat()}.\n\n"
        "| file | rows are |\n|---|---|\n"
        "| `sites.csv` | the depot and six pharmacies, with coordinates |\n"
        "| `skus.csv` | products: storage band, costs (unit, per order), yearly holding rate, "
        "supplier lead time (mean, sd, days), service target |\n"
        "| `sales.csv` | units sold per day, pharmacy and SKU (pharmacies close on Sundays) |\n"
        "| `lots.csv` | lots on hand per pharmacy, with expiry dates |\n"
        "| `temperatures.csv` | hourly readings per lot over the last week |\n"
        "| `partners.csv` | donation partners: location, units they can take, whether they keep a cold "
        "chain, the shelf life they need on arrival, how far they collect |\n"
        "| `vehicles.csv` | the depot's delivery fleet for the replenishment routes: type, how many, "
        "capacity in units, average speed (km/h), cost per km, fixed cost per route (optional: "
        "without it the demo plans no routes) |\n"
    )


if __name__ == "__main__":
    main()
