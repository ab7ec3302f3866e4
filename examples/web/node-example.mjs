// flowcast in node: the CommonJS flavour needs no init. Run: node examples/web/node-example.mjs
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// In an app: require("flowcast/node"). Here: the local build.
const { eoq, safetyStock, meanKineticTemperature } = require("../../bindings-wasm/pkg/node/flowcast.js");

const { orderQuantity, cost } = eoq({ fixedCost: 8, holdingCost: 0.225, demandRate: 1300 });
const buffer = safetyStock({ demandMean: 120, demandSd: 60, leadTime: 5, leadTimeSd: 2, fillRate: 0.98, orderQuantity: 2000 });
const mkt = meanKineticTemperature([20, 2, 25], { weights: [2, 4, 1] });
console.log(`EOQ ${orderQuantity.toFixed(1)} (cost ${cost.toFixed(2)}/year), reorder at ${buffer.reorderPoint.toFixed(1)}, MKT ${mkt.toFixed(2)} °C`);

// Cold chain: excursions with a verdict, FEFO picks, perishable stock, a donation plan.
const { analyzeExcursions, fefoAllocate, optimizePerishableBaseStock, planWaste } = require("../../bindings-wasm/pkg/node/flowcast.js");
const log = analyzeExcursions([0, 60, 120, 180, 240], [5, 9.5, 11, 6, 5], { product: "refrigerated", budgets: [{ band: "(8, 25]", minutes: 4320 }] });
console.log(`excursions ${log.eventCount} (${log.minutesOutOfRange} min), verdict ${log.verdict.status}`);
const picks = fefoAllocate([{ lot: "A", expiryDay: 40, qty: 50 }, { lot: "B", expiryDay: 20, qty: 30 }], { qty: 60, shipDay: 0, minRemainingDays: 30 });
console.log(`FEFO picks ${JSON.stringify(picks.picks)}, shortfall ${picks.shortfall}`);
const best = optimizePerishableBaseStock({ lifetime: 2, demandMean: 10, issuing: "fifo", orderCost: 3, holdingCost: 1, shortageCost: 5, wastageCost: 7 });
console.log(`perishable: order up to ${best.baseStock}, waste ${(100 * best.metrics.wasteFraction).toFixed(1)} %`);
const plan = planWaste({ lots: [{ id: "L1", site: "S1", atRisk: 40, daysToExpiry: 4, disposalCostPerUnit: 0.5 }], destinations: [{ id: "bank", kind: "donation", capacity: 25, valuePerUnit: 0 }], legs: [{ from: "S1", to: "bank", km: 8 }] });
console.log(`donate ${plan.totals.unitsRescued}, waste ${plan.totals.unitsWasted}`);

// Forecasting: AutoETS and AutoTheta on a monthly series, CrostonSBA on a spare part.
const { forecast } = require("../../bindings-wasm/pkg/node/flowcast.js");
const monthly = Array.from({ length: 48 }, (_, t) => 200 + 2 * t + 40 * Math.sin((t % 12) / 12 * 2 * Math.PI));
const f = forecast(monthly, { h: 3, seasonLength: 12, models: ["auto_ets", "auto_theta"], level: [95] });
console.log(`AutoETS next month ${f.AutoETS[0].toFixed(1)} (95 %: ${f["AutoETS-lo-95"][0].toFixed(1)}–${f["AutoETS-hi-95"][0].toFixed(1)})`);
console.log(`CrostonSBA ${forecast([0, 3, 0, 0, 2, 0, 1], { h: 1, models: ["croston_sba"] }).CrostonSBA[0].toFixed(3)} a month`);

// Routing: a van round from the docs' JSON format (two vans, two load dimensions, time windows,
// an optional clinic), solved for half a second and checked by the independent checker.
const { solveVrp, checkVrp } = require("../../bindings-wasm/pkg/node/flowcast.js");
const problem = {
  format: "flowcast-vrp-problem",
  version: 1,
  name: "two-vans",
  depots: [{ name: "warehouse", x: 0, y: 0, twLate: 600 }],
  clients: [
    { name: "pharmacy-a", x: 30, y: 40, demand: [4, 1], service: 10, twEarly: 60, twLate: 120 },
    { name: "pharmacy-b", x: -20, y: 10, demand: [2, 0], service: 5 },
    { name: "clinic", x: 10, y: -50, demand: [1, 1], required: false, prize: 80 },
  ],
  vehicleTypes: [{ name: "van", count: 2, capacity: [10, 2], fixedCost: 50, unitDistanceCost: 1.2, unitDurationCost: 0.1, twLate: 480 }],
};
const routes = solveVrp(problem, { timeLimit: 0.5, seed: 1 });
const report = checkVrp(problem, routes);
console.log(`routes ${JSON.stringify(routes.routes)}: cost ${routes.cost.toFixed(2)}, checked ${report.feasible ? "feasible" : "INFEASIBLE"} at ${report.cost.toFixed(2)}`);
