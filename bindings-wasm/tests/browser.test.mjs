// The npm package's web flavour (pkg/web, ES module with init) in real headless Chromium,
// driven by playwright-core with Debian's chromium: the shared cases, then the README's
// JavaScript example through an import map, as a front-end developer would write it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

import { DATA_FILES, repo, sharedDataDir } from "./shared.mjs";

const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".html": "text/html" };

function serve() {
  // The shared data under /shared/, everything else from the repository root.
  const roots = { "/shared/": sharedDataDir() + "/", "/": repo + "/" };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/blank.html") {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>flowcast tests</title>");
      return;
    }
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    const file = prefix && normalize(join(roots[prefix], path.slice(prefix.length)));
    if (!file || !file.startsWith(roots[prefix]) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

function executablePath() {
  const found = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
  if (!found) throw new Error("Chromium not found: install Debian's chromium (make setup) or set CHROMIUM");
  return found;
}

test("the npm package in headless Chromium", async (t) => {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: executablePath(),
    headless: true,
    // Playwright gives every launch a fresh profile; these keep Chromium off the closed network.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${origin}/blank.html`);

    await t.test("shared cases", async () => {
      const results = await page.evaluate(async (files) => {
        const { default: init, ...fc } = await import("/bindings-wasm/pkg/web/flowcast.js");
        await init();
        const { cases } = await import("/bindings-wasm/tests/cases.mjs");
        const data = {};
        for (const [k, f] of Object.entries(files)) {
          const response = await fetch(`/shared/${f}`);
          data[k] = f.endsWith(".json") ? await response.json() : await response.text();
        }
        return cases(fc, data).map(({ name, run }) => {
          try {
            run();
            return { name, ok: true };
          } catch (e) {
            return { name, ok: false, message: String(e && e.message) };
          }
        });
      }, DATA_FILES);
      assert.ok(results.length >= 7, "all cases ran");
      for (const r of results) assert.ok(r.ok, `${r.name}: ${r.message}`);
    });

    await t.test("the README's JavaScript example", async () => {
      const readme = readFileSync(join(repo, "README.md"), "utf8");
      const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
      assert.ok(blocks.length > 0, "README has a js example");
      for (const code of blocks) {
        const logs = [];
        const p = await browser.newPage();
        p.on("console", (m) => logs.push(m.text()));
        p.on("pageerror", (e) => logs.push(`pageerror: ${e.message}`));
        await p.goto(`${origin}/blank.html`);
        const outcome = await p.evaluate(async (src) => {
          const map = document.createElement("script");
          map.type = "importmap";
          map.textContent = JSON.stringify({ imports: { flowcast: "/bindings-wasm/pkg/web/flowcast.js" } });
          document.head.append(map);
          const url = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
          try {
            await import(url);
            return "ok";
          } catch (e) {
            return `error: ${e && e.message}`;
          }
        }, code);
        assert.equal(outcome, "ok", logs.join("\n"));
        await p.close();
      }
    });
    await t.test("the web example page", async () => {
      const p = await browser.newPage();
      const logs = [];
      p.on("pageerror", (e) => logs.push(e.message));
      await p.goto(`${origin}/examples/web/index.html`);
      await p.waitForSelector("body[data-ready=true]", { timeout: 10_000 });
      assert.equal(await p.locator("#plan tr").count(), 4, logs.join("\n"));
      await p.fill("#demand", "5, abc");
      await p.click("#go");
      const error = await p.textContent("#error");
      assert.match(error, /ValidationError: demand_rate\[1\] = NaN/);
      assert.match(await p.textContent("#verdict"), /1 alert\(s\), 120 min out of range, MKT [0-9.]+ °C: acceptable/);
      await p.close();
    });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
