//! Ordered crossover (OX) on giant tours: a random stretch of the first parent is kept in place
//! and the rest filled with the second parent's clients in its order, starting after the
//! stretch.

use flowcast_core::Rng;

/// The child of `a` and `b` (client sequences; they may differ in the optional clients they
/// hold), written into `child`: a stretch of `a`, then `b`'s other clients in `b`'s order from
/// the same cut.
pub(crate) fn ordered(
    a: &[usize],
    b: &[usize],
    rng: &mut Rng,
    seen: &mut Vec<bool>,
    child: &mut Vec<usize>,
) {
    let n = a.len();
    child.clear();
    if n < 2 || b.is_empty() {
        child.extend_from_slice(if n >= b.len() { a } else { b });
        return;
    }
    let start = rng.index(n);
    let mut end = rng.index(n);
    while end == start {
        end = rng.index(n);
    }
    let max = a.iter().chain(b).copied().max().unwrap_or(0);
    seen.clear();
    seen.resize(max + 1, false);
    let mut k = start;
    loop {
        child.push(a[k]);
        seen[a[k]] = true;
        if k == end {
            break;
        }
        k = (k + 1) % n;
    }
    let m = b.len();
    let from = (end + 1) % m;
    for t in 0..m {
        let c = b[(from + t) % m];
        if !seen[c] {
            seen[c] = true;
            child.push(c);
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
        // Different client sets: every client of b, and none twice.
        let short: Vec<usize> = a.iter().copied().filter(|c| c % 3 != 0).collect();
        for _ in 0..100 {
            ordered(&a, &short, &mut rng, &mut seen, &mut child);
            let mut sorted = child.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), child.len());
            assert!(short.iter().all(|c| child.contains(c)));
        }
    }
}
