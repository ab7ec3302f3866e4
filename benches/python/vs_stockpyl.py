"""stockpyl and flowcast on the same batches: CPU time per SKU, the speed ratio, and the largest
relative difference between their answers.

stockpyl is called once per SKU, as its API takes one SKU at a time; flowcast takes the batch in
one call. stockpyl's slowest functions run on a subset (``n`` column) and the per-SKU time is
scaled from it. Run with ``make bench-stockpyl`` (it builds a separate venv with stockpyl 1.0.2,
numpy < 2 and scipy < 1.15, which stockpyl needs, plus the flowcast wheel), or directly:

    python benches/python/vs_stockpyl.py [--scale 1.0]
"""

import argparse
import time

import numpy as np

import flowcast.inventory as inv


def cpu(fn):
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


def rel_diff(a, b):
    a, b = np.asarray(a, dtype=float).ravel(), np.asarray(b, dtype=float).ravel()
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-12)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every batch size")
    args = parser.parse_args()
    rng = np.random.default_rng(7)

    from stockpyl import eoq as sp_eoq
    from stockpyl import newsvendor as sp_nv
    from stockpyl import rq as sp_rq
    from stockpyl import ss as sp_ss
    from stockpyl import wagner_whitin as sp_ww
    from stockpyl.finite_horizon import finite_horizon_dp
    from stockpyl.gsm_serial import optimize_committed_service_times
    from stockpyl.ssm_serial import optimize_base_stock_levels

    def n(k):
        return max(1, int(k * args.scale))

    rows = []

    def compare(name, sp_fn, fc_fn, count, fc_count=None):
        """stockpyl's ``sp_fn(i)`` for i < count against flowcast's ``fc_fn(count)``."""
        sp_time, sp_out = cpu(lambda: [sp_fn(i) for i in range(count)])
        fc_time, fc_out = cpu(lambda: fc_fn(count))
        diff = rel_diff(fc_out, sp_out)
        rows.append((name, count, sp_time / count * 1e6, fc_time / count * 1e6, diff))

    # EOQ.
    k, h, d = (
        20 + 80 * rng.uniform(size=100_000),
        0.25 + 25 * rng.uniform(size=100_000),
        365 * (1 + 999 * rng.uniform(size=100_000)),
    )
    compare(
        "eoq",
        lambda i: sp_eoq.economic_order_quantity(k[i], h[i], d[i])[0],
        lambda c: inv.eoq(k[:c], h[:c], d[:c]).order_quantity,
        n(100_000),
    )
    # Newsvendor, per-SKU costs and demand.
    p = h * 9 * (0.5 + rng.uniform(size=h.size))
    mu, sd = 10 + 990 * rng.uniform(size=h.size), 1 + 50 * rng.uniform(size=h.size)
    compare(
        "newsvendor_normal",
        lambda i: sp_nv.newsvendor_normal(h[i], p[i], mu[i], sd[i])[0],
        lambda c: inv.newsvendor(h[:c], p[:c], mean=mu[:c], sd=sd[:c]).base_stock_level,
        n(2_000),
    )
    # (r, Q) heuristics.
    lt = 1 / 12 + rng.uniform(size=h.size) / 12
    compare(
        "rq_eil_approximation",
        lambda i: sp_rq.r_q_eil_approximation(h[i], p[i], k[i], d[i], 10 * sd[i], lt[i])[:2],
        lambda c: np.column_stack(inv.rq(h[:c], p[:c], k[:c], d[:c], 10 * sd[:c], lt[:c], method="eil")[:2]),
        n(50),
    )
    compare(
        "rq_loss_function_approximation",
        lambda i: sp_rq.r_q_loss_function_approximation(h[i], p[i], k[i], d[i], 10 * sd[i], lt[i]),
        lambda c: np.column_stack(inv.rq(h[:c], p[:c], k[:c], d[:c], 10 * sd[:c], lt[:c])[:2]),
        n(5),
    )
    # (s, S).
    means = 5 + 45 * rng.uniform(size=1_000)
    compare(
        "s_s_discrete_exact (Poisson)",
        lambda i: sp_ss.s_s_discrete_exact(1, 9, 64, True, means[i])[:2],
        lambda c: np.column_stack(inv.ss(1, 9, 64, means[:c])[:2]),
        n(5),
    )
    compare(
        "s_s_power_approximation",
        lambda i: sp_ss.s_s_power_approximation(1, 9, 64, mu[i], sd[i]),
        lambda c: np.column_stack(inv.ss_power_approximation(1, 9, 64, mu[:c], sd[:c])),
        n(20_000),
    )
    # Wagner-Whitin, 52 weeks.
    weeks = np.round(50 + 100 * rng.uniform(size=(1_000, 52)))
    compare(
        "wagner_whitin T=52",
        lambda i: sp_ww.wagner_whitin(52, 0.5, 400, list(weeks[i]))[1],
        lambda c: inv.wagner_whitin(weeks[:c], 0.5, 400).cost,
        n(50),
    )
    # One-instance models.
    compare(
        "finite_horizon_dp T=5",
        lambda i: finite_horizon_dp(5, 1, 20, 1, 20, 2, 50, 100, 20)[2],
        lambda c: (
            [
                inv.finite_horizon(
                    1, 20, 2, 50, 100, 20, periods=5, terminal_holding_cost=1, terminal_stockout_cost=20
                ).total_cost
            ]
            * c
        ),
        1,
    )
    compare(
        "gsm_serial (example 6.3)",
        lambda i: optimize_committed_service_times(
            num_nodes=3,
            local_holding_cost=[7, 4, 2],
            processing_time=[1, 0, 1],
            demand_bound_constant=1,
            external_outbound_cst=1,
            external_inbound_cst=1,
            demand_mean=0,
            demand_standard_deviation=1,
        )[1],
        lambda c: (
            [
                inv.guaranteed_service(
                    [2, 4, 7],
                    [1, 0, 1],
                    [(0, 1), (1, 2)],
                    demand_sd=[0, 0, 1],
                    demand_bound_constant=1,
                    external_inbound_cst=[1, 0, 0],
                    external_outbound_cst=[None, None, 1],
                ).cost
            ]
            * c
        ),
        1,
    )
    compare(
        "ssm_serial (example 6.1)",
        lambda i: optimize_base_stock_levels(
            num_nodes=3,
            echelon_holding_cost=[2, 2, 3],
            lead_time=[2, 1, 1],
            stockout_cost=37.12,
            demand_mean=5,
            demand_standard_deviation=1,
        )[1],
        lambda c: [inv.serial_base_stock([3, 2, 2], [1, 1, 2], 37.12, 5, 1).cost] * c,
        1,
    )

    print(
        f"{'function':<34} {'SKUs':>7} {'stockpyl µs/SKU':>16} {'flowcast µs/SKU':>16}"
        f" {'speed-up':>10} {'max rel diff':>13}"
    )
    for name, count, sp_us, fc_us, diff in rows:
        ratio = sp_us / fc_us if fc_us > 0 else float("inf")
        print(f"{name:<34} {count:>7} {sp_us:>16.2f} {fc_us:>16.3f} {ratio:>9.0f}x {diff:>13.1e}")
    print(
        "(CPU time; flowcast times of one-instance models include Python call overhead; the"
        " ssm_serial difference is stockpyl's coarser grid, see ssm_serial's docs.)"
    )


if __name__ == "__main__":
    main()
