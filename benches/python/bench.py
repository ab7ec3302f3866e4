"""The Rust benches' batches through the Python wheel (numpy in, numpy out). After
`cargo bench -p flowcast-benches` (or `make bench`), each row also shows the Rust time from
criterion's estimates and the ratio: the wheel should cost at most 1.5x the Rust time.

Run: python benches/python/bench.py [--quick] [--n 1000000]
"""

import argparse
import json
import time
from pathlib import Path

import numpy as np

import flowcast.expiry as ex
import flowcast.inventory as inv


def skus(n: int, seed: int = 42):
    rng = np.random.default_rng(seed)
    daily = 10 ** (rng.uniform(size=n) * 4 - 1)
    return {
        "order_cost": 20 + 80 * rng.uniform(size=n),
        "holding_cost": 0.25 * (1 + 99 * rng.uniform(size=n)),
        "annual_demand": daily * 365,
        "demand_mean": daily,
        "demand_sd": np.sqrt(daily) * (0.5 + rng.uniform(size=n)),
        "lead_time": 1 + 20 * rng.uniform(size=n),
        "lead_time_sd": 2 * rng.uniform(size=n),
        "service_level": 0.9 + 0.099 * rng.uniform(size=n),
    }


def best_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="one repeat: a smoke run, not a measurement")
    args = parser.parse_args()
    repeats = 1 if args.quick else 15
    s = skus(args.n)

    def replenishment():
        q, _ = inv.eoq(s["order_cost"], s["holding_cost"], s["annual_demand"])
        inv.safety_stock(
            s["demand_mean"], s["demand_sd"], s["lead_time"], s["lead_time_sd"], cycle_service_level=s["service_level"]
        )
        return q

    temps = 5.0 + 1.5 * np.sin(np.arange(args.n) / 1440 * 2 * np.pi)
    minutes = np.arange(args.n, dtype=np.float64)
    stockout = s["holding_cost"] * s["service_level"] / (1 - s["service_level"])
    levels = np.array([0.1, 0.5, 0.9, 0.95, 0.99])
    z = np.array([-1.2815515655446004, 0.0, 1.2815515655446004, 1.6448536269514722, 2.3263478740408408])
    quantiles = s["demand_mean"][:, None] * 7 + np.sqrt(7) * s["demand_sd"][:, None] * z[None, :]
    k = 100_000
    per_year = s["demand_mean"][:k] * 365
    rng = np.random.default_rng(5)
    weeks = np.round(s["demand_mean"][:1000, None] * 7 * (0.5 + rng.uniform(size=(1000, 52))))
    means = 5 + 70 * np.arange(1000) / 999
    # (name, criterion benchmark it mirrors, call)
    rows = [
        ("eoq", "batch_1m/eoq", lambda: inv.eoq(s["order_cost"], s["holding_cost"], s["annual_demand"])),
        (
            "safety_stock_csl",
            "batch_1m/safety_stock_csl",
            lambda: inv.safety_stock(
                s["demand_mean"],
                s["demand_sd"],
                s["lead_time"],
                s["lead_time_sd"],
                cycle_service_level=s["service_level"],
            ),
        ),
        ("replenishment (eoq + safety stock + reorder point)", "batch_1m/replenishment", replenishment),
        (
            "newsvendor_normal, per-SKU costs",
            "batch_1m/newsvendor_normal",
            lambda: inv.newsvendor(s["holding_cost"], stockout, mean=s["demand_mean"], sd=s["demand_sd"]),
        ),
        (
            "newsvendor_normal, shared costs",
            "batch_1m/newsvendor_normal_shared_costs",
            lambda: inv.newsvendor(1.0, 9.0, mean=s["demand_mean"], sd=s["demand_sd"]),
        ),
        (
            "eoq_with_backorders",
            "million_skus/eoq_with_backorders",
            lambda: inv.eoq_with_backorders(
                s["order_cost"], s["holding_cost"], 20 * s["holding_cost"], s["annual_demand"]
            ),
        ),
        (
            "safety_stock_from_quantiles (5 levels)",
            "million_skus/safety_stock_from_quantiles",
            lambda: inv.safety_stock_from_quantiles(quantiles, levels, cycle_service_level=s["service_level"]),
        ),
        (
            "rq EIL, 100k SKUs",
            "anchors/rq_eil_100k",
            lambda: inv.rq(
                s["holding_cost"][:k],
                20 * s["holding_cost"][:k],
                s["order_cost"][:k],
                per_year,
                s["demand_sd"][:k] * np.sqrt(365),
                s["lead_time"][:k] / 365,
                method="eil",
            ),
        ),
        ("(s, S) exact, 1k Poisson SKUs", "anchors/ss_exact_poisson_1k", lambda: inv.ss(1, 9, 64, means)),
        (
            "wagner_whitin, 1k SKUs x 52 weeks",
            "anchors/wagner_whitin_1k_x_52",
            lambda: inv.wagner_whitin(weeks, s["holding_cost"][:1000, None] / 52, s["order_cost"][:1000, None]),
        ),
        ("mkt, one record", "mkt_1m_readings/one_record", lambda: ex.mean_kinetic_temperature(temps)),
        (
            "rolling 24 h MKT of minutes, 1M readings",
            "rolling_mkt_1m_readings/24h_window_of_minutes",
            lambda: ex.rolling_mean_kinetic_temperature(temps, window=1440),
        ),
        (
            "excursions, 1M readings (one logger)",
            None,
            lambda: ex.analyze_excursions(minutes, temps, min_duration=5, max_gap=2, budgets=[("(8, 25]", 4320)]),
        ),
        (
            "perishable exact, m=5, Poisson 10, LIFO S=25",
            "perishable_exact_m5_poisson10/Lifo_S25",
            lambda: ex.perishable_base_stock(5, 25, 10.0, "lifo"),
        ),
    ]
    criterion = Path(__file__).resolve().parents[2] / "target" / "criterion"
    print(f"flowcast through Python, best of {repeats} (ms); Rust from criterion where present")
    print(f"  {'':<52} {'python':>8} {'rust':>8} {'ratio':>6}")
    for name, bench, fn in rows:
        ms = best_ms(fn, repeats)
        estimate = criterion / bench / "new" / "estimates.json" if bench else None
        if estimate is not None and estimate.exists():
            rust = json.loads(estimate.read_text())["mean"]["point_estimate"] / 1e6
            print(f"  {name:<52} {ms:8.2f} {rust:8.2f} {ms / rust:6.2f}")
        else:
            print(f"  {name:<52} {ms:8.2f}")


if __name__ == "__main__":
    main()
