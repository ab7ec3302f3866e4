//! 2-opt within a route (reverse the stretch between `u` and `v`) and 2-opt* between routes
//! (exchange the tails after `u` and after `v`, or join `u`'s head to `v`'s reversed head).

use crate::search::local_search::LocalSearch;
use crate::search::pieces::{Piece, Plan};

/// Tries the 2-opt variant that fits: within a route or between two.
pub(crate) fn run(ls: &mut LocalSearch, u: (usize, usize), v: (usize, usize)) -> bool {
    if u.0 == v.0 {
        intra(ls, u, v)
    } else {
        inter(ls, u, v)
    }
}

/// Reverses the clients strictly after the earlier of `i`, `j` up to the later one.
fn intra(ls: &mut LocalSearch, (r, i): (usize, usize), (_, j): (usize, usize)) -> bool {
    let (a, b) = if i < j { (i, j) } else { (j, i) };
    if b <= a + 1 {
        return false;
    }
    let plan = Plan::new(
        ls.routes[r].vehicle,
        &[
            Piece::Prefix { route: r, to: a },
            Piece::Rev {
                route: r,
                from: a + 1,
                to: b,
            },
            Piece::Suffix {
                route: r,
                from: b + 1,
            },
        ],
    );
    ls.apply_if_better(&[(r, plan)])
}

/// 2-opt* between routes `ru` and `rv` cut after positions `i` and `j` (0: at the depot).
pub(crate) fn inter(
    ls: &mut LocalSearch,
    (ru, i): (usize, usize),
    (rv, j): (usize, usize),
) -> bool {
    let (vu, vv) = (ls.routes[ru].vehicle, ls.routes[rv].vehicle);
    // u → (v's tail), v → (u's tail).
    let tails = [
        (
            ru,
            Plan::new(
                vu,
                &[
                    Piece::Prefix { route: ru, to: i },
                    Piece::Suffix {
                        route: rv,
                        from: j + 1,
                    },
                ],
            ),
        ),
        (
            rv,
            Plan::new(
                vv,
                &[
                    Piece::Prefix { route: rv, to: j },
                    Piece::Suffix {
                        route: ru,
                        from: i + 1,
                    },
                ],
            ),
        ),
    ];
    if ls.apply_if_better(&tails) {
        return true;
    }
    // u → (v's head reversed), (u's tail reversed) → v's tail.
    let k_u = ls.routes[ru].len();
    let heads = [
        (
            ru,
            Plan::new(
                vu,
                &[
                    Piece::Prefix { route: ru, to: i },
                    Piece::Rev {
                        route: rv,
                        from: 1,
                        to: j,
                    },
                ],
            ),
        ),
        (
            rv,
            Plan::new(
                vv,
                &[
                    Piece::Prefix { route: rv, to: 0 },
                    Piece::Rev {
                        route: ru,
                        from: i + 1,
                        to: k_u,
                    },
                    Piece::Suffix {
                        route: rv,
                        from: j + 1,
                    },
                ],
            ),
        ),
    ];
    ls.apply_if_better(&heads)
}
