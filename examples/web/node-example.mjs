// flowcast in node: the CommonJS flavour needs no init. Run: node examples/web/node-example.mjs
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// In an app: require("flowcast/node"). Here: the local build.
const { eoq, safetyStock, meanKineticTemperature } = require("../../bindings-wasm/pkg/node/flowcast.js");

const { orderQuantity, cost } = eoq({ fixedCost: 8, holdingCost: 0.225, demandRate: 1300 });
const buffer = safetyStock({ demandMean: 120, demandSd: 60, leadTime: 5, leadTimeSd: 2, fillRate: 0.98, orderQuantity: 2000 });
const mkt = meanKineticTemperature([20, 2, 25], { weights: [2, 4, 1] });
console.log(`EOQ ${orderQuantity.toFixed(1)} (cost ${cost.toFixed(2)}/year), reorder at ${buffer.reorderPoint.toFixed(1)}, MKT ${mkt.toFixed(2)} °C`);
