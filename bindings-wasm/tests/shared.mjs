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
  x106: "vrp/X/X-n106-k14.vrp",
  c101: "vrp/solomon/C101.txt",
};

// `.json` files are parsed; any other is handed over as its text.
export function loadData() {
  const dir = sharedDataDir();
  const load = (f) => {
    const text = readFileSync(join(dir, f), "utf8");
    return f.endsWith(".json") ? JSON.parse(text) : text;
  };
  return Object.fromEntries(Object.entries(DATA_FILES).map(([k, f]) => [k, load(f)]));
}
