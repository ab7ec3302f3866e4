//! Relocate (or-opt): moves the string of one or two clients starting at `u` (the pair also
//! reversed) to right after position `j` of a route (`j = 0`: first in the route).

use crate::search::local_search::LocalSearch;
use crate::search::pieces::{Piece, Plan};

/// Tries the string lengths 1 and 2 (and 2 reversed) at `(ru, i)` after `(rv, j)`.
pub(crate) fn after(
    ls: &mut LocalSearch,
    (ru, i): (usize, usize),
    (rv, j): (usize, usize),
) -> bool {
    let k_u = ls.routes[ru].len();
    for (len, reversed) in [(1, false), (2, false), (2, true)] {
        let last = i + len - 1;
        if last > k_u {
            break;
        }
        let string = if reversed {
            Piece::Rev {
                route: ru,
                from: i,
                to: last,
            }
        } else {
            Piece::Range {
                route: ru,
                from: i,
                to: last,
            }
        };
        let done = if ru != rv {
            let u_plan = Plan::new(
                ls.routes[ru].vehicle,
                &[
                    Piece::Prefix {
                        route: ru,
                        to: i - 1,
                    },
                    Piece::Suffix {
                        route: ru,
                        from: last + 1,
                    },
                ],
            );
            let v_plan = Plan::new(
                ls.routes[rv].vehicle,
                &[
                    Piece::Prefix { route: rv, to: j },
                    string,
                    Piece::Suffix {
                        route: rv,
                        from: j + 1,
                    },
                ],
            );
            ls.apply_if_better(&[(ru, u_plan), (rv, v_plan)])
        } else {
            if j + 1 >= i && j <= last {
                // Already there (or inside the string).
                if !(reversed && j + 1 == i) {
                    continue;
                }
            }
            let plan = if j < i {
                Plan::new(
                    ls.routes[ru].vehicle,
                    &[
                        Piece::Prefix { route: ru, to: j },
                        string,
                        Piece::Range {
                            route: ru,
                            from: j + 1,
                            to: i - 1,
                        },
                        Piece::Suffix {
                            route: ru,
                            from: last + 1,
                        },
                    ],
                )
            } else {
                Plan::new(
                    ls.routes[ru].vehicle,
                    &[
                        Piece::Prefix {
                            route: ru,
                            to: i - 1,
                        },
                        Piece::Range {
                            route: ru,
                            from: last + 1,
                            to: j,
                        },
                        string,
                        Piece::Suffix {
                            route: ru,
                            from: j + 1,
                        },
                    ],
                )
            };
            ls.apply_if_better(&[(ru, plan)])
        };
        if done {
            return true;
        }
    }
    false
}
