//! The population of the hybrid genetic search (Vidal et al. 2012): feasible and infeasible
//! solutions kept apart, each ranked by a biased fitness that rewards both cost and distance to
//! the others, trimmed back to `MU` when it reaches `MU + LAMBDA` (clones first).

use flowcast_core::Rng;

use super::data::Data;
use super::individual::Individual;
use super::route::Penalties;

/// Population size after trimming.
pub(crate) const MU: usize = 25;
/// Offspring before trimming.
pub(crate) const LAMBDA: usize = 40;
/// Best solutions protected by the fitness bias.
const ELITE: usize = 4;
/// Closest neighbours averaged in the diversity contribution.
const CLOSE: usize = 5;

#[derive(Debug, Default)]
struct SubPopulation {
    members: Vec<Individual>,
    /// Broken-pairs distances between members.
    dist: Vec<Vec<f64>>,
}

impl SubPopulation {
    fn add(&mut self, ind: Individual, data: &Data) {
        let row: Vec<f64> = self
            .members
            .iter()
            .map(|m| m.distance(&ind, data))
            .collect();
        for (r, &d) in self.dist.iter_mut().zip(&row) {
            r.push(d);
        }
        let mut own = row;
        own.push(0.0);
        self.dist.push(own);
        self.members.push(ind);
    }

    fn remove(&mut self, k: usize) {
        self.members.swap_remove(k);
        self.dist.swap_remove(k);
        for r in &mut self.dist {
            r.swap_remove(k);
        }
    }

    /// Biased fitness of every member (lower is better).
    fn fitness(&self, pen: Penalties) -> Vec<f64> {
        let n = self.members.len();
        if n <= 1 {
            return vec![0.0; n];
        }
        let mut by_cost: Vec<usize> = (0..n).collect();
        by_cost.sort_by(|&a, &b| {
            self.members[a]
                .penalised(pen)
                .total_cmp(&self.members[b].penalised(pen))
        });
        let diversity: Vec<f64> = (0..n)
            .map(|i| {
                let mut d: Vec<f64> = (0..n)
                    .filter(|&j| j != i)
                    .map(|j| self.dist[i][j])
                    .collect();
                let k = CLOSE.min(d.len());
                d.select_nth_unstable_by(k - 1, f64::total_cmp);
                d[..k].iter().sum::<f64>() / k as f64
            })
            .collect();
        let mut by_div: Vec<usize> = (0..n).collect();
        by_div.sort_by(|&a, &b| diversity[b].total_cmp(&diversity[a]));
        let mut div_rank = vec![0.0; n];
        for (r, &i) in by_div.iter().enumerate() {
            div_rank[i] = r as f64 / (n - 1) as f64;
        }
        let weight = 1.0 - ELITE as f64 / n as f64;
        let mut fit = vec![0.0; n];
        for (r, &i) in by_cost.iter().enumerate() {
            fit[i] = r as f64 / (n - 1) as f64 + weight * div_rank[i];
        }
        fit
    }

    /// Removes members until `MU` remain: clones first, then the worst biased fitness.
    fn trim(&mut self, pen: Penalties) {
        while self.members.len() > MU {
            let n = self.members.len();
            let clone = (0..n).find(|&i| (0..n).any(|j| j != i && self.dist[i][j] < 1e-9));
            let k = clone.unwrap_or_else(|| {
                let fit = self.fitness(pen);
                (0..n)
                    .max_by(|&a, &b| fit[a].total_cmp(&fit[b]))
                    .unwrap_or(0)
            });
            self.remove(k);
        }
    }
}

/// Feasible and infeasible subpopulations and the best feasible solution seen.
#[derive(Debug, Default)]
pub(crate) struct Population {
    feasible: SubPopulation,
    infeasible: SubPopulation,
    /// Best feasible solution by cost.
    pub best: Option<Individual>,
    /// Best infeasible solution by penalised cost (reported when nothing feasible is found).
    pub best_infeasible: Option<(f64, Individual)>,
}

impl Population {
    /// Adds a solution; returns whether it is a new best feasible one.
    pub(crate) fn add(&mut self, ind: Individual, data: &Data, pen: Penalties) -> bool {
        let feasible = ind.is_feasible();
        let mut improved = false;
        if feasible {
            if self.best.as_ref().is_none_or(|b| ind.cost < b.cost - 1e-9) {
                self.best = Some(ind.clone());
                improved = true;
            }
        } else {
            let p = ind.penalised(Penalties {
                load: 1e6,
                time: 1e6,
            });
            if self.best_infeasible.as_ref().is_none_or(|b| p < b.0) {
                self.best_infeasible = Some((p, ind.clone()));
            }
        }
        let sub = if feasible {
            &mut self.feasible
        } else {
            &mut self.infeasible
        };
        sub.add(ind, data);
        if sub.members.len() >= MU + LAMBDA {
            sub.trim(pen);
        }
        improved
    }

    pub(crate) fn len(&self) -> usize {
        self.feasible.members.len() + self.infeasible.members.len()
    }

    /// Two parents, each by binary tournament on biased fitness over both subpopulations (the
    /// fitness is computed once for both).
    pub(crate) fn select_pair(&self, rng: &mut Rng, pen: Penalties) -> (&Individual, &Individual) {
        let ff = self.feasible.fitness(pen);
        let fi = self.infeasible.fitness(pen);
        let n = ff.len() + fi.len();
        let pick = |k: usize| -> (f64, &Individual) {
            if k < ff.len() {
                (ff[k], &self.feasible.members[k])
            } else {
                (fi[k - ff.len()], &self.infeasible.members[k - ff.len()])
            }
        };
        let mut tournament = || {
            let (a, b) = (pick(rng.index(n)), pick(rng.index(n)));
            if a.0 <= b.0 { a.1 } else { b.1 }
        };
        let first = tournament();
        (first, tournament())
    }

    /// Empties both subpopulations (the bests are kept).
    pub(crate) fn restart(&mut self) {
        self.feasible = SubPopulation::default();
        self.infeasible = SubPopulation::default();
    }
}
