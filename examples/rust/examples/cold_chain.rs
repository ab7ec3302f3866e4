//! Mean kinetic temperature of several lots in one call, and what bad readings produce.
//!
//! `cargo run -p flowcast-examples --example cold_chain`

use flowcast_expiry::mkt::{MktParams, mean_kinetic_temperature, mkt_segments};

fn main() -> Result<(), flowcast_expiry::Error> {
    // Three lots' hourly logs, back to back; `bounds` says where each starts and ends.
    let mut temps = vec![5.0; 24]; // a steady fridge
    temps.extend([5.0; 20].iter().chain(&[12.0, 14.0, 13.0, 9.0])); // a door left open
    temps.extend([21.0, 23.0, 24.0, 22.0]); // room-temperature stock
    let bounds = [0, 24, 48, 52];
    let mut mkt = [0.0; 3];
    mkt_segments(&temps, None, &bounds, &MktParams::default(), &mut mkt)?;
    for (lot, value) in ["fridge", "door-open", "room"].iter().zip(mkt) {
        println!("{lot:<10} MKT {value:6.2} °C");
    }
    assert!(mkt[1] > mkt[0] && mkt[1] < 8.0);

    // A sensor glitch is reported with its position, not turned into a silent NaN.
    let err = mean_kinetic_temperature(&[5.0, f64::NAN], None, &MktParams::default()).unwrap_err();
    println!("bad log: {err}");
    Ok(())
}
