#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod error;
pub mod excursion;
mod fast_exp;
pub mod fefo;
pub mod kinetic_sums;
pub mod mkt;
pub mod perishable;
pub mod shelf_life;
pub mod waste;

pub use error::{Error, Result};
pub use mkt::{MktParams, MktSummary, mean_kinetic_temperature};
