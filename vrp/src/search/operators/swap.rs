//! Swap: exchanges the string of one or two clients at `u` with the string of one or two
//! clients at `v` (lengths 1–1, 2–1 and 2–2; 1–2 is tried when the pair comes the other way).

use crate::search::local_search::LocalSearch;
use crate::search::pieces::{Piece, Plan};

/// Tries the string pairs at `(ru, i)` and `(rv, j)` (both clients).
pub(crate) fn strings(
    ls: &mut LocalSearch,
    (ru, i): (usize, usize),
    (rv, j): (usize, usize),
) -> bool {
    if j == 0 {
        return false;
    }
    let (k_u, k_v) = (ls.routes[ru].len(), ls.routes[rv].len());
    for (a, b) in [(1, 1), (2, 1), (2, 2)] {
        let (ul, vl) = (i + a - 1, j + b - 1);
        if ul > k_u || vl > k_v {
            continue;
        }
        let done = if ru != rv {
            let u_plan = Plan::new(
                ls.routes[ru].vehicle,
                &[
                    Piece::Prefix {
                        route: ru,
                        to: i - 1,
                    },
                    Piece::Range {
                        route: rv,
                        from: j,
                        to: vl,
                    },
                    Piece::Suffix {
                        route: ru,
                        from: ul + 1,
                    },
                ],
            );
            let v_plan = Plan::new(
                ls.routes[rv].vehicle,
                &[
                    Piece::Prefix {
                        route: rv,
                        to: j - 1,
                    },
                    Piece::Range {
                        route: ru,
                        from: i,
                        to: ul,
                    },
                    Piece::Suffix {
                        route: rv,
                        from: vl + 1,
                    },
                ],
            );
            ls.apply_if_better(&[(ru, u_plan), (rv, v_plan)])
        } else {
            // Same route: order the strings; they must not overlap.
            let ((p, pl), (q, ql)) = if i < j {
                ((i, ul), (j, vl))
            } else {
                ((j, vl), (i, ul))
            };
            if pl >= q {
                continue;
            }
            let plan = Plan::new(
                ls.routes[ru].vehicle,
                &[
                    Piece::Prefix {
                        route: ru,
                        to: p - 1,
                    },
                    Piece::Range {
                        route: ru,
                        from: q,
                        to: ql,
                    },
                    Piece::Range {
                        route: ru,
                        from: pl + 1,
                        to: q - 1,
                    },
                    Piece::Range {
                        route: ru,
                        from: p,
                        to: pl,
                    },
                    Piece::Suffix {
                        route: ru,
                        from: ql + 1,
                    },
                ],
            );
            ls.apply_if_better(&[(ru, plan)])
        };
        if done {
            return true;
        }
    }
    false
}
