//! Every FEFO case of `../shared/data/inventory/perishable_vectors_dev.json`.

use flowcast_expiry::fefo::{Lot, Order, fefo_allocate};
use flowcast_testkit::{load_json, num};

#[test]
fn every_fefo_case() {
    let data = load_json("inventory/perishable_vectors_dev.json");
    let cases = data["fefo"].as_array().unwrap();
    assert_eq!(cases.len(), 13);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let inp = &case["inputs"];
        let lots: Vec<Lot> = inp["lots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| Lot {
                id: l["lot"].as_str().unwrap().to_owned(),
                expiry_day: l["expiry_day"].as_i64().unwrap(),
                qty: num(l, "qty"),
            })
            .collect();
        let order = Order {
            qty: num(inp, "qty"),
            ship_day: inp["ship_day"].as_i64().unwrap(),
            min_remaining_days: inp["min_remaining_days"].as_i64().unwrap(),
        };
        let got = fefo_allocate(&lots, &order).unwrap();
        let exp = &case["expected"];
        let picks: Vec<(String, f64)> = got
            .picks
            .iter()
            .map(|p| (lots[p.lot].id.clone(), p.qty))
            .collect();
        let want: Vec<(String, f64)> = exp["picks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["lot"].as_str().unwrap().to_owned(), num(p, "qty")))
            .collect();
        assert_eq!(picks, want, "{id}");
        assert_eq!(got.shortfall, num(exp, "shortfall"), "{id}");
        let ineligible: Vec<&str> = got
            .ineligible
            .iter()
            .map(|i| lots[i.lot].id.as_str())
            .collect();
        let want: Vec<&str> = exp["ineligible_lots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(ineligible, want, "{id}");
    }
}
