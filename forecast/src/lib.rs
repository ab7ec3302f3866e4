#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod batch;
pub mod error;
pub mod evaluate;
pub mod forecast;
pub mod metrics;
pub mod model;
pub mod models;
pub mod series;

pub use error::{Error, Result};
pub use forecast::{Band, Forecast};
