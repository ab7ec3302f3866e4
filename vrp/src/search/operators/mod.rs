//! Local-search operators, one per file. Each tries its variants for a pair of positions and
//! applies the first that improves the penalised cost.

pub(crate) mod relocate;
pub(crate) mod swap;
pub(crate) mod swap_star;
pub(crate) mod two_opt;
