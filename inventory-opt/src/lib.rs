#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub mod batch;
pub mod distribution;
pub mod eoq;
pub mod error;
pub mod finite_horizon;
pub mod grid;
pub mod gsm;
pub mod loss;
pub mod newsvendor;
pub mod quantile_buffer;
pub mod rq;
pub mod safety_stock;
pub mod sim;
pub mod ss;
pub mod ssm;
pub mod supply;
pub mod wagner_whitin;

pub use distribution::{Distribution, Pmf};
pub use eoq::{Eoq, EoqColumns, EoqInput};
pub use error::{Error, Result};
pub use newsvendor::{Myopic, Newsvendor, NewsvendorExplicit, NewsvendorResult};
pub use safety_stock::{
    CycleService, CycleServiceColumns, LeadTimeDemand, SafetyStock, SafetyStockColumns,
    SafetyStockVecs, ServiceTarget, cycle_service, cycle_service_into,
};
