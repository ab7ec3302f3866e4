// Where the shared reference data lives (same rule as the Rust and Python tests), and loading it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../..");

export function sharedDataDir() {
  const candidates = [process.env.FLOWCAST_SHARED_DATA, join(repo, "../shared/data"), "/work/shared/data"];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) throw new Error(`shared reference data not found in ${candidates}; set FLOWCAST_SHARED_DATA`);
  return found;
}

export const DATA_FILES = {
  vectors: "inventory/vectors_dev.json",
  practitioner: "inventory/practitioner_cases.json",
  mkt: "coldchain/mkt_vectors.json",
  perishable: "inventory/perishable_vectors_dev.json",
};

export function loadData() {
  const dir = sharedDataDir();
  return Object.fromEntries(Object.entries(DATA_FILES).map(([k, f]) => [k, JSON.parse(readFileSync(join(dir, f), "utf8"))]));
}
