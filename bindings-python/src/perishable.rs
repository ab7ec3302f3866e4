//! `flowcast.expiry` perishable-inventory kernels: a model object built once, then evaluated,
//! simulated, optimised or solved for its optimal policy. Results cross as JSON (metrics) or
//! numpy arrays (policies).

use flowcast_expiry::perishable::{
    Costs, DemandPmf, Issuing, PerishableSystem, SimOptions, ValueIterationOptions,
};
use numpy::PyArray1;
use pyo3::prelude::*;

use crate::arrays::to_numpy;
use crate::errors::{Failure, compute, raise};

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PerishableModel>()?;
    m.add_function(wrap_pyfunction!(gamma_demand_pmf, m)?)?;
    Ok(())
}

fn json(value: &impl serde::Serialize) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure::Other(e.to_string()))
}

/// A fixed-lifetime perishable system (the Python package wraps it).
#[pyclass(module = "flowcast._flowcast")]
struct PerishableModel {
    system: PerishableSystem,
}

#[pymethods]
impl PerishableModel {
    #[new]
    #[pyo3(signature = (lifetime, lead_time, issuing, poisson_mean, pmf, costs, price, max_order))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        lifetime: u32,
        lead_time: u32,
        issuing: &str,
        poisson_mean: Option<f64>,
        pmf: Option<Vec<f64>>,
        costs: [f64; 4],
        price: Option<f64>,
        max_order: Option<i64>,
    ) -> PyResult<Self> {
        let issuing = match issuing {
            "fifo" => Issuing::Fifo,
            "lifo" => Issuing::Lifo,
            other => {
                return Err(raise(
                    py,
                    flowcast_core::ValidationError::new(
                        flowcast_core::ErrorCode::WrongType,
                        "issuing",
                        format!("{other:?}"),
                        "must be \"fifo\" or \"lifo\"",
                    ),
                ));
            }
        };
        let system = compute(py, || {
            let demand = match (poisson_mean, pmf) {
                (Some(mean), None) => DemandPmf::poisson(mean)?,
                (None, Some(p)) => DemandPmf::new(p)?,
                _ => {
                    return Err(Failure::Invalid(flowcast_core::ValidationError::new(
                        flowcast_core::ErrorCode::WrongType,
                        "demand_mean",
                        "both or neither",
                        "give demand_mean (Poisson) or demand_pmf, not both",
                    )));
                }
            };
            let [order, holding, shortage, wastage] = costs;
            let mut system = PerishableSystem::new(lifetime, lead_time, demand, issuing)
                .with_costs(Costs {
                    order,
                    holding,
                    shortage,
                    wastage,
                    price,
                });
            if let Some(q) = max_order {
                system = system.with_max_order(q);
            }
            Ok(system)
        })?;
        Ok(Self { system })
    }

    /// Exact stationary metrics of base stock `order_up_to`, as JSON.
    fn evaluate(&self, py: Python<'_>, order_up_to: i64) -> PyResult<String> {
        let system = &self.system;
        compute(py, || json(&system.evaluate(order_up_to)?))
    }

    /// Simulated metrics with standard errors, as JSON.
    fn simulate(
        &self,
        py: Python<'_>,
        order_up_to: i64,
        periods: usize,
        warm_up: usize,
        seed: u64,
        batches: usize,
    ) -> PyResult<String> {
        let system = &self.system;
        let options = SimOptions {
            periods,
            warm_up,
            seed,
            batches,
        };
        compute(py, || json(&system.simulate(order_up_to, &options)?))
    }

    /// The cost-minimising base stock (within `[lo, hi]` when given), as JSON.
    #[pyo3(signature = (lo=None, hi=None))]
    fn optimize(&self, py: Python<'_>, lo: Option<i64>, hi: Option<i64>) -> PyResult<String> {
        let system = &self.system;
        let range = lo.zip(hi).map(|(a, b)| a..=b);
        compute(py, || json(&system.optimize_base_stock(range)?))
    }

    /// Optimal orders per state by value iteration: (orders, values, average_reward,
    /// iterations, converged, radix, dimensions).
    #[allow(clippy::type_complexity)]
    fn policy<'py>(
        &self,
        py: Python<'py>,
        discount: f64,
        tolerance: f64,
        max_iterations: usize,
    ) -> PyResult<(
        Bound<'py, PyArray1<f64>>,
        Bound<'py, PyArray1<f64>>,
        Option<f64>,
        usize,
        bool,
        usize,
        usize,
    )> {
        let system = &self.system;
        let options = ValueIterationOptions {
            discount,
            tolerance,
            max_iterations,
        };
        let p = compute(py, || Ok(system.optimal_policy(&options)?))?;
        let dims = (p.lifetime - 1) as usize + p.lead_time as usize;
        let orders: Vec<f64> = p.orders.iter().map(|&q| f64::from(q)).collect();
        Ok((
            to_numpy(py, orders),
            to_numpy(py, p.values),
            p.average_reward,
            p.iterations,
            p.converged,
            p.max_order as usize + 1,
            dims,
        ))
    }
}

/// Gamma demand (mean, coefficient of variation) rounded to whole units, as viso_jax and De Moor
/// et al. discretise it.
#[pyfunction]
fn gamma_demand_pmf(
    py: Python<'_>,
    mean: f64,
    cov: f64,
    max_demand: u32,
) -> PyResult<Bound<'_, PyArray1<f64>>> {
    let pmf = compute(py, || Ok(DemandPmf::gamma_rounded(mean, cov, max_demand)?))?;
    Ok(to_numpy(py, pmf.probabilities().to_vec()))
}
