"""Expiry and cold-chain analytics: mean kinetic temperature (one record, many, rolling,
composable bucket sums), Arrhenius and Q10 shelf life, excursion detection with verdicts (batch
and streaming), FEFO allocation, perishable inventory and waste/donation planning.

>>> import flowcast.expiry as ex
>>> round(ex.mean_kinetic_temperature([20, 2, 25], weights=[2, 4, 1]), 4)
15.6776
"""

from flowcast.expiry._excursions import ExcursionTracker, analyze_excursions, analyze_excursions_by, excursion_rules
from flowcast.expiry._fefo import fefo_allocate, fefo_allocate_orders
from flowcast.expiry._mkt import (
    DELTA_H,
    GAS_CONSTANT,
    combine_kinetic_sums,
    kinetic_sums,
    mean_kinetic_temperature,
    mean_kinetic_temperature_by,
    rolling_mean_kinetic_temperature,
)
from flowcast.expiry._perishable import (
    gamma_demand_pmf,
    optimize_perishable_base_stock,
    perishable_base_stock,
    perishable_optimal_policy,
    simulate_perishable,
)
from flowcast.expiry._shelf_life import acceleration_factor, q10_from_arrhenius, shelf_life_consumed
from flowcast.expiry._waste import DEFAULT_CO2E_PER_KG, plan_waste, project_waste

__all__ = [
    "DELTA_H",
    "GAS_CONSTANT",
    "DEFAULT_CO2E_PER_KG",
    "mean_kinetic_temperature",
    "mean_kinetic_temperature_by",
    "rolling_mean_kinetic_temperature",
    "kinetic_sums",
    "combine_kinetic_sums",
    "acceleration_factor",
    "q10_from_arrhenius",
    "shelf_life_consumed",
    "excursion_rules",
    "analyze_excursions",
    "analyze_excursions_by",
    "ExcursionTracker",
    "fefo_allocate",
    "fefo_allocate_orders",
    "project_waste",
    "plan_waste",
    "perishable_base_stock",
    "simulate_perishable",
    "optimize_perishable_base_stock",
    "perishable_optimal_policy",
    "gamma_demand_pmf",
]
