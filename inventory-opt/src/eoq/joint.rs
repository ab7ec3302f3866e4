//! Joint replenishment: products share a fixed cost K each time any is ordered and carry their
//! own k_n; product n is ordered every m_n base cycles of length T. Silver's (1976) heuristic
//! (Snyder & Shen §3.6): the product with the smallest k_n/(h_nλ_n) is ordered every cycle;
//! m_n = round(√(k_n/(h_nλ_n) · h_*λ_*/(K + k_*))) (at least 1, ties to even as published);
//! T = √(2(K + Σk_n/m_n)/Σh_n m_n λ_n).

use flowcast_core::check;

use crate::error::Result;

/// A joint replenishment problem.
#[derive(Debug, Clone, PartialEq)]
pub struct JointReplenishment {
    /// Fixed cost per order of any product K, ≥ 0.
    pub shared_fixed_cost: f64,
    /// Extra fixed cost per order of product n, k_n ≥ 0.
    pub individual_fixed_costs: Vec<f64>,
    /// Holding cost per unit per unit time h_n, > 0.
    pub holding_costs: Vec<f64>,
    /// Demand per unit time λ_n, > 0.
    pub demand_rates: Vec<f64>,
}

/// A joint replenishment policy.
#[derive(Debug, Clone, PartialEq)]
pub struct JointPolicy {
    /// Order quantity of each product, T·m_n·λ_n.
    pub order_quantities: Vec<f64>,
    /// Base cycle length T.
    pub base_cycle_time: f64,
    /// Cycles between orders of each product, m_n.
    pub order_multiples: Vec<u64>,
    /// Fixed + holding cost per unit time.
    pub cost: f64,
}

impl JointReplenishment {
    /// Silver's heuristic policy.
    ///
    /// ```
    /// use flowcast_inventory::eoq::JointReplenishment;
    /// let p = JointReplenishment { shared_fixed_cost: 600.0, individual_fixed_costs: vec![120.0, 840.0, 300.0],
    ///     holding_costs: vec![160.0, 20.0, 50.0], demand_rates: vec![1.0, 1.0, 1.0] }.silver_heuristic()?;
    /// assert_eq!(p.order_multiples, vec![1, 3, 1]);
    /// assert!((p.cost - 837.854_402_626_136_6).abs() < 1e-9);
    /// # Ok::<(), flowcast_inventory::Error>(())
    /// ```
    ///
    /// # Errors
    /// No products, lists of different lengths, negative fixed costs, non-positive holding
    /// costs or demand rates.
    pub fn silver_heuristic(&self) -> Result<JointPolicy> {
        let big_k = check::non_negative("shared_fixed_cost", self.shared_fixed_cost)?;
        let (k, h, d) = (
            &self.individual_fixed_costs,
            &self.holding_costs,
            &self.demand_rates,
        );
        check::non_empty("individual_fixed_costs", k.len())?;
        check::same_len("holding_costs", h.len(), "individual_fixed_costs", k.len())?;
        check::same_len("demand_rates", d.len(), "individual_fixed_costs", k.len())?;
        for n in 0..k.len() {
            check::non_negative("individual_fixed_costs", k[n]).map_err(|e| e.at(n))?;
            check::positive("holding_costs", h[n]).map_err(|e| e.at(n))?;
            check::positive("demand_rates", d[n]).map_err(|e| e.at(n))?;
        }
        let ratio: Vec<f64> = (0..k.len()).map(|n| k[n] / (h[n] * d[n])).collect();
        let star =
            (0..ratio.len()).fold(0, |best, n| if ratio[n] < ratio[best] { n } else { best });
        let scale = h[star] * d[star] / (big_k + k[star]);
        let multiples: Vec<u64> = (0..k.len())
            .map(|n| {
                if n == star {
                    1
                } else {
                    ((ratio[n] * scale).sqrt().round_ties_even() as u64).max(1)
                }
            })
            .collect();
        let fixed: f64 = big_k
            + (0..k.len())
                .map(|n| k[n] / multiples[n] as f64)
                .sum::<f64>();
        let holding: f64 = (0..k.len())
            .map(|n| h[n] * multiples[n] as f64 * d[n])
            .sum();
        let t = (2.0 * fixed / holding).sqrt();
        let cost = check::finite_result("cost", fixed / t + t / 2.0 * holding)?;
        Ok(JointPolicy {
            order_quantities: (0..k.len())
                .map(|n| t * multiples[n] as f64 * d[n])
                .collect(),
            base_cycle_time: t,
            order_multiples: multiples,
            cost,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_product_is_its_eoq() {
        let p = JointReplenishment {
            shared_fixed_cost: 5.0,
            individual_fixed_costs: vec![3.0],
            holding_costs: vec![0.225],
            demand_rates: vec![1300.0],
        }
        .silver_heuristic()
        .unwrap();
        let eoq = crate::EoqInput {
            fixed_cost: 8.0,
            holding_cost: 0.225,
            demand_rate: 1300.0,
        }
        .optimal()
        .unwrap();
        assert!((p.order_quantities[0] - eoq.order_quantity).abs() < 1e-9);
        assert!((p.cost - eoq.cost).abs() < 1e-9);
    }

    #[test]
    fn bad_lists_are_named() {
        let bad = JointReplenishment {
            shared_fixed_cost: 5.0,
            individual_fixed_costs: vec![3.0, 1.0],
            holding_costs: vec![0.2, 0.0],
            demand_rates: vec![10.0, 10.0],
        };
        assert!(
            bad.silver_heuristic()
                .unwrap_err()
                .to_string()
                .starts_with("holding_costs[1] = 0")
        );
    }
}
