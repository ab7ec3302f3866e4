"""The Rust benches' headline batches through the Python wheel (numpy in, numpy out), to
compare with `cargo bench -p flowcast-benches`: the wheel should cost at most 2x the Rust time.

Run: python benches/python/bench.py [--quick] [--n 1000000]
"""

import argparse
import time

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
    rows = [
        ("eoq", lambda: inv.eoq(s["order_cost"], s["holding_cost"], s["annual_demand"])),
        (
            "safety_stock_csl",
            lambda: inv.safety_stock(
                s["demand_mean"],
                s["demand_sd"],
                s["lead_time"],
                s["lead_time_sd"],
                cycle_service_level=s["service_level"],
            ),
        ),
        ("replenishment (eoq + safety stock + reorder point)", replenishment),
        ("mkt, one record", lambda: ex.mean_kinetic_temperature(temps)),
    ]
    print(f"flowcast through Python, {args.n:,} rows, best of {repeats} (ms)")
    for name, fn in rows:
        print(f"  {name:<52} {best_ms(fn, repeats):8.2f}")


if __name__ == "__main__":
    main()
