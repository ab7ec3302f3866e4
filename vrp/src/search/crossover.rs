//! Ordered crossover (OX) on giant tours: a random stretch of the first parent is kept in place
//! and the rest filled with the second parent's clients in its order, starting after the
//! stretch.

use flowcast_core::Rng;

/// The child of `a` and `b` (permutations of the same clients), written into `child`.
pub(crate) fn ordered(
    a: &[usize],
    b: &[usize],
    rng: &mut Rng,
    seen: &mut Vec<bool>,
    child: &mut Vec<usize>,
) {
    let n = a.len();
    child.clear();
    if n < 2 {
        child.extend_from_slice(a);
        return;
    }
    let start = rng.index(n);
    let mut end = rng.index(n);
    while end == start {
        end = rng.index(n);
    }
    child.resize(n, usize::MAX);
    let max = a.iter().copied().max().unwrap_or(0);
    seen.clear();
    seen.resize(max + 1, false);
    let mut k = start;
    while k != (end + 1) % n {
        child[k] = a[k];
        seen[a[k]] = true;
        k = (k + 1) % n;
    }
    let mut write = (end + 1) % n;
    for t in 0..n {
        let c = b[(end + 1 + t) % n];
        if !seen[c] {
            child[write] = c;
            write = (write + 1) % n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_are_permutations() {
        let mut rng = Rng::seed_from(3);
        let a: Vec<usize> = (10..30).collect();
        let mut b = a.clone();
        rng.shuffle(&mut b);
        let (mut seen, mut child) = (Vec::new(), Vec::new());
        for _ in 0..100 {
            ordered(&a, &b, &mut rng, &mut seen, &mut child);
            let mut sorted = child.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, a);
        }
    }
}
