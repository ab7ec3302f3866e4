// Type-checks the generated declarations the way a TypeScript user would call them
// (`tsc -p tests/tsconfig.json`); nothing here runs.
import init, {
  accelerationFactor,
  shelfLifeConsumed,
  analyzeExcursions,
  ExcursionTracker,
  fefoAllocate,
  projectWaste,
  planWaste,
  forecast,
  crossValidation,
  type ForecastOptions,
  type CrossValidationWindow,
  perishableBaseStock,
  optimizePerishableBaseStock,
  type PerishableMetrics,
  kineticSums,
  combineKineticSums,
  type ExcursionReport,
  type FefoAllocation,
  type WastePlan,
  eoq,
  safetyStock,
  cycleService,
  meanKineticTemperature,
  standardNormalLoss,
  lossFunction,
  newsvendor,
  rq,
  rqPoisson,
  ssPolicy,
  ssPowerApproximation,
  wagnerWhitin,
  finiteHorizon,
  guaranteedService,
  serialBaseStock,
  simulate,
  type EoqResult,
  type SimulationResult,
  type LotSizingResult,
  type RqResult,
  type SsResult,
  type SafetyStockResult,
  type FlowcastValidationError,
  type NumberOrArray,
  solveVrp,
  checkVrp,
  type VrpProblemJson,
  type VrpResult,
  type VrpCheckReport,
  type FlowcastVrpInputError,
} from "../pkg/web/flowcast.js";

export async function example(): Promise<number> {
  await init();
  const q: EoqResult = eoq({ fixedCost: 8, holdingCost: 0.225, demandRate: new Float64Array([1300, 2600]) });
  const s: SafetyStockResult = safetyStock({ demandMean: [10, 20], demandSd: 3, leadTime: 5, cycleServiceLevel: 0.95 });
  const c = cycleService({ safetyFactor: 1, leadTimeDemandSd: 100, orderQuantity: 500 });
  const g: NumberOrArray = standardNormalLoss(1.3);
  const mkt: number = meanKineticTemperature([20, 2, 25], { weights: [2, 4, 1] });
  const poisson = lossFunction({ distribution: "poisson", mean: 15, x: [18, 20], order: 2 });
  const discrete = lossFunction({ distribution: "discrete", pmf: { 1: 0.25, 4: 0.75 }, x: 3 });
  console.log(poisson.loss, discrete.complement);
  const nv = newsvendor({ holdingCost: 0.18, stockoutCost: 0.7, mean: 50, sd: 8, leadTime: 1 });
  const nvPmf = newsvendor({ holdingCost: 1, stockoutCost: 4, distribution: "discrete", pmf: { 1: 0.5, 2: 0.5 } });
  console.log(nv.baseStockLevel, nvPmf.cost);
  const policy: RqResult = rq({ holdingCost: 0.225, stockoutCost: 7.5, fixedCost: 8, demandMean: [1300, 2600], demandSd: 150, leadTime: 1 / 12, method: "eil" });
  const integer = rqPoisson({ holdingCost: 20, stockoutCost: 150, fixedCost: 100, demandMean: 1.5, leadTime: 2 });
  const periodic: SsResult = ssPolicy({ holdingCost: 1, stockoutCost: 4, fixedCost: 5, pmf: { 5: 0.5, 7: 0.5 } });
  const power = ssPowerApproximation({ holdingCost: 0.18, stockoutCost: 0.7, fixedCost: 2.5, demandMean: 50, demandSd: 8 });
  const lots: LotSizingResult = wagnerWhitin({ demand: [[90, 120, 80, 70]], holdingCost: 2, fixedCost: [[500]] });
  const dp = finiteHorizon({ periods: 5, holdingCost: 1, stockoutCost: 20, purchaseCost: 2, fixedCost: 50, demandMean: 100, demandSd: 20 });
  console.log(lots.cost, dp.totalCost, dp.levels);
  const gsm = guaranteedService({ stages: [{ holdingCost: 2, processingTime: 1, externalInboundCst: 1 }, { holdingCost: 7, processingTime: 1, demandSd: 1, externalOutboundCst: 1 }], edges: [[0, 1]] });
  const chain = serialBaseStock({ echelonHoldingCost: [3, 2, 2], leadTime: [1, 1, 2], stockoutCost: 37.12, demandMean: 5, demandSd: 1 });
  const run: SimulationResult = simulate({ periods: 10, stockoutCost: 8, demand: { distribution: "poisson", mean: 5 }, stages: [{ holdingCost: 1, leadTime: 2, baseStockLevel: 15 }], policy: { type: "sS", reorderPoint: 5, orderUpToLevel: 20 } });
  console.log(gsm.cost, chain.echelonBaseStock, run.inventoryLevel[0]);
  console.log(policy.orderQuantity, integer.cost, periodic.orderUpToLevel, power.reorderPoint);
  try {
    eoq({ fixedCost: -1, holdingCost: 1, demandRate: 1 });
  } catch (e) {
    const err = e as FlowcastValidationError;
    console.log(err.code, err.field, err.value, err.reason);
  }
  console.log(q.orderQuantity, s.reorderPoint, c.fillRate, g);
  const af: number | Float64Array = accelerationFactor(25, 5, { q10: 2 });
  const life = shelfLifeConsumed([5, 12], [240, 6], 5, 17520);
  const report: ExcursionReport = analyzeExcursions([0, 10, 20], [5, 9, 5], { product: "refrigerated", budgets: [{ band: "(8, 25]", minutes: 60 }] });
  const tracker = new ExcursionTracker({ minDuration: 15 });
  const signals = tracker.push(0, 9.5);
  const resumed = ExcursionTracker.fromState(tracker.state());
  const picks: FefoAllocation = fefoAllocate([{ lot: "A", expiryDay: 10, qty: 5 }], { qty: 3, shipDay: 0 });
  const projected = projectWaste([{ lot: "a", qty: 10, daysToExpiry: 2 }], { demandPerDay: [4, 4] });
  const plan: WastePlan = planWaste({ lots: [{ id: "a", site: "S", atRisk: 2, daysToExpiry: 2 }], legs: [] });
  const mktBuckets = combineKineticSums([kineticSums([5, 6]), kineticSums([7])]);
  console.log(af, life.remainingAtRef, report.verdict.status, signals.excursionStarted, resumed.readings);
  console.log(picks.picks[0].qty, projected[0].fate, plan.totals.co2eAvoidedKg, mktBuckets);
  const perishable: PerishableMetrics = perishableBaseStock({ lifetime: 3, orderUpTo: 10, demandMean: 4, issuing: "lifo" });
  const best = optimizePerishableBaseStock({ lifetime: 2, demandMean: 3, holdingCost: 1, shortageCost: 5, wastageCost: 7 });
  console.log(perishable.wasteFraction, best.baseStock);
  const options: ForecastOptions = { h: 3, seasonLength: 12, models: ["auto_ets", "croston_sba"], level: [95] };
  const out = forecast([1, 2, 3, 4, 5], options);
  console.log(out);
  const cv = crossValidation([1, 2, 3, 4, 5, 6, 7, 8], { h: 2, nWindows: 2, refit: false }) as CrossValidationWindow[];
  console.log(cv[0].cutoff, cv[0].actual);
  const problem: VrpProblemJson = {
    format: "flowcast-vrp-problem",
    version: 1,
    depots: [{ x: 0, y: 0, twLate: null }],
    clients: [{ x: 3, y: 4, demand: 2, twEarly: 10 }, { x: 6, y: 8, demand: [1] }],
    vehicleTypes: [{ count: 2, capacity: 5, fixedCost: 10 }],
  };
  const routed: VrpResult = solveVrp(problem, { timeLimit: 0.5, seed: 1 });
  const again = solveVrp({ vrplib: "NAME : t\n" }, { maxIterations: 100, timeLimit: null, initial: routed });
  const checked: VrpCheckReport = checkVrp(JSON.stringify(problem), [[0, 1]]);
  console.log(routed.routes[0][0], routed.vehicleTypes, again.unserved[0]?.reason, checked.violations[0]?.code);
  console.log(checkVrp({ solomon: "C101" }, { routes: [[0]], vehicleTypes: [0] }).routes[0].returnTime);
  try {
    solveVrp("NAME : broken");
  } catch (e) {
    const err = e as FlowcastVrpInputError;
    console.log(err.line, err.issues.map((i) => i.location));
  }
  return mkt;
}
