#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod error;
pub mod forecast;
pub mod metrics;
pub mod models;
pub mod series;

pub use error::{Error, Result};
pub use forecast::{Band, Forecast};
