// Plans order quantities and reorder points as the user types, entirely in the browser.
import init, { eoq, safetyStock, ExcursionTracker } from "flowcast";

await init();

function plan() {
  const demand = Float64Array.from(document.querySelector("#demand").value.split(",").map(Number));
  const error = document.querySelector("#error");
  const body = document.querySelector("#plan");
  try {
    const { orderQuantity } = eoq({ fixedCost: 45, holdingCost: 2.5, demandRate: demand.map((d) => d * 365) });
    const { safetyStock: ss, reorderPoint } = safetyStock({
      demandMean: demand, demandSd: demand.map(Math.sqrt), leadTime: 3, leadTimeSd: 1,
      cycleServiceLevel: Number(document.querySelector("#csl").value),
    });
    body.innerHTML = Array.from(demand, (_, i) =>
      `<tr><td>${i + 1}</td><td>${orderQuantity[i].toFixed(1)}</td><td>${ss[i].toFixed(1)}</td><td>${reorderPoint[i].toFixed(1)}</td></tr>`).join("");
    error.textContent = "";
  } catch (e) {
    body.innerHTML = "";
    error.textContent = `${e.name}: ${e.message}`; // e.g. demand_rate[2] = NaN: must be a finite number
  }
}

// Readings pushed one by one into a streaming tracker (2–8 °C, 72 h budget above 8 °C).
function check() {
  const out = document.querySelector("#verdict");
  try {
    const tracker = new ExcursionTracker({ product: "refrigerated", budgets: [{ band: "(8, 25]", minutes: 4320 }] });
    const readings = document.querySelector("#log").value.split(",").map(Number);
    const alerts = readings.filter((temp, hour) => tracker.push(hour * 60, temp).excursionStarted).length;
    const r = tracker.report();
    out.textContent = `${alerts} alert(s), ${r.minutesOutOfRange} min out of range, MKT ${r.mktC.toFixed(2)} °C: ${r.verdict.status}`;
  } catch (e) {
    out.textContent = `${e.name}: ${e.message}`;
  }
}

document.querySelector("#go").addEventListener("click", plan);
document.querySelector("#check").addEventListener("click", check);
plan();
check();
document.body.dataset.ready = "true";
