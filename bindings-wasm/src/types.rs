//! TypeScript declarations for the option and result objects.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A number, or one number per SKU / reading. */
export type Numeric = number | number[] | Float64Array;
/** A number when every input was a number, else one value per row. */
export type NumberOrArray = number | Float64Array;

export interface EoqOptions {
  /** Fixed cost per order K (> 0). */
  fixedCost: Numeric;
  /** Holding cost per unit per unit time h (> 0). */
  holdingCost: Numeric;
  /** Demand per unit time λ (>= 0). */
  demandRate: Numeric;
  /** Evaluate this order quantity instead of optimising (> 0). */
  orderQuantity?: Numeric;
}
export interface EoqResult {
  orderQuantity: NumberOrArray;
  /** Ordering + holding cost per unit time (purchase excluded). */
  cost: NumberOrArray;
}

export interface SafetyStockOptions {
  /** Mean demand per period (>= 0). */
  demandMean: Numeric;
  /** Standard deviation of demand per period (>= 0). */
  demandSd: Numeric;
  /** Mean lead time in periods (>= 0). */
  leadTime: Numeric;
  /** Standard deviation of the lead time in periods (>= 0, default 0). */
  leadTimeSd?: Numeric;
  /** Periods between reviews (default 0: continuous review). */
  reviewPeriod?: Numeric;
  /** Target probability of no stockout per cycle, in (0, 1). */
  cycleServiceLevel?: Numeric;
  /** Target share of demand met from stock, in (0, 1); needs orderQuantity. */
  fillRate?: Numeric;
  /** Order quantity for a fill-rate target (> 0). */
  orderQuantity?: Numeric;
  /** The safety factor k itself. */
  safetyFactor?: Numeric;
}
export interface SafetyStockResult {
  safetyStock: NumberOrArray;
  /** Reorder point (order-up-to level when reviewPeriod > 0). */
  reorderPoint: NumberOrArray;
  safetyFactor: NumberOrArray;
  leadTimeDemandMean: NumberOrArray;
  leadTimeDemandSd: NumberOrArray;
  cycleServiceLevel: NumberOrArray;
}

export interface CycleServiceOptions {
  safetyFactor: Numeric;
  leadTimeDemandSd: Numeric;
  orderQuantity: Numeric;
}
export interface CycleServiceResult {
  cycleServiceLevel: NumberOrArray;
  expectedShortagePerCycle: NumberOrArray;
  fillRate: NumberOrArray;
}

export interface MktOptions {
  /** Time each reading stands for (only ratios matter). */
  weights?: Numeric;
  /** Activation energy ΔH in kJ/mol (default 83.144). */
  deltaH?: number;
  /** Gas constant R in kJ/(mol·K) (default 8.3144e-3). */
  gasConstant?: number;
}

export interface BackorderOptions {
  fixedCost: Numeric; holdingCost: Numeric; stockoutCost: Numeric; demandRate: Numeric;
  /** With stockoutFraction: evaluate this policy instead of optimising. */
  orderQuantity?: Numeric; stockoutFraction?: Numeric;
}
export interface BackorderResult { orderQuantity: NumberOrArray; stockoutFraction: NumberOrArray; cost: NumberOrArray }
export interface EpqOptions { fixedCost: Numeric; holdingCost: Numeric; demandRate: Numeric; productionRate: Numeric; orderQuantity?: Numeric }
export interface DiscountOptions {
  fixedCost: number; holdingCostRate: number; demandRate: number;
  /** Region starts, from 0, strictly increasing. */
  breakpoints: number[] | Float64Array;
  /** Unit price in each region. */
  unitCosts: number[] | Float64Array;
  kind?: "allUnits" | "incremental";
}
export interface DiscountResult { orderQuantity: number; region: number; cost: number }
export interface JointOptions { sharedFixedCost: number; individualFixedCosts: Numeric; holdingCosts: Numeric; demandRates: Numeric }
export interface JointResult { orderQuantities: Float64Array; baseCycleTime: number; orderMultiples: Float64Array; cost: number }
export interface DisruptionOptions {
  fixedCost: Numeric; holdingCost: Numeric; stockoutCost: Numeric; demandRate: Numeric;
  disruptionRate: Numeric; recoveryRate: Numeric; approximate?: boolean; orderQuantity?: Numeric;
}
export interface YieldOptions {
  fixedCost: Numeric; holdingCost: Numeric; demandRate: Numeric; yieldMean: Numeric; yieldSd: Numeric;
  kind?: "additive" | "multiplicative"; orderQuantity?: Numeric;
}

/** A demand (or yield) distribution and its parameters, as in `lossFunction`. */
export type DistributionSpec =
  | { distribution?: "normal"; mean: Numeric; sd: Numeric }
  | { distribution: "lognormal"; mu: Numeric; sigma: Numeric }
  | { distribution: "exponential"; rate: Numeric }
  | { distribution: "gamma"; shape: Numeric; scale: Numeric }
  | { distribution: "uniform"; low: Numeric; high: Numeric }
  | { distribution: "poisson"; mean: Numeric }
  | { distribution: "geometric"; p: Numeric }
  | { distribution: "negative_binomial"; r: Numeric; p: Numeric }
  | { distribution: "negative_binomial"; mean: Numeric; sd: Numeric };
export type NewsvendorOptions = { holdingCost: Numeric; stockoutCost: Numeric; baseStockLevel?: Numeric } & (
  | (DistributionSpec & { leadTime?: Numeric })
  | { distribution: "discrete"; pmf: Record<number, number> }
);
export interface NewsvendorResult { baseStockLevel: NumberOrArray; cost: NumberOrArray }
export interface NewsvendorProfit { baseStockLevel: NumberOrArray; profit: NumberOrArray }
export type NewsvendorExplicitOptions = {
  revenue: Numeric; purchaseCost: Numeric; salvageValue: Numeric;
  holdingCost?: Numeric; stockoutCost?: Numeric; baseStockLevel?: Numeric;
} & DistributionSpec;
export interface MyopicOptions {
  holdingCost: Numeric; stockoutCost: Numeric; purchaseCost: Numeric; purchaseCostNext: Numeric;
  demandMean: Numeric; demandSd: Numeric; discountFactor?: Numeric; baseStockLevel?: Numeric;
}
export interface NewsvendorDisruptionOptions {
  holdingCost: Numeric; stockoutCost: Numeric; demand: Numeric; disruptionProb: Numeric; recoveryProb: Numeric;
  baseStockLevel?: Numeric;
}
export type NewsvendorYieldOptions = { holdingCost: Numeric; stockoutCost: Numeric; demand: Numeric; baseStockLevel?: Numeric } & DistributionSpec;

export interface RqOptions {
  holdingCost: Numeric; stockoutCost: Numeric; fixedCost: Numeric;
  /** Demand per unit time and its sd; lead time in the same time unit. */
  demandMean: Numeric; demandSd: Numeric; leadTime: Numeric;
  method?: "loss_function" | "eil" | "eoqb" | "eoqss";
}
export interface RqResult { reorderPoint: NumberOrArray; orderQuantity: NumberOrArray; cost: NumberOrArray }
export interface RqCostOptions extends Omit<RqOptions, "method"> { reorderPoint: Numeric; orderQuantity: Numeric }
export interface RqReorderPointOptions { orderQuantity: Numeric; holdingCost: Numeric; stockoutCost: Numeric; demandMean: Numeric; demandSd: Numeric; leadTime: Numeric }
export interface RqPoissonOptions {
  holdingCost: Numeric; stockoutCost: Numeric; fixedCost: Numeric; demandMean: Numeric; leadTime: Numeric;
  reorderPoint?: Numeric; orderQuantity?: Numeric;
}
export type SsOptions = { holdingCost: Numeric; stockoutCost: Numeric; fixedCost: Numeric; reorderPoint?: Numeric; orderUpToLevel?: Numeric }
  & ({ demandMean: Numeric } | { pmf: Record<number, number> });
export interface SsResult { reorderPoint: NumberOrArray; orderUpToLevel: NumberOrArray; cost: NumberOrArray }
export interface SsPowerOptions { holdingCost: Numeric; stockoutCost: Numeric; fixedCost: Numeric; demandMean: Numeric; demandSd: Numeric }
export interface SsApproximation { reorderPoint: NumberOrArray; orderUpToLevel: NumberOrArray }

/**
 * An input over SKUs x periods: a number (everywhere), a flat array (one value per period),
 * rows of one value (one per SKU) or rows of values (one per SKU and period).
 */
export type PeriodInput = number | number[] | Float64Array | (number[] | Float64Array)[];
export interface LotSizingOptions {
  demand: PeriodInput; holdingCost: PeriodInput; fixedCost: PeriodInput; purchaseCost?: PeriodInput;
}
/** One SKU's plan (flat arrays), or rows per SKU when any input had SKU rows. */
export interface LotSizingResult {
  orderQuantities: Float64Array | Float64Array[];
  cost: number | Float64Array;
  costsToGo: Float64Array | Float64Array[];
  nextOrderPeriods: Uint32Array | Uint32Array[];
}
export interface FiniteHorizonOptions {
  holdingCost: PeriodInput; stockoutCost: PeriodInput; purchaseCost?: PeriodInput; fixedCost?: PeriodInput;
  demandMean: PeriodInput; demandSd: PeriodInput; discountFactor?: PeriodInput;
  /** Needed only when every per-period input is a number. */
  periods?: number;
  terminalHoldingCost?: Numeric; terminalStockoutCost?: Numeric; initialInventoryLevel?: Numeric;
  demandSpread?: number; levelSpread?: number;
}
export interface MyopicLevelOptions {
  cost: Numeric; holdingCost: Numeric; stockoutCost: Numeric; purchaseCost: Numeric; purchaseCostNext: Numeric;
  demandMean: Numeric; demandSd: Numeric; discountFactor?: Numeric; side?: "below" | "above";
}
export type MyopicBoundsOptions = Omit<FiniteHorizonOptions, "initialInventoryLevel" | "demandSpread" | "levelSpread" | "terminalHoldingCost" | "terminalStockoutCost">
  & { terminalHoldingCost?: number; terminalStockoutCost?: number };
export interface MyopicBoundsResult {
  orderUpToLower: Float64Array; orderUpToUpper: Float64Array; reorderLower: Float64Array; reorderUpper: Float64Array;
}
export type QuantileSafetyStockOptions = {
  /** One SKU's quantiles, or one row per SKU, at `levels`. */
  quantiles: number[] | Float64Array | (number[] | Float64Array)[];
  levels: number[] | Float64Array;
  /** The point forecast over the interval, if any. */
  mean?: Numeric;
} & ({ cycleServiceLevel: Numeric } | { fillRate: Numeric; orderQuantity: Numeric } | { safetyFactor: Numeric });
export interface GsmStage {
  holdingCost: number; processingTime: number; demandMean?: number; demandSd?: number;
  demandBoundConstant?: number; externalInboundCst?: number; externalOutboundCst?: number;
}
export interface GuaranteedServiceOptions {
  stages: GsmStage[];
  /** [supplier, customer] pairs of stage positions; they must make a tree. */
  edges?: [number, number][];
  outboundCst?: number[];
}
export interface GuaranteedServiceResult {
  outboundCst: Float64Array; inboundCst: Float64Array; netReplenishmentTime: Float64Array;
  safetyStock: Float64Array; baseStockLevel: Float64Array; netDemandMean: Float64Array; netDemandSd: Float64Array;
  cost: number;
}
export interface SerialOptions {
  /** Stage 1 (facing demand) first. */
  echelonHoldingCost: number[] | Float64Array; leadTime: number[] | Float64Array;
  stockoutCost: number; demandMean: number; demandSd: number;
  echelonBaseStock?: number[] | Float64Array;
}
export interface SerialHeuristicOptions extends Omit<SerialOptions, "echelonBaseStock"> { weight?: number }
export interface SerialHoldingOptions extends Omit<SerialOptions, "stockoutCost" | "echelonBaseStock"> {
  echelonBaseStock: number[] | Float64Array;
}
export interface SerialResult { echelonBaseStock: Float64Array; localBaseStock: Float64Array; cost: number }
export interface SimStageOptions { holdingCost: number; leadTime: number; baseStockLevel?: number; initialInventoryLevel?: number }
export type SimPolicy =
  | { type: "baseStock" }
  | { type: "sS"; reorderPoint: number; orderUpToLevel: number }
  | { type: "rNQ" | "rQOneLot"; reorderPoint: number; orderQuantity: number };
export interface SimulationOptions {
  periods: number;
  /** Stage 0 faces demand. */
  stages: SimStageOptions[];
  stockoutCost: number;
  demand: number[] | Float64Array | ({ distribution?: string } & Record<string, number | string>);
  policy?: SimPolicy;
  eventOrder?: "orderFirst" | "demandFirst";
  seed?: number;
}
/** Per stage, one value per period. */
export interface SimulationResult {
  demand: Float64Array[]; orderQuantity: Float64Array[]; inboundShipment: Float64Array[];
  inventoryLevel: Float64Array[]; holdingCost: Float64Array[]; stockoutCost: Float64Array[];
  totalCost: number;
}
export interface FiniteHorizonResult {
  reorderPoints: Float64Array | Float64Array[];
  orderUpToLevels: Float64Array | Float64Array[];
  totalCost: number | Float64Array;
  /** One SKU only: theta_t(x) per period plus the terminal row, columns at `levels`. */
  costToGo?: Float64Array[];
  orderUpTo?: Float64Array[];
  levels?: Float64Array;
  demandOutsideGrid?: number;
  levelBelowGrid?: number;
}

/** Options of `lossFunction`: the distribution, its parameters, and where to evaluate. */
export type LossOptions = { x: Numeric; order?: 1 | 2 } & (
  | { distribution: "normal"; mean: Numeric; sd: Numeric }
  | { distribution: "lognormal"; mu: Numeric; sigma: Numeric }
  | { distribution: "exponential"; rate: Numeric }
  | { distribution: "gamma"; shape: Numeric; scale: Numeric }
  | { distribution: "uniform"; low: Numeric; high: Numeric }
  | { distribution: "poisson"; mean: Numeric }
  | { distribution: "geometric"; p: Numeric }
  | { distribution: "negative_binomial"; r: Numeric; p: Numeric }
  | { distribution: "negative_binomial"; mean: Numeric; sd: Numeric }
  | { distribution: "discrete"; pmf: Record<number, number> }
);
export interface LossResult {
  /** E[(X − x)⁺] (first order) or ½E[((X − x)⁺)²] (second order). */
  loss: NumberOrArray;
  /** E[(x − X)⁺] (first order) or its second-order counterpart. */
  complement: NumberOrArray;
}

/** Shelf-life kinetics: Arrhenius (USP <1160> constants by default) or a Q10 model. */
export interface RateOptions {
  /** Rate ratio per 10 °C; when given, Arrhenius constants are ignored. */
  q10?: number;
  /** Activation energy in kJ/mol (default 83.144). */
  deltaH?: number;
  /** Gas constant in kJ/(mol·K) (default 8.3144e-3). */
  gasConstant?: number;
}
export interface ShelfLife { elapsed: number; equivalentAtRef: number; fractionConsumed: number; remainingAtRef: number }
/** Partial MKT sums of a bucket; `lnKineticSum` is null for an empty bucket. */
export interface KineticSums { lnKineticSum: number | null; weight: number; weightedTemp: number; minC: number | null; maxC: number | null }
/** A band like "(8, 25]" or a closed [lo, hi]. */
export type Band = string | [number, number];
/** A product preset and rule overrides; times in minutes. */
export interface ExcursionOptions {
  product?: "refrigerated" | "controlled_cold" | "controlled_room" | "crt" | "frozen";
  range?: Band;
  minDuration?: number;
  maxGap?: number | null;
  allowed?: Band | null;
  spikeMax?: number | null;
  spikeMinutes?: number;
  mktLimit?: number | null;
  budgets?: { band: Band; minutes: number }[];
  deltaH?: number;
  gasConstant?: number;
}
export interface Excursion {
  kind: "high" | "low"; startMin: number; endMin: number; durationMin: number; peakC: number;
  ongoing: boolean; band: "allowed" | "spike" | "budget" | "outside";
}
export interface ExcursionReport {
  readings: number; startMin: number; endMin: number; minutesCredited: number;
  minutesAbove: number; minutesBelow: number; minutesOutOfRange: number; minutesInGaps: number;
  events: Excursion[]; eventCount: number; ignoredEvents: number; longestEventMin: number;
  gaps: { startMin: number; endMin: number }[];
  budgets: { band: string; budgetMinutes: number; usedMinutes: number; remainingMinutes: number }[];
  mktC: number | null; meanC: number | null; minC: number | null; maxC: number | null;
  verdict: { status: "in_range" | "acceptable" | "review" | "reject"; reasons: { code: string; message: string }[] };
}
export interface ExcursionSignals {
  outOfRange: boolean; excursionStarted: boolean; excursionConfirmed: boolean;
  excursionEnded: boolean; gap: boolean; budgetExceeded: boolean;
}
export interface FefoLot { lot: string | number; expiryDay: number; qty: number }
export interface FefoOrder { qty: number; shipDay: number; minRemainingDays?: number }
export interface FefoAllocation {
  picks: { lot: string | number; qty: number }[];
  shortfall: number;
  ineligibleLots: (string | number)[];
  reasons: { lot: string | number; code: "expired" | "short_shelf_life"; daysLeft: number; required?: number }[];
}
export interface WasteLot { lot: string | number; qty: number; daysToExpiry: number; unitValue?: number }
export interface WasteDemand { demandPerDay: number | number[]; demandAfter?: number; minShelfDays?: number }
export interface LotProjection {
  lot: string | number; sold: number; unsold: number; unsoldValue: number; fate: "sold_out" | "expires"; day: number;
}
export interface WastePlanProblem {
  lots: { id: string; site: string; atRisk: number; daysToExpiry: number; kgPerUnit?: number; co2ePerKg?: number; disposalCostPerUnit?: number }[];
  markdowns?: { id: string; scope: { site: string } | { lot: string }; capacity: number; valuePerUnit: number; handlingPerUnit?: number }[];
  destinations?: {
    id: string; kind: "transfer" | "donation"; capacity: number; valuePerUnit: number; handlingPerUnit?: number;
    transportPerUnitKm?: number; maxKm?: number; transitDays?: number; minDaysOnArrival?: number;
  }[];
  legs?: { from: string; to: string; km: number }[];
}
export interface WastePlan {
  assignments: {
    lot: number; lotId: string; outlet: { kind: "markdown" | "transfer" | "donation"; index: number }; outletId: string;
    units: number; km: number; value: number; handlingCost: number; transportCost: number;
  }[];
  lots: { rescued: number; wasted: number; disposalCost: number }[];
  excluded: { lot: number; outlet: { kind: string; index: number }; reason: { code: string; [k: string]: number | string } }[];
  totals: {
    recoveredValue: number; handlingCost: number; transportCost: number; disposalCost: number; objective: number;
    unitsRescued: number; unitsWasted: number; kgAvoided: number; kgWasted: number; co2eAvoidedKg: number;
  };
  integral: boolean;
}

/** A fixed-lifetime perishable system; exactly one of demandMean (Poisson), demandPmf, gamma. */
export interface PerishableOptions {
  lifetime: number; orderUpTo?: number; issuing?: "fifo" | "lifo"; leadTime?: number;
  demandMean?: number; demandPmf?: number[]; gamma?: { mean: number; cov: number; maxDemand: number };
  orderCost?: number; holdingCost?: number; shortageCost?: number; wastageCost?: number; price?: number; maxOrder?: number;
  /** optimizePerishableBaseStock: levels tried. */
  search?: [number, number];
  /** simulatePerishable. */
  periods?: number; warmUp?: number; seed?: number; batches?: number;
  /** perishableOptimalPolicy. */
  discount?: number; tolerance?: number; maxIterations?: number;
}
export interface PerishableMetrics {
  expectedOrder: number; expectedSales: number; expectedLostSales: number; expectedOutdate: number;
  expectedEndOnHand: number; fillRate: number; wasteFraction: number; nStates: number;
  expectedCost: number; expectedReward: number | null;
}
export interface PerishableSimulation {
  metrics: PerishableMetrics;
  stdErrors: { order: number; sales: number; lostSales: number; outdate: number; endOnHand: number; cost: number };
  periods: number;
}
export interface PerishableOptimum { baseStock: number; metrics: PerishableMetrics; curve: [number, number][] }
export interface PerishablePolicy {
  orders: number[]; averageReward: number | null; iterations: number; converged: boolean; radix: number; dimensions: number;
}

/** Options of `forecast`. */
export interface ForecastOptions {
  /** Steps ahead (≥ 1). */
  h: number;
  /** Season length (default 1). */
  seasonLength?: number;
  /** Model names as the CLI takes them (default ["auto_ets"]): "auto_ets", "ets_aan", "auto_theta", "naive2", "croston_sba", … */
  models?: string[];
  /** Interval levels in percent, e.g. [80, 95]. */
  level?: number[];
  /** The model for series another cannot fit (default "naive"; null makes them an error). */
  fallback?: string | null;
  /** Windows for conformal intervals of models without analytic ones (default 2). */
  conformalWindows?: number;
}
/** One series' forecasts: `Model`, `Model-lo-95`, `Model-hi-95` (and `Model-fallback` with the reason when a fallback stood in). */
export type SeriesForecast = Record<string, Float64Array | string>;
/** Options of `crossValidation`: those of `forecast` plus the origins. */
export interface CrossValidationOptions extends ForecastOptions {
  /** Number of forecast origins (default 1). */
  nWindows?: number;
  /** Steps between origins (default 1). */
  stepSize?: number;
  /** Re-estimate at every origin (true, the default), only at the first (false: later origins run the fitted model forward), or every k-th origin. */
  refit?: boolean | number;
}
/** One origin's forecasts: `cutoff` (index of the last training value), `actual`, and per model `Model`, `Model-lo-95`, `Model-hi-95` (and `Model-fallback`). */
export type CrossValidationWindow = { cutoff: number; actual: Float64Array } & Record<string, Float64Array | string | number>;

/** Thrown for bad input: `name` is "ValidationError". */
/** A routing problem: the flowcast JSON problem format (docs/vrp-format.md) as an object or a
 * JSON string, `{ vrplib: text }` (CVRPLIB, EUC_2D rounded to the nearest integer),
 * `{ solomon: text }` (double-precision distances, the file's fleet), or any of these files'
 * text (format detected from the content). */
export type VrpProblemInput = VrpProblemJson | string | { vrplib: string } | { solomon: string };
export interface VrpDepot { name?: string; x?: number; y?: number; twEarly?: number; twLate?: number | null }
export interface VrpClient {
  name?: string;
  x?: number;
  y?: number;
  /** One value per load dimension, or a number for one dimension (default zeros). */
  demand?: number | number[];
  service?: number;
  /** Earliest service start (a vehicle arriving earlier waits). */
  twEarly?: number;
  /** Latest arrival; absent or null: none. */
  twLate?: number | null;
  required?: boolean;
  /** What leaving an optional client unvisited costs. */
  prize?: number;
}
export interface VrpVehicleType {
  name?: string;
  count: number;
  capacity?: number | number[];
  fixedCost?: number;
  startDepot?: number;
  endDepot?: number;
  twEarly?: number;
  twLate?: number | null;
  maxDuration?: number | null;
  maxDistance?: number | null;
  unitDistanceCost?: number;
  unitDurationCost?: number;
}
/** The flowcast JSON problem format, version 1. */
export interface VrpProblemJson {
  format: "flowcast-vrp-problem";
  version: 1;
  name?: string;
  dimensions?: number;
  depots: VrpDepot[];
  clients?: VrpClient[];
  vehicleTypes: VrpVehicleType[];
  /** Square matrix over locations (depots first, then clients); default: from coordinates. */
  distance?: number[][];
  /** Default: the distances. */
  duration?: number[][];
  rounding?: "exact" | "nearest" | "ceil";
}
/** Routes of 0-based client indices (every route of vehicle type 0), or with their types (a
 * `VrpResult` works). */
export type VrpRoutesInput = number[][] | { routes: number[][]; vehicleTypes?: number[] };
export interface VrpSolveOptions {
  /** Seconds (default 2); null: no time limit (then give maxIterations). */
  timeLimit?: number | null;
  /** Seed of the search's random choices (default 0). */
  seed?: number;
  /** Stop after this many iterations; with a seed the answer is then deterministic. */
  maxIterations?: number;
  /** A warm start: the result is never worse. */
  initial?: VrpRoutesInput;
}
export interface VrpResult {
  /** Route costs plus the prizes of unvisited optional clients. */
  cost: number;
  /** Every constraint holds and every required client is served. */
  feasible: boolean;
  /** Non-empty routes, 0-based client indices in visiting order (depots implied). */
  routes: number[][];
  /** The vehicle type of each route. */
  vehicleTypes: number[];
  numVehicles: number;
  /** Clients no vehicle can serve, even alone, left out: reason e.g. "demand_exceeds_capacity". */
  unserved: { client: number; reason: string }[];
  iterations: number;
  seconds: number;
}
export interface VrpViolation {
  /** Stable code: "capacity_exceeded", "time_window_missed", "required_not_visited", ... */
  code: string;
  message: string;
  route?: number;
  client?: number;
  [detail: string]: number | string | undefined;
}
export interface VrpRouteReport {
  vehicleType: number;
  visits: number[];
  distance: number;
  duration: number;
  load: number[];
  departure: number | null;
  returnTime: number | null;
  cost: number;
  feasible: boolean;
}
export interface VrpCheckReport {
  feasible: boolean;
  cost: number;
  distance: number;
  duration: number;
  fixedCost: number;
  uncollectedPrizes: number;
  numVehicles: number;
  violations: VrpViolation[];
  unvisited: number[];
  routes: VrpRouteReport[];
}
/** A problem that does not read: `line` for malformed text, `issues` for an invalid problem. */
export interface FlowcastVrpInputError extends Error {
  code: string;
  field: string;
  value: string;
  reason: string;
  line: number | null;
  issues: { code: string; location: string; cause: string; action: string }[];
}

export interface FlowcastValidationError extends Error {
  code: "not_finite" | "not_positive" | "negative" | "out_of_range" | "empty" | "length_mismatch" | "wrong_type" | "invalid_network" | "not_increasing" | "duplicate";
  field: string;
  value: string;
  reason: string;
}
"#;
