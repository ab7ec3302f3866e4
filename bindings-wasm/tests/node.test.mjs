// The npm package's node flavour (pkg/node, CommonJS) under node:test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";

import { cases } from "./cases.mjs";
import { loadData, repo } from "./shared.mjs";

const require = createRequire(import.meta.url);
const fc = require(join(repo, "bindings-wasm/pkg/node/flowcast.js"));

for (const { name, run } of cases(fc, loadData())) {
  test(name, run);
}

test("the node example runs", () => {
  const out = execFileSync(process.execPath, [join(repo, "examples/web/node-example.mjs")], { encoding: "utf8" });
  assert.match(out, /^EOQ 304\.0 .*MKT 15\.68 °C/);
  assert.match(out, /routes \[\[.*\]\]: cost [0-9.]+, checked feasible at [0-9.]+/);
});
