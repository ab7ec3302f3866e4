"""Type stubs of the private extension module. Use the public modules instead."""

from typing import List, Optional, Sequence, Tuple

import numpy as np
import numpy.typing as npt

_F = npt.NDArray[np.float64]
_I = npt.NDArray[np.int64]
_F2 = npt.NDArray[np.float64]  # 2-D: periods x stages
_Grid = Tuple[str, _F]  # ("scalar" | "periods" | "skus" | "full", values)
_Pair = Tuple[_F, _F]
_Triple = Tuple[_F, _F, _F]

__version__: str

def eoq(fixed_cost: _F, holding_cost: _F, demand_rate: _F, order_quantity: Optional[_F] = None) -> Tuple[_F, _F]: ...
def safety_stock(
    demand_mean: _F,
    demand_sd: _F,
    lead_time: _F,
    lead_time_sd: _F,
    review_period: _F,
    target_kind: str,
    target: _F,
    order_quantity: Optional[_F] = None,
) -> Tuple[_F, _F, _F, _F, _F, _F]: ...
def cycle_service(safety_factor: _F, lead_time_demand_sd: _F, order_quantity: _F) -> Tuple[_F, _F, _F]: ...
def standard_normal_loss(z: _F) -> Tuple[_F, _F]: ...
def standard_normal_second_loss(z: _F) -> Tuple[_F, _F]: ...
def standard_normal_loss_inverse(g: _F) -> _F: ...
def normal_loss(x: _F, mean: _F, sd: _F) -> Tuple[_F, _F]: ...
def normal_second_loss(x: _F, mean: _F, sd: _F) -> Tuple[_F, _F]: ...
def mean_kinetic_temperature(
    temps_c: _F, weights: Optional[_F], bounds: npt.NDArray[np.int64], delta_h: float, gas_constant: float
) -> _F: ...
def distribution_loss(family: str, parameters: List[_F], x: _F, order: int) -> _Pair: ...
def discrete_loss(values: Sequence[float], probabilities: Sequence[float], x: _F, order: int) -> _Pair: ...
def eoq_with_backorders(
    fixed_cost: _F,
    holding_cost: _F,
    stockout_cost: _F,
    demand_rate: _F,
    order_quantity: Optional[_F] = None,
    stockout_fraction: Optional[_F] = None,
) -> _Triple: ...
def economic_production_quantity(
    fixed_cost: _F, holding_cost: _F, demand_rate: _F, production_rate: _F, order_quantity: Optional[_F] = None
) -> _Pair: ...
def eoq_with_discounts(
    kind: str,
    fixed_cost: float,
    holding_cost_rate: float,
    demand_rate: float,
    breakpoints: Sequence[float],
    unit_costs: Sequence[float],
) -> Tuple[float, int, float]: ...
def joint_replenishment(
    shared_fixed_cost: float,
    individual_fixed_costs: Sequence[float],
    holding_costs: Sequence[float],
    demand_rates: Sequence[float],
) -> Tuple[List[float], float, List[int], float]: ...
def eoq_with_disruptions(
    fixed_cost: _F,
    holding_cost: _F,
    stockout_cost: _F,
    demand_rate: _F,
    disruption_rate: _F,
    recovery_rate: _F,
    approximate: bool,
    order_quantity: Optional[_F] = None,
) -> _Pair: ...
def eoq_with_yield_uncertainty(
    kind: str,
    fixed_cost: _F,
    holding_cost: _F,
    demand_rate: _F,
    yield_mean: _F,
    yield_sd: _F,
    order_quantity: Optional[_F] = None,
) -> _Pair: ...
def newsvendor_normal(
    holding_cost: _F,
    stockout_cost: _F,
    demand_mean: _F,
    demand_sd: _F,
    lead_time: _F,
    base_stock_level: Optional[_F] = None,
) -> _Pair: ...
def newsvendor_family(
    family_name: str,
    holding_cost: _F,
    stockout_cost: _F,
    parameters: List[_F],
    base_stock_level: Optional[_F] = None,
    threads: int = 0,
) -> _Pair: ...
def newsvendor_discrete(
    holding_cost: float,
    stockout_cost: float,
    values: Sequence[float],
    probabilities: Sequence[float],
    base_stock_level: Optional[float] = None,
) -> Tuple[float, float]: ...
def newsvendor_explicit(
    family_name: str,
    revenue: _F,
    purchase_cost: _F,
    salvage_value: _F,
    holding_cost: _F,
    stockout_cost: _F,
    parameters: List[_F],
    base_stock_level: Optional[_F] = None,
) -> _Pair: ...
def myopic(inputs: List[_F], base_stock_level: Optional[_F] = None) -> _Pair: ...
def newsvendor_with_disruptions(inputs: List[_F], base_stock_level: Optional[_F] = None) -> _Pair: ...
def newsvendor_with_yield(
    family_name: str, inputs: List[_F], parameters: List[_F], base_stock_level: Optional[_F] = None
) -> _Pair: ...
def rq_policy(method: str, inputs: List[_F], threads: int = 0) -> _Triple: ...
def rq_cost(inputs: List[_F]) -> _F: ...
def rq_optimal_reorder_point(inputs: List[_F]) -> _F: ...
def rq_poisson(
    inputs: List[_F], reorder_point: Optional[_F] = None, order_quantity: Optional[_F] = None, threads: int = 0
) -> _Triple: ...
def ss_poisson(
    inputs: List[_F], reorder_point: Optional[_F] = None, order_up_to_level: Optional[_F] = None, threads: int = 0
) -> _Triple: ...
def ss_discrete(
    holding_cost: float,
    stockout_cost: float,
    fixed_cost: float,
    values: Sequence[float],
    probabilities: Sequence[float],
    reorder_point: Optional[float] = None,
    order_up_to_level: Optional[float] = None,
) -> Tuple[float, float, float]: ...
def ss_power_approximation(inputs: List[_F]) -> _Pair: ...
def wagner_whitin(
    periods: int, demand: _Grid, holding_cost: _Grid, fixed_cost: _Grid, purchase_cost: _Grid
) -> Tuple[_F, _F, _F, npt.NDArray[np.uint32]]: ...
def finite_horizon(
    periods: int,
    grids: List[_Grid],
    terminal_holding_cost: _F,
    terminal_stockout_cost: _F,
    initial_inventory_level: _F,
    demand_spread: float,
    level_spread: float,
    detail: bool,
) -> Tuple[_F, _F, _F, Optional[Tuple[int, _F, _F, float, float]]]: ...
def guaranteed_service(
    holding_cost: List[float],
    processing_time: List[float],
    demand_bound_constant: List[float],
    external_inbound_cst: List[float],
    external_outbound_cst: List[float],
    demand_mean: List[float],
    demand_sd: List[float],
    edges: List[Tuple[int, int]],
    outbound_cst: Optional[List[float]] = None,
) -> Tuple[_F, _F, _F, _F, _F, _F, _F, float]: ...
def serial_base_stock(
    echelon_holding_cost: List[float],
    lead_time: List[float],
    stockout_cost: float,
    demand_mean: float,
    demand_sd: float,
    echelon_base_stock: Optional[List[float]] = None,
) -> Tuple[_F, _F, float]: ...
def serial_holding_cost(
    echelon_holding_cost: List[float],
    lead_time: List[float],
    demand_mean: float,
    demand_sd: float,
    echelon_base_stock: List[float],
) -> float: ...
def serial_newsvendor_heuristic(
    echelon_holding_cost: List[float],
    lead_time: List[float],
    stockout_cost: float,
    demand_mean: float,
    demand_sd: float,
    weight: float,
) -> _F: ...
def simulate(
    periods: int,
    holding_cost: List[float],
    lead_time: List[float],
    initial_inventory_level: List[float],
    base_stock_levels: List[float],
    stockout_cost: float,
    policy: str,
    parameters: List[float],
    demand_values: Optional[List[float]],
    demand_family: Optional[str],
    demand_parameters: List[float],
    demand_first: bool,
    seed: int,
) -> Tuple[_F2, _F2, _F2, _F2, _F2, _F2, float]: ...
def myopic_level_at_cost(above: bool, inputs: List[_F]) -> _F: ...
def myopic_bounds(
    periods: int, grids: List[_Grid], terminal_holding_cost: float, terminal_stockout_cost: float
) -> Tuple[_F, _F, _F, _F]: ...
def safety_stock_from_quantiles(
    levels: List[float],
    values: _F,
    target_kind: str,
    target: _F,
    order_quantity: Optional[_F] = None,
    mean: Optional[_F] = None,
) -> Tuple[_F, _F, _F, _F, _F, _F]: ...
def acceleration_factor(
    t_c: _F, t_ref_c: _F, delta_h: float, gas_constant: float, q10: Optional[float] = None
) -> _F: ...
def q10_from_arrhenius(t_ref_c: float, delta_h: float, gas_constant: float) -> float: ...
def shelf_life(
    temps_c: _F,
    durations: _F,
    t_ref_c: float,
    shelf_life_at_ref: float,
    delta_h: float,
    gas_constant: float,
    q10: Optional[float] = None,
) -> Tuple[float, float, float, float]: ...
def rolling_mean_kinetic_temperature(
    temps_c: _F, weights: Optional[_F], window: int, delta_h: float, gas_constant: float
) -> _F: ...
def kinetic_sums(
    temps_c: _F, weights: Optional[_F], bounds: _I, delta_h: float, gas_constant: float
) -> Tuple[_F, _F, _F, _F, _F]: ...
def combine_kinetic_sums(
    ln_kinetic_sum: _F,
    weight: _F,
    weighted_temp: _F,
    min_c: _F,
    max_c: _F,
    bounds: _I,
    delta_h: float,
    gas_constant: float,
) -> _F: ...
def excursion_rules(preset: str, overrides: str) -> str: ...
def analyze_excursions(timestamps: _F, temps_c: _F, bounds: _I, rules: str) -> List[str]: ...
def fefo_allocate(
    ids: List[str],
    expiry_days: List[int],
    quantities: List[float],
    order_qty: List[float],
    ship_days: List[int],
    min_remaining_days: List[int],
) -> str: ...
def project_waste(
    ids: List[str],
    quantities: List[float],
    days_to_expiry: List[int],
    unit_values: List[float],
    mean_per_day: float,
    daily: Optional[List[float]],
    min_shelf_days: int,
) -> str: ...
def plan_waste(problem: str) -> str: ...

class ExcursionTracker:
    def __init__(self, rules: str) -> None: ...
    @staticmethod
    def from_state(state: str) -> "ExcursionTracker": ...
    def push(self, t: float, temp_c: float) -> str: ...
    def extend(self, timestamps: _F, temps_c: _F) -> None: ...
    def report(self) -> str: ...
    def state(self) -> str: ...
    def readings(self) -> int: ...

def gamma_demand_pmf(mean: float, cov: float, max_demand: int) -> _F: ...

class PerishableModel:
    def __init__(
        self,
        lifetime: int,
        lead_time: int,
        issuing: str,
        poisson_mean: Optional[float],
        pmf: Optional[List[float]],
        costs: List[float],
        price: Optional[float],
        max_order: Optional[int],
    ) -> None: ...
    def evaluate(self, order_up_to: int) -> str: ...
    def simulate(self, order_up_to: int, periods: int, warm_up: int, seed: int, batches: int) -> str: ...
    def optimize(self, lo: Optional[int] = None, hi: Optional[int] = None) -> str: ...
    def policy(
        self, discount: float, tolerance: float, max_iterations: int
    ) -> Tuple[_F, _F, Optional[float], int, bool, int, int]: ...

def forecast_many(
    y: _F,
    bounds: _I,
    models: str,
    h: int,
    levels: List[float],
    conformal_windows: int,
    fallback: Optional[str],
    threads: int,
) -> Tuple[_F, _F, _F, List[Optional[str]]]: ...
def cross_validation_many(
    y: _F,
    bounds: _I,
    models: str,
    h: int,
    n_windows: int,
    step_size: int,
    refit: int,
    levels: List[float],
    conformal_windows: int,
    fallback: Optional[str],
    threads: int,
) -> Tuple[_F, _F, _F, List[Optional[str]]]: ...
def model_spec(name: str, season_length: int) -> str: ...

class VrpProblem:
    @staticmethod
    def from_json(text: str) -> "VrpProblem": ...
    def to_json(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def num_clients(self) -> int: ...
    @property
    def num_depots(self) -> int: ...
    @property
    def num_vehicle_types(self) -> int: ...
    @property
    def num_vehicles(self) -> int: ...
    @property
    def dimensions(self) -> int: ...
    @property
    def num_locations(self) -> int: ...
    def distance_matrix(self) -> npt.NDArray[np.float64]: ...
    def duration_matrix(self) -> npt.NDArray[np.float64]: ...
    def unservable(self) -> List[Optional[str]]: ...

def vrp_read(text: str, format: Optional[str] = None) -> Tuple[VrpProblem, str]: ...
def vrp_build(
    name: str,
    depots: List[Tuple[str, float, float, float, float]],
    clients: List[Tuple[str, float, float, List[float], float, float, float, bool, float]],
    vehicle_types: List[Tuple[str, int, List[float], float, int, int, float, float, float, float, float, float]],
    distance: Optional[npt.NDArray[np.float64]],
    duration: Optional[npt.NDArray[np.float64]],
    rounding: str,
) -> VrpProblem: ...
def vrp_solve(
    problem: VrpProblem,
    time_limit: Optional[float],
    max_iterations: Optional[int],
    seed: int,
    threads: int,
    initial_routes: Optional[List[List[int]]],
    initial_vehicle_types: Optional[List[int]],
) -> Tuple[List[List[int]], List[int], float, bool, List[Tuple[int, str]], int, float]: ...
def vrp_check(problem: VrpProblem, routes: List[List[int]], vehicle_types: Optional[List[int]] = None) -> str: ...
