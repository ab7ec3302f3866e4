// The test cases of the npm package, shared by the node and the browser runs.
//
// `cases(fc, data)` returns [{ name, run }]: `fc` is the loaded module (node or web flavour),
// `data` the shared reference files ({ vectors, practitioner, mkt }). Each `run` throws on failure.

function near(got, expected, abs, rel, what) {
  if (!(Math.abs(got - expected) <= abs + rel * Math.abs(expected))) {
    throw new Error(`${what}: got ${got}, expected ${expected} (abs ${abs}, rel ${rel})`);
  }
}

function equal(got, expected, what) {
  if (got !== expected) throw new Error(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
}

function throwsValidation(fn, code, field, what) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (!caught) throw new Error(`${what}: no error thrown`);
  if (!(caught instanceof Error)) throw new Error(`${what}: threw a non-Error ${caught}`);
  equal(caught.name, "ValidationError", `${what}: name (${caught.message})`);
  equal(caught.code, code, `${what}: code (${caught.message})`);
  equal(caught.field, field, `${what}: field (${caught.message})`);
  if (!caught.message.includes(field) || !caught.message.includes(`[${code}]`)) {
    throw new Error(`${what}: message does not name field and code: ${caught.message}`);
  }
}

// The generated one-week case of mkt_vectors.json.
function week() {
  const out = [];
  for (let k = 0; k < 10080; k++) {
    const t = 5.0 + 2.5 * Math.sin(k / 37.0) + (k >= 4000 && k < 4030 ? 6.0 : 0.0);
    out.push(Math.round(t * 1e6) / 1e6);
  }
  return out;
}

export function cases(fc, data) {
  const vectors = (fn) => data.vectors.vectors.filter((v) => v.function === fn);
  const list = [];
  const add = (name, run) => list.push({ name, run });

  add("stockpyl EOQ vectors", () => {
    const vs = vectors("eoq.economic_order_quantity");
    if (vs.length < 80) throw new Error(`only ${vs.length} EOQ vectors`);
    for (const v of vs) {
      const i = v.inputs;
      const r = fc.eoq({ fixedCost: i.fixed_cost, holdingCost: i.holding_cost, demandRate: i.demand_rate, orderQuantity: i.order_quantity });
      near(r.orderQuantity, v.outputs.order_quantity, v.tol.abs, v.tol.rel, `${v.id} Q`);
      near(r.cost, v.outputs.cost, v.tol.abs, v.tol.rel, `${v.id} cost`);
    }
  });

  add("stockpyl EOQ vectors in one batch", () => {
    const vs = vectors("eoq.economic_order_quantity").filter((v) => v.inputs.order_quantity === undefined);
    const col = (k) => Float64Array.from(vs.map((v) => v.inputs[k]));
    const r = fc.eoq({ fixedCost: col("fixed_cost"), holdingCost: col("holding_cost"), demandRate: col("demand_rate") });
    if (!(r.orderQuantity instanceof Float64Array)) throw new Error("batch result is not a Float64Array");
    vs.forEach((v, j) => near(r.orderQuantity[j], v.outputs.order_quantity, v.tol.abs, v.tol.rel, v.id));
  });

  add("stockpyl loss-function vectors", () => {
    const fns = {
      "loss_functions.standard_normal_loss": (i) => [fc.standardNormalLoss(i.z), fc.standardNormalLossComplement(i.z)],
      "loss_functions.standard_normal_second_loss": (i) => [fc.standardNormalSecondLoss(i.z), fc.standardNormalSecondLossComplement(i.z)],
      "loss_functions.normal_loss": (i) => [fc.normalLoss(i.x, i.mean, i.sd), fc.normalLossComplement(i.x, i.mean, i.sd)],
      "loss_functions.normal_second_loss": (i) => [fc.normalSecondLoss(i.x, i.mean, i.sd), fc.normalSecondLossComplement(i.x, i.mean, i.sd)],
    };
    let n = 0;
    for (const [fn, call] of Object.entries(fns)) {
      for (const v of vectors(fn)) {
        const got = call(v.inputs);
        Object.values(v.outputs).forEach((exp, j) => near(got[j], exp, v.tol.abs, v.tol.rel, `${v.id}[${j}]`));
        n++;
      }
    }
    if (n < 60) throw new Error(`only ${n} loss vectors`);
  });

  add("stockpyl loss vectors of every distribution through lossFunction", () => {
    const rename = { exponential: { mu: "rate" }, gamma: { a: "shape", b: "scale" }, uniform: { a: "low", b: "high" } };
    let n = 0;
    for (const v of data.vectors.vectors.filter((v) => v.module === "loss_functions")) {
      const name = v.function.split(".")[1];
      const second = name.endsWith("_second_loss");
      const distribution = name.replace(/_second_loss$|_loss$/, "");
      if (distribution.startsWith("standard_normal")) continue;
      const options = { distribution, order: second ? 2 : 1 };
      for (const [k, value] of Object.entries(v.inputs)) options[rename[distribution]?.[k] ?? k] = value;
      const r = fc.lossFunction(options);
      const [lossExp, compExp] = Object.values(v.outputs);
      near(r.loss, lossExp, v.tol.abs, v.tol.rel, `${v.id} loss`);
      near(r.complement, compExp, v.tol.abs, v.tol.rel, `${v.id} complement`);
      n++;
    }
    if (n < 56) throw new Error(`only ${n} vectors`);
    const batch = fc.lossFunction({ distribution: "poisson", mean: 15, x: [18, 20] });
    if (!(batch.loss instanceof Float64Array) || batch.loss.length !== 2) throw new Error("batch loss");
  });

  add("stockpyl EOQ-family vectors", () => {
    const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    const options = (inputs, extra = {}) => Object.fromEntries([...Object.entries(inputs).map(([k, v]) => [camel(k), v]), ...Object.entries(extra)]);
    const calls = {
      "eoq.economic_order_quantity_with_backorders": (i) => fc.eoqWithBackorders(options(i)),
      "eoq.economic_production_quantity": (i) => fc.economicProductionQuantity(options(i)),
      "eoq.economic_order_quantity_with_all_units_discounts": (i) => fc.eoqWithDiscounts(options(i, { kind: "allUnits" })),
      "eoq.economic_order_quantity_with_incremental_discounts": (i) => fc.eoqWithDiscounts(options(i, { kind: "incremental" })),
      "eoq.joint_replenishment_problem_silver_heuristic": (i) => fc.jointReplenishment(options(i)),
      "supply_uncertainty.eoq_with_disruptions": (i) => fc.eoqWithDisruptions(options(i)),
      "supply_uncertainty.eoq_with_additive_yield_uncertainty": (i) => fc.eoqWithYieldUncertainty(options(i, { kind: "additive" })),
      "supply_uncertainty.eoq_with_multiplicative_yield_uncertainty": (i) => fc.eoqWithYieldUncertainty(options(i, { kind: "multiplicative" })),
    };
    const flat = (values) => values.flatMap((v) => (typeof v === "number" ? [v] : Array.from(v)));
    let n = 0;
    for (const v of data.vectors.vectors.filter((v) => calls[v.function])) {
      const got = flat(Object.values(calls[v.function](v.inputs)));
      const expected = flat(Object.values(v.outputs));
      equal(got.length, expected.length, `${v.id} outputs`);
      got.forEach((g, j) => near(g, expected[j], v.tol.abs, v.tol.rel, `${v.id}[${j}]`));
      n++;
    }
    if (n < 150) throw new Error(`only ${n} vectors`);
  });

  add("stockpyl newsvendor vectors", () => {
    const spec = (d) => (d.type === "lognormal" ? { distribution: "lognormal", mu: d.mu, sigma: d.sigma } : { distribution: "uniform", low: d.lo, high: d.hi });
    const costs = (i) => ({ holdingCost: i.holding_cost, stockoutCost: i.stockout_cost, ...(i.base_stock_level !== undefined ? { baseStockLevel: i.base_stock_level } : {}) });
    const calls = {
      "newsvendor.newsvendor_normal": (i) => fc.newsvendor({ ...costs(i), mean: i.demand_mean, sd: i.demand_sd, leadTime: i.lead_time ?? 0 }),
      "newsvendor.newsvendor_normal_cost": (i) => ({ cost: fc.newsvendor({ ...costs(i), mean: i.demand_mean, sd: i.demand_sd, leadTime: i.lead_time ?? 0 }).cost }),
      "newsvendor.newsvendor_poisson": (i) => fc.newsvendor({ ...costs(i), distribution: "poisson", mean: i.demand_mean }),
      "newsvendor.newsvendor_discrete": (i) => fc.newsvendor({ ...costs(i), distribution: "discrete", pmf: i.demand_pmf }),
      "newsvendor.newsvendor_continuous": (i) => fc.newsvendor({ ...costs(i), ...spec(i.demand_distribution) }),
      "newsvendor.newsvendor_normal_explicit": (i) => fc.newsvendorExplicit({ revenue: i.revenue, purchaseCost: i.purchase_cost, salvageValue: i.salvage_value, holdingCost: i.holding_cost ?? 0, stockoutCost: i.stockout_cost ?? 0, mean: i.demand_mean * ((i.lead_time ?? 0) + 1), sd: i.demand_sd * Math.sqrt((i.lead_time ?? 0) + 1) }),
      "newsvendor.newsvendor_poisson_explicit": (i) => fc.newsvendorExplicit({ revenue: i.revenue, purchaseCost: i.purchase_cost, salvageValue: i.salvage_value, holdingCost: i.holding_cost ?? 0, stockoutCost: i.stockout_cost ?? 0, distribution: "poisson", mean: i.demand_mean * ((i.lead_time ?? 0) + 1) }),
      "newsvendor.myopic": (i) => fc.myopic({ holdingCost: i.holding_cost, stockoutCost: i.stockout_cost, purchaseCost: i.purchase_cost, purchaseCostNext: i.purchase_cost_next_per, demandMean: i.demand_mean, demandSd: i.demand_sd, discountFactor: i.discount_factor ?? 1 }),
      "supply_uncertainty.newsvendor_with_disruptions": (i) => fc.newsvendorWithDisruptions({ ...costs(i), demand: i.demand, disruptionProb: i.disruption_prob, recoveryProb: i.recovery_prob }),
      "supply_uncertainty.newsvendor_with_additive_yield_uncertainty": (i) => fc.newsvendorWithYieldUncertainty({ ...costs(i), demand: i.demand, ...(i.yield_distribution ? spec(i.yield_distribution) : { mean: i.yield_mean, sd: i.yield_sd }) }),
    };
    let n = 0;
    for (const v of data.vectors.vectors.filter((v) => calls[v.function])) {
      const got = Object.values(calls[v.function](v.inputs));
      const expected = Object.values(v.outputs);
      equal(got.length, expected.length, `${v.id} outputs`);
      got.forEach((g, j) => near(g, expected[j], v.tol.abs, v.tol.rel, `${v.id}[${j}]`));
      n++;
    }
    if (n < 110) throw new Error(`only ${n} vectors`);
  });

  add("stockpyl (r, Q) and (s, S) vectors", () => {
    const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    const options = (inputs, drop = []) => Object.fromEntries(Object.entries(inputs).filter(([k]) => !drop.includes(k)).map(([k, v]) => [camel(k), v]));
    const pair = (r) => ({ reorderPoint: r.reorderPoint, orderQuantity: r.orderQuantity });
    const calls = {
      "rq.r_q_cost": (i) => ({ cost: fc.rqCost(options(i)) }),
      "rq.r_q_optimal_r_for_q": (i) => ({ reorderPoint: fc.rqOptimalReorderPoint(options(i)) }),
      "rq.r_q_eil_approximation": (i) => fc.rq({ ...options(i), method: "eil" }),
      "rq.r_q_eoqb_approximation": (i) => pair(fc.rq({ ...options(i), method: "eoqb" })),
      "rq.r_q_eoqss_approximation": (i) => pair(fc.rq({ ...options(i), method: "eoqss" })),
      "rq.r_q_loss_function_approximation": (i) => pair(fc.rq(options(i))),
      "rq.r_q_poisson_exact": (i) => fc.rqPoisson(options(i)),
      "rq.r_q_cost_poisson": (i) => ({ cost: fc.rqPoisson(options(i)).cost }),
      "ss.s_s_discrete_exact": (i) => fc.ssPolicy(options(i, ["use_poisson"])),
      "ss.s_s_cost_discrete": (i) => ({ cost: fc.ssPolicy(options(i, ["use_poisson"])).cost }),
      "ss.s_s_power_approximation": (i) => fc.ssPowerApproximation(options(i)),
    };
    let n = 0;
    for (const v of data.vectors.vectors.filter((v) => calls[v.function])) {
      const got = calls[v.function](v.inputs);
      for (const [key, expected] of Object.entries(v.outputs)) near(got[camel(key)], expected, v.tol.abs, v.tol.rel, `${v.id} ${key}`);
      n++;
    }
    if (n < 140) throw new Error(`only ${n} vectors`);
    // Demand as a pmf gives the same policy as the Poisson it tabulates.
    const pmf = {};
    let p = Math.exp(-6);
    for (let k = 0; k < 60; k++) {
      pmf[k] = p;
      p *= 6 / (k + 1);
    }
    const poisson = fc.ssPolicy({ holdingCost: 1, stockoutCost: 4, fixedCost: 5, demandMean: 6 });
    const tabulated = fc.ssPolicy({ holdingCost: 1, stockoutCost: 4, fixedCost: 5, pmf });
    equal([tabulated.reorderPoint, tabulated.orderUpToLevel].join(), [poisson.reorderPoint, poisson.orderUpToLevel].join(), "pmf (s, S)");
    near(tabulated.cost, poisson.cost, 1e-9, 1e-9, "pmf (s, S) cost");
    // Batches: one row per SKU, each equal to its own scalar call.
    const many = fc.rq({ holdingCost: 0.225, stockoutCost: 7.5, fixedCost: 8, demandMean: [1300, 2600], demandSd: 150, leadTime: 1 / 12 });
    if (!(many.orderQuantity instanceof Float64Array) || many.orderQuantity.length !== 2) throw new Error("batch rq");
    equal(many.orderQuantity[1], fc.rq({ holdingCost: 0.225, stockoutCost: 7.5, fixedCost: 8, demandMean: 2600, demandSd: 150, leadTime: 1 / 12 }).orderQuantity, "batch row = scalar");
    const ss = fc.ssPolicy({ holdingCost: 1, stockoutCost: 4, fixedCost: 5, demandMean: [6, 12] });
    equal(ss.orderUpToLevel.length, 2, "batch (s, S)");
  });

  add("stockpyl Wagner-Whitin and finite-horizon vectors", () => {
    // stockpyl lists are 1-indexed with a placeholder in front; flowcast counts periods from 0.
    const periods = (x, t) => (Array.isArray(x) ? (x.length === t + 1 ? x.slice(1) : x) : x);
    let n = 0;
    for (const v of vectors("wagner_whitin.wagner_whitin")) {
      const i = v.inputs;
      const t = i.num_periods;
      const plan = fc.wagnerWhitin({ demand: periods(i.demand, t), holdingCost: periods(i.holding_cost, t), fixedCost: periods(i.fixed_cost, t), purchaseCost: periods(i.purchase_cost ?? 0, t) });
      near(plan.cost, v.outputs.cost, v.tol.abs, v.tol.rel, `${v.id} cost`);
      equal(Array.from(plan.orderQuantities).join(), v.outputs.order_quantities.slice(1).join(), `${v.id} orders`);
      equal(Array.from(plan.nextOrderPeriods, (s) => s + 1).join(), v.outputs.next_order_periods.slice(1).join(), `${v.id} next orders`);
      plan.costsToGo.forEach((c, j) => near(c, v.outputs.costs_to_go[j + 1], v.tol.abs, v.tol.rel, `${v.id} theta[${j}]`));
      n++;
    }
    if (n < 16) throw new Error(`only ${n} Wagner-Whitin vectors`);
    for (const v of vectors("finite_horizon.finite_horizon_dp")) {
      const i = v.inputs;
      const r = fc.finiteHorizon({
        periods: i.num_periods, holdingCost: i.holding_cost, stockoutCost: i.stockout_cost, purchaseCost: i.purchase_cost, fixedCost: i.fixed_cost,
        demandMean: i.demand_mean, demandSd: i.demand_sd, terminalHoldingCost: i.terminal_holding_cost, terminalStockoutCost: i.terminal_stockout_cost,
      });
      equal(Array.from(r.reorderPoints).join(), v.outputs.reorder_points.slice(1).join(), `${v.id} s`);
      equal(Array.from(r.orderUpToLevels).join(), v.outputs.order_up_to_levels.slice(1).join(), `${v.id} S`);
      near(r.totalCost, v.outputs.total_cost, v.tol.abs, v.tol.rel, `${v.id} cost`);
      equal(r.costToGo.length, i.num_periods + 1, `${v.id} programme rows`);
      n++;
    }
    // Myopic bounds and the level at a given myopic cost (stockpyl's docstring values).
    const b = fc.myopicBounds({ periods: 5, holdingCost: 1, stockoutCost: 20, purchaseCost: 2, fixedCost: 50, demandMean: 100, demandSd: 20, terminalHoldingCost: 1, terminalStockoutCost: 20 });
    near(b.orderUpToLower[0], 133.36782387894158, 1e-9, 1e-9, "S underbar");
    near(b.orderUpToUpper[0], 191.66022942788436, 1e-9, 1e-9, "S overbar");
    near(b.reorderLower[0], 110.26036848597217, 1e-9, 1e-9, "s underbar");
    const myopic = { cost: 18, holdingCost: 0.18, stockoutCost: 0.7, purchaseCost: 0.3, purchaseCostNext: 0.35, demandMean: 50, demandSd: 8, discountFactor: 0.98 };
    near(fc.myopicLevelAtCost(myopic), 49.394684658734164, 1e-9, 1e-9, "myopic level below");
    near(fc.myopicLevelAtCost({ ...myopic, side: "above" }), 71.84861989932769, 1e-9, 1e-9, "myopic level above");
    // Batches: rows per SKU, each equal to its own call; a column of one value per SKU.
    const demand = [[90, 120, 80, 70], [10, 0, 300, 5]];
    const plans = fc.wagnerWhitin({ demand, holdingCost: 2, fixedCost: [[500], [50]] });
    equal(plans.orderQuantities.length, 2, "batch rows");
    equal(plans.cost[1], fc.wagnerWhitin({ demand: demand[1], holdingCost: 2, fixedCost: 50 }).cost, "batch row = single");
    const many = fc.finiteHorizon({ periods: 3, holdingCost: 1, stockoutCost: 20, purchaseCost: 2, fixedCost: [[50], [0]], demandMean: 100, demandSd: 20 });
    equal(many.reorderPoints.length, 2, "finite-horizon batch rows");
    equal(Array.from(many.reorderPoints[1]).join(), Array.from(many.orderUpToLevels[1]).join(), "K = 0 gives base stock");
  });

  add("stockpyl multi-echelon and simulation vectors", () => {
    // Guaranteed service: `nodes` networks, or serial lists with node 1 (downstream) first.
    const gsmStages = (i) => {
      if (i.nodes) {
        const pos = new Map(i.nodes.map((n, k) => [n.index, k]));
        const stages = i.nodes.map((n) => ({
          holdingCost: n.local_holding_cost, processingTime: n.processing_time, demandBoundConstant: n.demand_bound_constant ?? undefined,
          externalInboundCst: n.external_inbound_cst ?? undefined, externalOutboundCst: n.external_outbound_cst ?? undefined,
          demandMean: n.demand_mean ?? undefined, demandSd: n.demand_sd ?? undefined,
        }));
        const edges = i.nodes.flatMap((n) => n.predecessors.map((p) => [pos.get(p), pos.get(n.index)]));
        return { stages, edges, ids: i.nodes.map((n) => n.index) };
      }
      const n = i.num_nodes;
      const stages = Array.from({ length: n }, (_, k) => ({
        holdingCost: i.local_holding_cost[k], processingTime: i.processing_time[k], demandBoundConstant: i.demand_bound_constant,
        externalInboundCst: k === n - 1 ? i.external_inbound_cst : undefined, externalOutboundCst: k === 0 ? i.external_outbound_cst : undefined,
        demandMean: k === 0 ? i.demand_mean : undefined, demandSd: k === 0 ? i.demand_standard_deviation : undefined,
      }));
      return { stages, edges: Array.from({ length: n - 1 }, (_, k) => [k + 1, k]), ids: stages.map((_, k) => k + 1) };
    };
    let n = 0;
    for (const v of [...vectors("gsm_serial.optimize_committed_service_times"), ...vectors("gsm_tree.optimize_committed_service_times")]) {
      const { stages, edges, ids } = gsmStages(v.inputs);
      const best = fc.guaranteedService({ stages, edges });
      near(best.cost, v.outputs.cost, v.tol.abs, v.tol.rel, `${v.id} cost`);
      const theirs = fc.guaranteedService({ stages, edges, outboundCst: ids.map((k) => v.outputs.cst[k]) });
      near(theirs.cost, best.cost, v.tol.abs, v.tol.rel, `${v.id} cost of stockpyl's CSTs`);
      n++;
    }
    // Serial stochastic service: stockpyl lists run upstream first; node networks by index.
    const serial = (i) => {
      if (i.nodes) {
        const nodes = [...i.nodes].sort((a, b) => a.index - b.index);
        return { echelonHoldingCost: nodes.map((x) => x.echelon_holding_cost), leadTime: nodes.map((x) => x.shipment_lead_time),
          stockoutCost: nodes[0].stockout_cost, demandMean: nodes[0].demand_mean, demandSd: nodes[0].demand_sd };
      }
      return { echelonHoldingCost: [...i.echelon_holding_cost].reverse(), leadTime: [...i.lead_time].reverse(),
        stockoutCost: i.stockout_cost, demandMean: i.demand_mean, demandSd: i.demand_standard_deviation };
    };
    for (const v of vectors("ssm_serial.optimize_base_stock_levels")) {
      const r = fc.serialBaseStock(serial(v.inputs));
      near(r.cost, v.outputs.cost, v.tol.abs, v.tol.rel, `${v.id} cost`);
      r.echelonBaseStock.forEach((s, j) => near(s, v.outputs.echelon_S[j + 1], v.tol.abs, v.tol.rel, `${v.id} S${j + 1}`));
      n++;
    }
    const chain = { echelonHoldingCost: [3, 2, 2], leadTime: [1, 1, 2], demandMean: 5, demandSd: 1 };
    const held = fc.serialHoldingCost({ ...chain, echelonBaseStock: [6.49, 12.02, 22.71] });
    near(held, 43.1617, 1e-3, 0, "holding cost alone");
    if (!(held < fc.serialBaseStock({ ...chain, stockoutCost: 37.12 }).cost)) throw new Error("holding cost above the total");
    for (const v of vectors("ssm_serial.newsvendor_heuristic")) {
      fc.serialNewsvendorHeuristic(serial(v.inputs)).forEach((s, j) => near(s, v.outputs.echelon_S[j + 1], v.tol.abs, v.tol.rel, `${v.id} S${j + 1}`));
      n++;
    }
    const policies = { BS: () => ({ type: "baseStock" }), sS: (i) => ({ type: "sS", reorderPoint: i.reorder_point, orderUpToLevel: i.order_up_to_level }),
      rQ: (i) => ({ type: "rQOneLot", reorderPoint: i.reorder_point, orderQuantity: i.order_quantity }) };
    for (const v of vectors("sim.simulation_single_stage")) {
      const i = v.inputs;
      const r = fc.simulate({ periods: i.num_periods, stockoutCost: i.stockout_cost, demand: i.demand_list, eventOrder: "demandFirst",
        stages: [{ holdingCost: i.local_holding_cost, leadTime: i.shipment_lead_time, baseStockLevel: i.base_stock_level, initialInventoryLevel: i.initial_inventory_level }],
        policy: policies[i.policy_type](i) });
      near(r.totalCost, v.outputs.total_cost, v.tol.abs, v.tol.rel, `${v.id} total`);
      v.outputs.periods.forEach((p) => near(r.inventoryLevel[0][p.t], p.inventory_level, v.tol.abs, v.tol.rel, `${v.id} IL[${p.t}]`));
      n++;
    }
    for (const v of vectors("sim.simulation_serial_base_stock")) {
      const i = v.inputs;
      const at = (list, node) => list[i.lists_are_for_nodes.indexOf(node)];
      const nodes = Array.from({ length: i.num_nodes }, (_, k) => k + 1);
      const r = fc.simulate({ periods: i.num_periods, stockoutCost: i.stockout_cost, demand: i.demand_list, eventOrder: "demandFirst",
        stages: nodes.map((k) => ({ holdingCost: at(i.local_holding_cost, k), leadTime: at(i.shipment_lead_time, k), baseStockLevel: at(i.base_stock_level, k) })) });
      near(r.totalCost, v.outputs.total_cost, v.tol.abs, v.tol.rel, `${v.id} total`);
      nodes.forEach((k) => equal(Array.from(r.inventoryLevel[k - 1]).join(), v.outputs.inventory_level_by_node[k].join(), `${v.id} node ${k}`));
      n++;
    }
    if (n < 40) throw new Error(`only ${n} vectors`);
    // Random demand replays exactly for a seed.
    const sim = (seed) => fc.simulate({ periods: 100, stockoutCost: 9, demand: { distribution: "poisson", mean: 5 }, seed,
      stages: [{ holdingCost: 1, leadTime: 1, baseStockLevel: 12 }] }).totalCost;
    equal(sim(4), sim(4), "seeded simulation replays");
  });

  add("practitioner safety-stock and service cases", () => {
    let covered = 0;
    for (const c of data.practitioner.cases) {
      const i = c.inputs ?? {};
      const check = (key, got) => near(got, c.expected[key], 5e-11, c.tol_rel ?? 1e-9, `${c.id} ${key}`);
      if (c.id.startsWith("ss-demand-and-leadtime")) {
        const r = fc.safetyStock({ demandMean: i.mu_demand_per_day, demandSd: i.sd_demand_per_day, leadTime: i.mu_leadtime_days, leadTimeSd: i.sd_leadtime_days, safetyFactor: i.z });
        check("sigma_ltd", r.leadTimeDemandSd);
        check("safety_stock", r.safetyStock);
        check("reorder_point", r.reorderPoint);
      } else if (c.id === "ss-demand-only") {
        const r = fc.safetyStock({ demandMean: 0, demandSd: i.sd_demand_per_day, leadTime: i.leadtime_days, cycleServiceLevel: i.csl });
        check("z", r.safetyFactor);
        check("safety_stock", r.safetyStock);
      } else if (c.id.startsWith("G(")) {
        check("G", fc.standardNormalLoss(i.k));
        check("csl", fc.cycleService({ safetyFactor: i.k, leadTimeDemandSd: 1, orderQuantity: 1 }).cycleServiceLevel);
      } else if (c.id.startsWith("fill-rate-rQ")) {
        const r = fc.cycleService({ safetyFactor: i.k, leadTimeDemandSd: i.sigma_ltd, orderQuantity: i.Q });
        check("expected_shortage_per_cycle", r.expectedShortagePerCycle);
        check("fill_rate", r.fillRate);
        check("csl", r.cycleServiceLevel);
      } else if (c.id.startsWith("order-up-to")) {
        const r = fc.safetyStock({ demandMean: i.mu_per_period, demandSd: i.sd_per_period, leadTime: i.leadtime, reviewPeriod: i.review_period, cycleServiceLevel: i.csl });
        check("z", r.safetyFactor);
        check("order_up_to", r.reorderPoint);
        check("safety_stock", r.safetyStock);
      } else if (c.id === "eoq-example-3.1" || c.id === "eoq-total-cost-with-purchase") {
        const r = fc.eoq({ fixedCost: i.K, holdingCost: i.h, demandRate: i.lam });
        check("Q", r.orderQuantity);
        check("cost" in c.expected ? "cost" : "annual_cost_ex_purchase", r.cost);
      } else if (c.id.startsWith("eoq-all-units") || c.id.startsWith("eoq-incremental")) {
        const r = fc.eoqWithDiscounts({ fixedCost: i.K, holdingCostRate: i.i, demandRate: i.lam, breakpoints: i.breakpoints, unitCosts: i.unit_costs,
          kind: c.id.startsWith("eoq-all-units") ? "allUnits" : "incremental" });
        check("Q", r.orderQuantity);
        check("region", r.region);
        check("cost", r.cost);
      } else if (c.id.startsWith("epq-")) {
        const r = fc.economicProductionQuantity({ fixedCost: i.K, holdingCost: i.h, demandRate: i.lam, productionRate: i.mu });
        check("Q", r.orderQuantity);
        check("cost", r.cost);
      } else if (c.id.startsWith("eoqb-")) {
        const r = fc.eoqWithBackorders({ fixedCost: i.K, holdingCost: i.h, stockoutCost: i.p, demandRate: i.lam });
        check("Q", r.orderQuantity);
        check("x", r.stockoutFraction);
        check("cost", r.cost);
      } else if (c.id.startsWith("jrp-")) {
        const r = fc.jointReplenishment({ sharedFixedCost: i.K, individualFixedCosts: i.k, holdingCosts: i.h, demandRates: i.lam });
        equal(Array.from(r.orderMultiples).join(), c.expected.m.join(), `${c.id} multiples`);
        r.orderQuantities.forEach((q, j) => near(q, c.expected.Q[j], 5e-11, 1e-9, `${c.id} Q[${j}]`));
        check("T", r.baseCycleTime);
        check("cost", r.cost);
      } else if (c.id.startsWith("newsvendor-")) {
        const r = fc.newsvendor({ holdingCost: i.h, stockoutCost: i.p, mean: i.mu, sd: i.sigma });
        check("S", r.baseStockLevel);
        check("cost", r.cost);
      } else if (c.id.startsWith("zheng-federgruen")) {
        // The published table is in vectors_dev.json: each (s, S)'s cost, and an optimum as cheap.
        const table = data.vectors.vectors.filter((v) => (v.source ?? "").startsWith("Zheng & Federgruen (1991) Table"));
        equal(table.length, 24, "Zheng-Federgruen table");
        for (const v of table) {
          const j = v.inputs;
          const base = { holdingCost: j.holding_cost, stockoutCost: j.stockout_cost, fixedCost: j.fixed_cost, demandMean: j.demand_mean };
          const got = fc.ssPolicy({ ...base, reorderPoint: j.reorder_point, orderUpToLevel: j.order_up_to_level }).cost;
          near(got, v.outputs.cost, v.tol.abs, v.tol.rel, v.id);
          if (fc.ssPolicy(base).cost > got + 1e-9) throw new Error(`${v.id}: optimum above the published cost`);
        }
      } else {
        continue;
      }
      covered++;
    }
    equal(covered, 21, "practitioner cases covered");
  });

  add("safety stock from forecast quantiles", () => {
    // Quantiles of N(100, 20²) give back the mean-and-sd buffer.
    const levels = [0.1, 0.5, 0.9, 0.99];
    const z = [-1.2815515655446004, 0, 1.2815515655446004, 2.3263478740408408];
    const rows = [z.map((x) => 100 + 20 * x), z.map((x) => 40 + 5 * x)];
    const q = fc.safetyStockFromQuantiles({ quantiles: rows, levels, cycleServiceLevel: 0.95 });
    const d = fc.safetyStock({ demandMean: [100, 40], demandSd: [20, 5], leadTime: 1, cycleServiceLevel: 0.95 });
    [0, 1].forEach((i) => near(q.reorderPoint[i], d.reorderPoint[i], 1e-9, 1e-9, `row ${i}`));
    const one = fc.safetyStockFromQuantiles({ quantiles: [80, 100, 130, 175], levels, cycleServiceLevel: 0.9, mean: 104 });
    equal(one.reorderPoint, 130, "reorder point at a given level");
    equal(one.safetyStock, 26, "safety stock from the point forecast");
    throwsValidation(() => fc.safetyStockFromQuantiles({ quantiles: [[1, 2], [3, 1]], levels: [0.5, 0.9], cycleServiceLevel: 0.9 }), "out_of_range", "values[1, 1]", "decreasing quantiles");
  });

  add("every MKT case", () => {
    equal(data.mkt.mkt.length, 21, "MKT case count");
    for (const c of data.mkt.mkt) {
      const temps = Array.isArray(c.temps_c) ? c.temps_c : week();
      const got = fc.meanKineticTemperature(temps, {
        weights: c.weights ?? undefined,
        deltaH: c.dH_J_per_mol / 1000,
        gasConstant: c.R_J_per_mol_K / 1000,
      });
      near(got, c.expected.mkt_c, c.tol_abs_c, 0, c.id);
    }
  });

  add("every Arrhenius, Q10 and shelf-life case", () => {
    equal(data.mkt.arrhenius.length, 17, "Arrhenius case count");
    for (const c of data.mkt.arrhenius) {
      const k = { deltaH: c.Ea_J_per_mol / 1000, gasConstant: c.R / 1000 };
      if ("acceleration_factor" in c.expected) {
        near(fc.accelerationFactor(c.T_c, c.T_ref_c, k), c.expected.acceleration_factor, 0, c.tol_rel, c.id);
      } else {
        const s = fc.shelfLifeConsumed(c.profile_temps_c, c.profile_hours, c.T_ref_c, c.shelf_life_ref_h, k);
        near(s.equivalentAtRef, c.expected.equivalent_hours_at_ref, 0, c.tol_rel, c.id);
        near(s.fractionConsumed, c.expected.fraction_consumed, 0, c.tol_rel, c.id);
        near(s.remainingAtRef, c.expected.remaining_h_at_ref, 0, c.tol_rel, c.id);
      }
    }
    equal(data.mkt.q10.length, 14, "Q10 case count");
    for (const c of data.mkt.q10) {
      if ("rate_ratio" in c.expected) {
        near(fc.accelerationFactor(c.T_c, c.T_ref_c, { q10: c.Q10 }), c.expected.rate_ratio, 0, c.tol_rel, c.id);
      } else {
        near(fc.q10FromArrhenius(c.T_ref_c, { deltaH: c.Ea_J_per_mol / 1000, gasConstant: c.R / 1000 }), c.expected.Q10, 0, c.tol_rel, c.id);
      }
    }
    const many = fc.accelerationFactor([15, 25], 5, { q10: 2 });
    equal(many instanceof Float64Array && many[1], 4, "arrays give a Float64Array");
  });

  add("every excursion case, and streaming equals batch", () => {
    for (const c of data.mkt.excursion) {
      const b = c.stability_budget;
      const r = fc.analyzeExcursions(c.timestamps_min, c.temps_c, { range: c.range_c, budgets: b ? [{ band: b.band_c, minutes: b.budget_min }] : [] });
      for (const [ours, theirs] of [["minutesAbove", "minutes_above"], ["minutesBelow", "minutes_below"], ["minutesOutOfRange", "minutes_out_of_range"], ["eventCount", "event_count"], ["longestEventMin", "longest_event_min"]]) {
        near(r[ours], c.expected[theirs], 1e-9, 0, `${c.id} ${ours}`);
      }
      c.expected.events.forEach((e, i) => {
        equal(r.events[i].kind, e.kind, `${c.id} kind`);
        near(r.events[i].startMin, e.start_min, 1e-9, 0, `${c.id} start`);
        near(r.events[i].durationMin, e.duration_min, 1e-9, 0, `${c.id} duration`);
        near(r.events[i].peakC, e.peak_c, 1e-9, 0, `${c.id} peak`);
      });
      near(b ? r.budgets[0].usedMinutes : 0, c.expected.band_minutes, 1e-9, 0, `${c.id} band minutes`);
      if (b) near(r.budgets[0].remainingMinutes, b.expected_remaining_min, 1e-9, 0, `${c.id} remaining`);
      if (c.mkt_c !== undefined) near(r.mktC, c.mkt_c, 1e-6, 0, `${c.id} MKT`);
      // The same log through a tracker, stored and resumed half way.
      const options = { range: c.range_c, minDuration: 0 };
      let t = new fc.ExcursionTracker(options);
      const half = Math.floor(c.temps_c.length / 2);
      for (let i = 0; i < half; i++) t.push(c.timestamps_min[i], c.temps_c[i]);
      t = fc.ExcursionTracker.fromState(t.state());
      t.extend(c.timestamps_min.slice(half), c.temps_c.slice(half));
      equal(JSON.stringify(t.report()), JSON.stringify(fc.analyzeExcursions(c.timestamps_min, c.temps_c, options)), `${c.id} streaming`);
    }
    const crt = fc.analyzeExcursions([0, 60, 6000], [28, 22, 22], { product: "controlled_room" });
    equal(crt.verdict.status, "acceptable", "CRT excursion under the MKT limit");
    equal(fc.excursionRules({ product: "controlled_room" }).allowed, "[15, 30]", "preset allowance");
    throwsValidation(() => fc.analyzeExcursions([0, 1, 1], [5, 5, 5]), "not_increasing", "timestamps[2]", "repeated timestamp");
    throwsValidation(() => fc.analyzeExcursions([0, 1], [5, NaN]), "not_finite", "temps_c[1]", "NaN reading");
    throwsValidation(() => fc.analyzeExcursions([0, 1], [5, 5], { product: "tropical" }), "wrong_type", "product", "unknown product");
    throwsValidation(() => fc.analyzeExcursions([0, 1], [5, 5], { minDurtion: 5 }), "wrong_type", "options", "misspelt rule");
  });

  add("rolling and bucketed MKT", () => {
    const temps = Array.from({ length: 48 }, (_, i) => 5 + 3 * Math.sin(i / 5));
    const rolled = fc.rollingMeanKineticTemperature(temps, 24);
    equal(rolled.length, 25, "window count");
    near(rolled[10], fc.meanKineticTemperature(temps.slice(10, 34)), 1e-9, 0, "window 10");
    const buckets = [fc.kineticSums(temps.slice(0, 20)), fc.kineticSums(temps.slice(20))];
    near(fc.combineKineticSums(buckets), fc.meanKineticTemperature(temps), 1e-9, 0, "combined buckets");
  });

  add("every FEFO case", () => {
    equal(data.perishable.fefo.length, 13, "FEFO case count");
    for (const c of data.perishable.fefo) {
      const lots = c.inputs.lots.map((l) => ({ lot: l.lot, expiryDay: l.expiry_day, qty: l.qty }));
      const a = fc.fefoAllocate(lots, { qty: c.inputs.qty, shipDay: c.inputs.ship_day, minRemainingDays: c.inputs.min_remaining_days });
      equal(JSON.stringify(a.picks), JSON.stringify(c.expected.picks), `${c.id} picks`);
      equal(a.shortfall, c.expected.shortfall, `${c.id} shortfall`);
      equal(JSON.stringify(a.ineligibleLots), JSON.stringify(c.expected.ineligible_lots), `${c.id} ineligible`);
    }
    throwsValidation(() => fc.fefoAllocate([{ lot: "a", expiryDay: 3, qty: 1 }, { lot: "a", expiryDay: 4, qty: 1 }], { qty: 1, shipDay: 0 }), "duplicate", "lots[1].id", "duplicate lot");
  });

  add("waste projection and donation plan", () => {
    const p = fc.projectWaste([{ lot: "a", qty: 10, daysToExpiry: 2 }, { lot: "b", qty: 20, daysToExpiry: 5 }], { demandPerDay: 4 });
    equal(JSON.stringify(p.map((x) => [x.lot, x.unsold, x.fate])), JSON.stringify([["a", 2, "expires"], ["b", 8, "expires"]]), "projection");
    const plan = fc.planWaste({
      lots: [{ id: "a", site: "S", atRisk: 2, daysToExpiry: 2 }, { id: "b", site: "S", atRisk: 8, daysToExpiry: 5 }],
      destinations: [{ id: "bank", kind: "donation", capacity: 6, valuePerUnit: 0.5 }],
      legs: [{ from: "S", to: "bank", km: 12 }],
    });
    equal(plan.totals.unitsRescued, 6, "units rescued");
    equal(plan.totals.unitsWasted, 4, "units wasted");
    throwsValidation(() => fc.planWaste({ lots: [{ id: "a", site: "S", atRisk: -1, daysToExpiry: 2 }] }), "negative", "lots[0].at_risk", "negative at-risk");
  });

  add("every perishable vector, De Moor's best base stock, simulation", () => {
    equal(data.perishable.perishable.length, 12, "perishable case count");
    const keys = ["expected_order", "expected_sales", "expected_lost_sales", "expected_outdate", "expected_end_on_hand", "fill_rate", "waste_fraction", "n_states"];
    const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    for (const c of data.perishable.perishable) {
      const i = c.inputs;
      const got = fc.perishableBaseStock({ lifetime: i.lifetime_m, orderUpTo: i.order_up_to_S, demandMean: i.poisson_mean, issuing: i.issuing.toLowerCase() });
      for (const k of keys) near(got[camel(k)], c.expected[k], c.tol_abs, 0, `${c.id} ${k}`);
    }
    const ref = data.perishable.published_reference[0];
    for (const issuing of ["lifo", "fifo"]) {
      const best = fc.optimizePerishableBaseStock({
        lifetime: ref.inputs.max_useful_life, leadTime: ref.inputs.lead_time, issuing, maxOrder: ref.inputs.max_order_quantity,
        gamma: { mean: 4, cov: 0.5, maxDemand: 100 }, orderCost: ref.inputs.variable_order_cost, shortageCost: ref.inputs.shortage_cost,
        wastageCost: ref.inputs.wastage_cost, holdingCost: ref.inputs.holding_cost,
      });
      equal(best.baseStock, ref.expected[`${issuing.toUpperCase()}_best_base_stock_S`], `De Moor ${issuing}`);
    }
    const sim = fc.simulatePerishable({ lifetime: 2, orderUpTo: 5, demandMean: 3, periods: 100000, seed: 3 });
    near(sim.metrics.expectedOutdate, 0.344551091502, 5 * sim.stdErrors.outdate + 1e-9, 0, "simulated outdate");
    const policy = fc.perishableOptimalPolicy({ lifetime: 2, leadTime: 1, demandMean: 5, maxOrder: 10, orderCost: 0.5, price: 1 });
    equal(Math.round(policy.averageReward * 100) / 100, data.perishable.published_reference[1].expected.m2_exp1_pi, "Hendrix m = 2");
    throwsValidation(() => fc.perishableBaseStock({ lifetime: 0, orderUpTo: 5, demandMean: 3 }), "out_of_range", "lifetime", "lifetime 0");
    throwsValidation(() => fc.perishableBaseStock({ lifetime: 2, orderUpTo: 5, demandMean: 3, demandPmf: [1] }), "wrong_type", "demandMean", "two demand laws");
    throwsValidation(() => fc.perishableBaseStock({ lifetime: 2, orderUpTo: -1, demandMean: 3 }), "negative", "base_stock", "negative level");
  });

  add("forecast one series and many, with intervals and fallbacks", () => {
    const season = Array.from({ length: 48 }, (_, t) => 100 + 20 * [0, 1, 2, 1][t % 4] + t);
    const one = fc.forecast(season, { h: 4, seasonLength: 4, models: ["auto_ets", "auto_theta", "seasonal_naive"], level: [80] });
    equal(one.AutoETS.length, 4, "AutoETS steps");
    for (const m of ["AutoETS", "AutoTheta", "SeasonalNaive"]) {
      for (let i = 0; i < 4; i++) {
        if (!(one[`${m}-lo-80`][i] <= one[m][i] && one[m][i] <= one[`${m}-hi-80`][i])) throw new Error(`${m} band at ${i}`);
      }
    }
    near(one.SeasonalNaive[0], season[44], 0, 0, "seasonal naive repeats the last season");
    const many = fc.forecast([[0, 3, 0, 0, 4, 0, 2], new Float64Array([1, 2, 3])], { h: 2, models: ["croston_sba", "seasonal_naive"], seasonLength: 4 });
    equal(many.length, 2, "two series");
    near(many[0].CrostonSBA[0], 0.95 * 2.99 / 2.09, 1e-12, 0, "Croston SBA");
    equal(typeof many[1]["SeasonalNaive-fallback"], "string", "short series fall back and say why");
    throwsValidation(() => fc.forecast([1, 2, NaN], { h: 1, models: ["naive"] }), "not_finite", "series[0].y[2] (Naive)", "NaN in a series");
    throwsValidation(() => fc.forecast([1, 2], { h: 1, models: ["prophet"] }), "wrong_type", "models", "unknown model");
    throwsValidation(() => fc.forecast([1, 2], { h: 0 }), "wrong_type", "h", "zero horizon");
  });

  add("cross-validation with and without refitting", () => {
    const season = Array.from({ length: 48 }, (_, t) => 100 + 20 * [0, 1, 2, 1][t % 4] + t + ((t * 7) % 5));
    const opts = { h: 4, seasonLength: 4, models: ["auto_ets", "croston_sba"], level: [80], nWindows: 3, stepSize: 4 };
    const always = fc.crossValidation(season, opts);
    const once = fc.crossValidation(season, { ...opts, refit: false });
    equal(always.length, 3, "three origins");
    equal(once[2].cutoff, 43, "last origin h before the end");
    near(once[2].actual[0], season[44], 0, 0, "actuals follow the origin");
    near(once[0].AutoETS[0], always[0].AutoETS[0], 1e-12, 0, "the first origin is a fit either way");
    if (!(once[1]["CrostonSBA-lo-80"][0] <= once[1].CrostonSBA[0])) throw new Error("conformal band");
    const many = fc.crossValidation([season, season.slice(0, 30)], { ...opts, refit: 2 });
    equal(many.length, 2, "two series");
    throwsValidation(() => fc.crossValidation(season, { ...opts, refit: -1 }), "wrong_type", "refit", "negative refit");
    throwsValidation(() => fc.crossValidation(season.slice(0, 10), opts), "out_of_range", "series[0].y", "too short");
  });

  add("fill-rate target is met and batches broadcast", () => {
    const r = fc.safetyStock({ demandMean: [100, 50], demandSd: 30, leadTime: 4, leadTimeSd: 1, fillRate: 0.98, orderQuantity: new Float64Array([400, 300]) });
    if (!(r.safetyStock instanceof Float64Array) || r.safetyStock.length !== 2) throw new Error("expected two rows");
    for (let j = 0; j < 2; j++) {
      const s = fc.cycleService({ safetyFactor: r.safetyFactor[j], leadTimeDemandSd: r.leadTimeDemandSd[j], orderQuantity: [400, 300][j] });
      near(s.fillRate, 0.98, 1e-12, 0, `row ${j} fill rate`);
    }
    equal(typeof fc.version(), "string", "version");
    // A one-element array broadcasts like a number, as in numpy.
    const one = fc.eoq({ fixedCost: [8], holdingCost: 0.225, demandRate: [1300, 2600, 5200] });
    equal(one.orderQuantity.length, 3, "one-element array broadcasts");
  });

  add("bad input throws ValidationError naming field and value", () => {
    const base = { fixedCost: 8, holdingCost: 0.2, demandRate: 100 };
    throwsValidation(() => fc.eoq({ ...base, fixedCost: NaN }), "not_finite", "fixed_cost", "NaN cost");
    throwsValidation(() => fc.eoq({ ...base, fixedCost: 0 }), "not_positive", "fixed_cost", "zero cost");
    throwsValidation(() => fc.eoq({ ...base, holdingCost: [0.2, -1] }), "not_positive", "holding_cost[1]", "negative cost");
    throwsValidation(() => fc.eoq({ ...base, demandRate: [] }), "empty", "demand_rate", "empty array");
    throwsValidation(() => fc.eoq({ ...base, demandRate: [1, 2], holdingCost: [1, 2, 3] }), "length_mismatch", "demand_rate", "mismatched lengths");
    throwsValidation(() => fc.eoq({ ...base, demandRate: ["a"] }), "wrong_type", "demandRate[0]", "text in an array");
    throwsValidation(() => fc.eoq({ fixedCost: 8, demandRate: 1 }), "wrong_type", "holdingCost", "missing option");
    throwsValidation(() => fc.eoq(undefined), "wrong_type", "options", "no options");
    throwsValidation(() => fc.safetyStock({ demandMean: 1, demandSd: 1, leadTime: 1, cycleServiceLevel: 1.2 }), "out_of_range", "cycle_service_level", "service level above 1");
    throwsValidation(() => fc.safetyStock({ demandMean: 1, demandSd: 1, leadTime: 1 }), "wrong_type", "options", "no target");
    throwsValidation(() => fc.standardNormalLoss([0, NaN]), "not_finite", "z[1]", "NaN z");
    throwsValidation(() => fc.standardNormalLossInverse(-1), "not_positive", "g", "negative g");
    throwsValidation(() => fc.normalLoss(1, 0, 0), "not_positive", "sd", "zero sd");
    throwsValidation(() => fc.meanKineticTemperature([5, -273.15]), "out_of_range", "temps_c[1]", "absolute zero");
    throwsValidation(() => fc.meanKineticTemperature([]), "empty", "temps_c", "no readings");
    throwsValidation(() => fc.meanKineticTemperature([5, 6], { weights: [1] }), "length_mismatch", "weights", "short weights");
    throwsValidation(() => fc.meanKineticTemperature("warm"), "wrong_type", "tempsC", "a string");
    throwsValidation(() => fc.meanKineticTemperature([5], { deltaH: [83, 100] }), "wrong_type", "deltaH", "array constant");
    throwsValidation(() => fc.meanKineticTemperature([5], { weight: [1] }), "wrong_type", "options", "misspelt MKT option");
    throwsValidation(() => fc.safetyStock({ demandMean: 1, demandSd: 1, leadTime: 1, leadTimeSD: 2, cycleServiceLevel: 0.9 }), "wrong_type", "options", "misspelt option");
    throwsValidation(() => fc.cycleService({ safetyFactor: NaN, leadTimeDemandSd: 1, orderQuantity: 1 }), "not_finite", "safety_factor", "NaN factor");
    throwsValidation(() => fc.cycleService({ safetyFactor: 1, leadTimeDemandSd: [1, -1], orderQuantity: 1 }), "negative", "lead_time_demand_sd[1]", "negative sd");
    throwsValidation(() => fc.cycleService({ safetyFactor: 1, leadTimeDemandSd: 1, orderQuantity: 0 }), "not_positive", "order_quantity", "zero Q");
    for (const f of [fc.standardNormalLossComplement, fc.standardNormalSecondLoss, fc.standardNormalSecondLossComplement]) {
      throwsValidation(() => f([Infinity]), "not_finite", "z[0]", `${f.name} of infinity`);
    }
    for (const f of [fc.normalLossComplement, fc.normalSecondLoss, fc.normalSecondLossComplement]) {
      throwsValidation(() => f(1, [0, NaN], 1), "not_finite", "mean[1]", `${f.name} with NaN mean`);
    }
    throwsValidation(() => fc.eoq({ fixedCost: 1e300, holdingCost: 1e-300, demandRate: 1e300 }), "not_finite", "order_quantity", "overflow");
    throwsValidation(() => fc.lossFunction({ distribution: "weibull", x: 1 }), "out_of_range", "distribution", "unknown distribution");
    throwsValidation(() => fc.newsvendor({ holdingCost: 0, stockoutCost: 1, mean: 5, sd: 1 }), "not_positive", "holding_cost", "free holding");
    throwsValidation(() => fc.newsvendor({ holdingCost: 1, stockoutCost: 1, distribution: "poisson", mean: 5, baseStockLevel: 2.5 }), "out_of_range", "base_stock_level", "fractional level");
    throwsValidation(() => fc.newsvendorExplicit({ revenue: 1, purchaseCost: 2, salvageValue: 0, mean: 5, sd: 1 }), "out_of_range", "revenue", "revenue below cost");
    throwsValidation(() => fc.myopic({ holdingCost: 1, stockoutCost: 2, purchaseCost: 5, purchaseCostNext: 0, demandMean: 1, demandSd: 1 }), "out_of_range", "purchase_cost", "myopic bounds");
    throwsValidation(() => fc.economicProductionQuantity({ fixedCost: 8, holdingCost: 1, demandRate: 10, productionRate: 5 }), "out_of_range", "production_rate", "slow production");
    throwsValidation(() => fc.eoqWithDiscounts({ fixedCost: 8, holdingCostRate: 0.3, demandRate: 10, breakpoints: [5, 10], unitCosts: [1, 0.9] }), "out_of_range", "breakpoints[0]", "breakpoints not from 0");
    throwsValidation(() => fc.jointReplenishment({ sharedFixedCost: 5, individualFixedCosts: [1, 2], holdingCosts: [1], demandRates: [1, 1] }), "length_mismatch", "holding_costs", "JRP lists");
    throwsValidation(() => fc.eoqWithBackorders({ fixedCost: 8, holdingCost: 1, stockoutCost: -1, demandRate: 10 }), "not_positive", "stockout_cost", "negative stockout cost");
    throwsValidation(() => fc.eoqWithDisruptions({ fixedCost: 8, holdingCost: 1, stockoutCost: 1, demandRate: 10, disruptionRate: 0, recoveryRate: 1 }), "not_positive", "disruption_rate", "no disruptions");
    throwsValidation(() => fc.lossFunction({ distribution: "poisson", mean: 3, x: [1, 2.5] }), "out_of_range", "x[1]", "fractional x");
    throwsValidation(() => fc.lossFunction({ distribution: "poisson", mean: 3, sd: 1, x: 1 }), "wrong_type", "options", "extra parameter");
    throwsValidation(() => fc.lossFunction({ distribution: "gamma", shape: 2, x: 1 }), "wrong_type", "scale", "missing parameter");
    throwsValidation(() => fc.lossFunction({ distribution: "poisson", mean: 3, x: 1, order: 3 }), "out_of_range", "order", "bad order");
    throwsValidation(() => fc.lossFunction({ distribution: "discrete", pmf: { 1: 0.5, 2: 0.4 }, x: 1 }), "out_of_range", "pmf", "pmf not summing to 1");
    throwsValidation(() => fc.rq({ holdingCost: 1, stockoutCost: 10, fixedCost: 5, demandMean: 100, demandSd: 10, leadTime: 1, method: "best" }), "out_of_range", "method", "unknown rq method");
    throwsValidation(() => fc.rq({ holdingCost: 1, stockoutCost: 10, fixedCost: 5, demandMean: 100, demandSd: 10, leadTime: 1, method: 3 }), "wrong_type", "method", "numeric rq method");
    throwsValidation(() => fc.rq({ holdingCost: 1, stockoutCost: 10, fixedCost: 5, demandMean: [100, -1], demandSd: 10, leadTime: 1 }), "not_positive", "demand_mean[1]", "negative demand");
    throwsValidation(() => fc.rqCost({ reorderPoint: 50, orderQuantity: 0, holdingCost: 1, stockoutCost: 10, fixedCost: 5, demandMean: 100, demandSd: 10, leadTime: 1 }), "not_positive", "order_quantity", "zero Q");
    throwsValidation(() => fc.rqPoisson({ holdingCost: 1, stockoutCost: 10, fixedCost: 5, demandMean: NaN, leadTime: 1 }), "not_finite", "demand_mean", "NaN Poisson mean");
    throwsValidation(() => fc.ssPolicy({ holdingCost: 1, stockoutCost: -10, fixedCost: 5, demandMean: 4 }), "not_positive", "stockout_cost", "negative stockout cost");
    throwsValidation(() => fc.ssPolicy({ holdingCost: 1, stockoutCost: 10, fixedCost: 5, pmf: { 0: 0.5, 1: 0.4 } }), "out_of_range", "pmf", "pmf not summing to 1");
    throwsValidation(() => fc.wagnerWhitin({ demand: [10, -1, 5], holdingCost: 1, fixedCost: 10 }), "negative", "demand[1]", "negative demand");
    throwsValidation(() => fc.wagnerWhitin({ demand: [[1, 2], [3, NaN]], holdingCost: 1, fixedCost: 10 }), "not_finite", "demand[1, 1]", "NaN in a batch");
    throwsValidation(() => fc.wagnerWhitin({ demand: [[1, 2], [3]], holdingCost: 1, fixedCost: 10 }), "length_mismatch", "demand[1]", "ragged rows");
    throwsValidation(() => fc.wagnerWhitin({ demand: [1, 2], holdingCost: [1, 2, 3], fixedCost: 10 }), "length_mismatch", "holdingCost", "periods disagree");
    throwsValidation(() => fc.wagnerWhitin({ demand: [], holdingCost: 1, fixedCost: 10 }), "empty", "demand", "no periods");
    throwsValidation(() => fc.finiteHorizon({ holdingCost: 1, stockoutCost: 20, demandMean: 100, demandSd: 20 }), "wrong_type", "periods", "no period count");
    throwsValidation(() => fc.finiteHorizon({ periods: 2, holdingCost: 1, stockoutCost: 20, demandMean: 100, demandSd: [20, 0] }), "not_positive", "demand_sd[1]", "zero sd");
    throwsValidation(() => fc.myopicLevelAtCost({ cost: 1, holdingCost: 0.18, stockoutCost: 0.7, purchaseCost: 0.3, purchaseCostNext: 0.35, demandMean: 50, demandSd: 8 }), "out_of_range", "cost", "cost below the minimum");
    throwsValidation(() => fc.guaranteedService({ stages: [{ holdingCost: 1, processingTime: 1 }, { holdingCost: 1, processingTime: 1 }], edges: [[0, 1], [1, 0]] }), "invalid_network", "edges[1]", "a two-stage loop");
    throwsValidation(() => fc.guaranteedService({ stages: [{ holdingCost: 1, processingTime: 1 }, { holdingCost: 1, processingTime: 1 }] }), "invalid_network", "edges", "a forest");
    throwsValidation(() => fc.guaranteedService({ stages: [{ holdingCost: 1, processingTime: 1.5 }] }), "out_of_range", "processing_time[0]", "fractional periods");
    throwsValidation(() => fc.serialBaseStock({ echelonHoldingCost: [1, 2], leadTime: [1, -1], stockoutCost: 10, demandMean: 5, demandSd: 1 }), "negative", "lead_time[1]", "negative lead time");
    throwsValidation(() => fc.simulate({ periods: 5, stockoutCost: 1, demand: [1, -2], stages: [{ holdingCost: 1, leadTime: 1, baseStockLevel: 3 }] }), "negative", "demand[1]", "negative demand");
    throwsValidation(() => fc.simulate({ periods: 5, stockoutCost: 1, demand: [1], stages: [{ holdingCost: 1, leadTime: 1 }], policy: { type: "fixed" } }), "out_of_range", "policy.type", "unknown policy");
    throwsValidation(() => fc.ssPolicy({ holdingCost: 1, stockoutCost: 10, fixedCost: 5, demandMean: 4, reorderPoint: 2 }), "wrong_type", "orderUpToLevel", "one level of a policy");
    throwsValidation(() => fc.ssPolicy({ holdingCost: 1, stockoutCost: 10, fixedCost: 5, demandMean: 4, pmf: { 0: 1 } }), "wrong_type", "options", "Poisson and pmf");
    throwsValidation(() => fc.ssPolicy({ holdingCost: [1, 2], stockoutCost: 10, fixedCost: 5, pmf: { 0: 1 } }), "wrong_type", "holdingCost", "array with a pmf");
    throwsValidation(() => fc.rqPoisson({ holdingCost: 1, stockoutCost: 10, fixedCost: 5, demandMean: 2, leadTime: 1, orderQuantity: 3 }), "wrong_type", "reorderPoint", "Q without r");
    throwsValidation(() => fc.ssPowerApproximation({ holdingCost: 1, stockoutCost: 10, fixedCost: 5, demandMean: 4, demandSd: [1, Infinity] }), "not_finite", "demand_sd[1]", "infinite sd");
    // The module still works after errors (nothing was left half-done).
    near(fc.eoq(base).orderQuantity, Math.sqrt((2 * 8 * 100) / 0.2), 1e-12, 1e-15, "after errors");
  });

  // Routing. The docs' JSON example: two vans, two load dimensions, time windows, an optional client.
  const twoVans = {
    format: "flowcast-vrp-problem",
    version: 1,
    name: "two-vans",
    dimensions: 2,
    depots: [{ name: "warehouse", x: 0, y: 0, twEarly: 0, twLate: 600 }],
    clients: [
      { name: "pharmacy-a", x: 30, y: 40, demand: [4, 1], service: 10, twEarly: 60, twLate: 120 },
      { name: "pharmacy-b", x: -20, y: 10, demand: [2, 0], service: 5 },
      { name: "clinic", x: 10, y: -50, demand: [1, 1], required: false, prize: 80 },
    ],
    vehicleTypes: [{ name: "van", count: 2, capacity: [10, 2], fixedCost: 50, unitDistanceCost: 1.2, unitDurationCost: 0.1, twLate: 480, maxDistance: 400 }],
  };
  // Three clients of demand 4 at three corners of a 10-square, capacity 10, CVRPLIB rounding: the
  // optimum is 54 (two neighbours together, 10 + 10 + 14, and the third alone, 10 + 10).
  const tiny = "NAME : tiny\nTYPE : CVRP\nDIMENSION : 4\nCAPACITY : 10\nEDGE_WEIGHT_TYPE : EUC_2D\n" +
    "NODE_COORD_SECTION\n1 0 0\n2 0 10\n3 10 10\n4 10 0\nDEMAND_SECTION\n1 0\n2 4\n3 4\n4 4\nDEPOT_SECTION\n1\n-1\nEOF\n";

  function routedOnce(routes, n, what) {
    const seen = routes.flat().sort((a, b) => a - b);
    equal(JSON.stringify(seen), JSON.stringify([...Array(n).keys()]), `${what}: every client once`);
  }

  add("solveVrp on a CVRPLIB X instance, checked by checkVrp", () => {
    const r = fc.solveVrp({ vrplib: data.x106 }, { timeLimit: 1, seed: 1 });
    equal(r.feasible, true, "feasible");
    if (!(r.cost >= 26362 && r.cost <= 26362 * 1.05)) throw new Error(`cost ${r.cost} not within 5 % of the BKS 26362`);
    if (!(r.seconds > 0 && r.seconds < 1.5)) throw new Error(`took ${r.seconds} s for a 1 s limit`);
    routedOnce(r.routes, 105, "X-n106-k14");
    equal(r.numVehicles, r.routes.length, "numVehicles");
    equal(JSON.stringify(r.vehicleTypes), JSON.stringify(r.routes.map(() => 0)), "vehicle types");
    const report = fc.checkVrp({ vrplib: data.x106 }, r);
    equal(report.feasible, true, "checker: feasible");
    equal(report.cost, r.cost, "checker: cost");
    equal(report.violations.length, 0, "checker: no violations");
  });

  add("solveVrp on a Solomon instance (text detected), within its fleet", () => {
    const r = fc.solveVrp(data.c101, { timeLimit: 0.5, seed: 2 });
    const report = fc.checkVrp({ solomon: data.c101 }, r);
    equal(report.feasible && r.feasible, true, `feasible (${JSON.stringify(report.violations.slice(0, 2))})`);
    near(report.cost, r.cost, 1e-9, 1e-9, "checker cost");
    if (!(r.numVehicles <= 25 && r.cost < 827.3 * 1.05)) throw new Error(`C101: ${r.numVehicles} vehicles, cost ${r.cost}`);
    routedOnce(r.routes, 100, "C101");
  });

  add("solveVrp on JSON problems, options, determinism and warm starts", () => {
    for (const problem of [twoVans, JSON.stringify(twoVans)]) {
      const r = fc.solveVrp(problem, { timeLimit: 0.2 });
      const report = fc.checkVrp(problem, r);
      equal(r.feasible && report.feasible, true, "two vans feasible");
      near(report.cost, r.cost, 1e-9, 1e-9, "two vans cost");
      equal(report.routes.length, r.routes.length, "route reports");
    }
    const a = fc.solveVrp(tiny, { timeLimit: null, maxIterations: 1000, seed: 7 });
    const b = fc.solveVrp({ vrplib: tiny }, { timeLimit: null, maxIterations: 1000, seed: 7 });
    equal(JSON.stringify(a.routes), JSON.stringify(b.routes), "same seed, same routes");
    equal(a.cost, 54, "tiny optimum");
    const warm = fc.solveVrp({ vrplib: tiny }, { timeLimit: 0.05, initial: [[2], [0, 1]] });
    if (!(warm.cost <= 54 && warm.feasible)) throw new Error(`warm start got worse: ${warm.cost}`);
    const again = fc.solveVrp({ vrplib: data.x106 }, { timeLimit: 0.1, seed: 3, initial: fc.solveVrp({ vrplib: data.x106 }, { timeLimit: 0.2 }) });
    if (!again.feasible) throw new Error("warm start from a result is infeasible");
    const report = fc.checkVrp({ vrplib: tiny }, [[0, 1, 2]]);
    equal(report.feasible, false, "overloaded route");
    equal(report.violations[0].code, "capacity_exceeded", "violation code");
    equal(report.violations[0].load, 12, "violation load");
    equal(report.violations[0].capacity, 10, "violation capacity");
    const missing = fc.checkVrp({ vrplib: tiny }, { routes: [[0]], vehicleTypes: [0] });
    equal(JSON.stringify(missing.unvisited), "[1,2]", "unvisited clients");
    equal(missing.violations.map((v) => v.code).join(), "required_not_visited,required_not_visited", "missing clients");
  });

  add("solveVrp and checkVrp reject bad input with typed errors", () => {
    const caught = (fn, what) => {
      try {
        fn();
      } catch (e) {
        if (!(e instanceof Error)) throw new Error(`${what}: threw a non-Error ${e}`);
        equal(e.name, "ValidationError", `${what}: name (${e.message})`);
        return e;
      }
      throw new Error(`${what}: no error thrown`);
    };
    const malformed = caught(() => fc.solveVrp({ vrplib: tiny.replace("3 10 10", "3 ten 10") }), "malformed VRPLIB");
    equal(malformed.code, "malformed", "malformed code");
    equal(malformed.line, 9, `malformed line (${malformed.message})`);
    if (!malformed.message.startsWith("line 9:")) throw new Error(`message: ${malformed.message}`);
    const bad = structuredClone(twoVans);
    bad.clients[0].demand = [-4, 1];
    Object.assign(bad.clients[1], { twEarly: 20, twLate: 10 });
    bad.vehicleTypes[0].startDepot = 3;
    const invalidProblem = caught(() => fc.solveVrp(bad), "invalid problem");
    equal(invalidProblem.issues.map((i) => i.code).join(), "negative,window_inverted,out_of_range", "issue codes");
    equal(invalidProblem.code, "negative", "first issue's code");
    equal(invalidProblem.field, "clients[0].demand[0]", "first issue's location");
    if (!invalidProblem.issues[2].action) throw new Error("issues carry an action");
    equal(caught(() => fc.solveVrp({ ...twoVans, version: 2 }), "version").code, "unsupported_version", "version code");
    throwsValidation(() => fc.solveVrp(tiny, { timelimit: 1 }), "wrong_type", "options", "misspelt option");
    throwsValidation(() => fc.solveVrp(tiny, { timeLimit: -1 }), "negative", "timeLimit", "negative limit");
    throwsValidation(() => fc.solveVrp(tiny, { timeLimit: "1" }), "wrong_type", "timeLimit", "text limit");
    throwsValidation(() => fc.solveVrp(tiny, { timeLimit: null }), "out_of_range", "timeLimit", "no limit at all");
    throwsValidation(() => fc.solveVrp(tiny, { seed: 1.5 }), "wrong_type", "seed", "fractional seed");
    throwsValidation(() => fc.solveVrp(tiny, { initial: [[0, 9]] }), "out_of_range", "initial", "unknown client in a warm start");
    throwsValidation(() => fc.solveVrp(42), "wrong_type", "problem", "a number as the problem");
    throwsValidation(() => fc.checkVrp(tiny, [[0, -1]]), "negative", "routes[0][1]", "negative index");
    throwsValidation(() => fc.checkVrp(tiny, [[0], "1"]), "wrong_type", "routes[1]", "a string route");
    throwsValidation(() => fc.checkVrp(tiny, { routes: [[0]], vehicleTypes: [0, 1] }), "length_mismatch", "vehicleTypes", "types per route");
    // Still usable after the errors.
    equal(fc.solveVrp(tiny, { timeLimit: null, maxIterations: 1000 }).cost, 54, "after errors");
  });

  return list;
}
