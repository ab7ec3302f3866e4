//! Solutions: routes of client indices, one vehicle type each.

use serde::{Deserialize, Serialize};

/// One vehicle's route: the clients it visits, in order, between its depots.
///
/// Serialised with camelCase keys: `{"vehicleType": 0, "visits": [3, 1, 2]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Route {
    /// Index into [`crate::Problem::vehicle_types`].
    pub vehicle_type: usize,
    /// Client indices (0-based indices into [`crate::Problem::clients`], *not* locations), in
    /// visiting order; the depots are implied.
    pub visits: Vec<usize>,
}

impl Route {
    /// A route of `vehicle_type` through `visits`.
    pub fn new(vehicle_type: usize, visits: Vec<usize>) -> Self {
        Self {
            vehicle_type,
            visits,
        }
    }

    /// Whether it visits no client (such a route is ignored: no cost, no vehicle used).
    pub fn is_empty(&self) -> bool {
        self.visits.is_empty()
    }
}

/// A set of routes. Empty routes are allowed and ignored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Solution {
    /// The routes, in any order.
    pub routes: Vec<Route>,
}

impl Solution {
    /// A solution from its routes.
    pub fn new(routes: Vec<Route>) -> Self {
        Self { routes }
    }

    /// The routes that visit at least one client.
    pub fn non_empty_routes(&self) -> impl Iterator<Item = &Route> {
        self.routes.iter().filter(|r| !r.is_empty())
    }

    /// The number of routes that visit at least one client (vehicles used).
    pub fn num_vehicles(&self) -> usize {
        self.non_empty_routes().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_uses_camel_case() {
        let s = Solution::new(vec![Route::new(1, vec![2, 0]), Route::default()]);
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(
            text,
            r#"{"routes":[{"vehicleType":1,"visits":[2,0]},{"vehicleType":0,"visits":[]}]}"#
        );
        assert_eq!(serde_json::from_str::<Solution>(&text).unwrap(), s);
        assert_eq!(s.num_vehicles(), 1);
    }
}
