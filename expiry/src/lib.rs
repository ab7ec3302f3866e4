#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod error;
pub mod mkt;

pub use error::{Error, Result};
pub use mkt::{MktParams, MktSummary, mean_kinetic_temperature};
