import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inverseDiagonal, invertSpd } from "../../src/stats/best-fit.ts";
import { Fitter } from "../../src/stats/fit.ts";
import { LikelihoodModel, type ModelSpec } from "../../src/stats/model.ts";
import { bigWorkspace } from "../../src/stats/pyhf/synthetic.ts";
import { buildPyhfSpec, parseWorkspace } from "../../src/stats/pyhf/workspace.ts";

/**
 * The same likelihood with every per-bin parameter made "global": a zero shift (histosys with
 * hi = lo = nominal) on it in the next bin changes no value or derivative but removes the block
 * structure, so the minimiser then solves the full dense system.
 */
function dense(spec: ModelSpec): ModelSpec {
  const out: ModelSpec = structuredClone(spec);
  const B = out.binLabels.length;
  const bins = new Map<number, Set<number>>();
  for (const t of out.terms)
    for (const m of t.modifiers) {
      let s = bins.get(m.param);
      if (!s) bins.set(m.param, (s = new Set()));
      s.add(t.bin);
    }
  for (const [p, s] of bins) {
    if (s.size !== 1) continue;
    const [b] = s;
    const t = out.terms.find((x) => x.bin === (b + 1) % B)!;
    t.modifiers.push({ type: "histosys", param: p, hi: t.nominal, lo: t.nominal, code: 0 });
  }
  return out;
}

describe("models with one parameter per bin (block elimination of the Newton step)", () => {
  const spec = buildPyhfSpec(parseWorkspace(bigWorkspace(60)));
  const sparse = new LikelihoodModel(spec);
  const full = new LikelihoodModel(dense(spec));
  it("the zero-shift copy has the same −ln L (the comparison below is meaningful)", () => {
    const x = Float64Array.from(sparse.init);
    x[1] = 1.03;
    assert.equal(full.nll(x, full.observedData()), sparse.nll(x, sparse.observedData()));
  });
  it("free and conditional fits reach the same minima as the dense solve (to 1e-9 in −ln L)", () => {
    const a = new Fitter(sparse);
    const b = new Fitter(full);
    const da = sparse.observedData();
    const db = full.observedData();
    const fa = a.fitFree(da);
    const fb = b.fitFree(db);
    assert.ok(Math.abs(fa.nll - fb.nll) < 1e-9, `${fa.nll} vs ${fb.nll}`);
    for (const mu of [0, 0.5, 2]) {
      const ca = a.fitFixed(mu, da).nll;
      const cb = b.fitFixed(mu, db).nll;
      assert.ok(Math.abs(ca - cb) < 1e-9, `mu=${mu}: ${ca} vs ${cb}`);
    }
  });
  it("the free fit is a stationary point: |∂(−ln L)/∂θ| < 1e-5 for parameters inside their bounds", () => {
    const f = new Fitter(sparse).fitFree(sparse.observedData());
    const P = sparse.nPar;
    const g = new Float64Array(P);
    sparse.nllGradHess(f.pars, sparse.observedData(), g, new Float64Array(P * P));
    for (let p = 0; p < P; p++) {
      if (sparse.fixed[p] || f.pars[p] <= sparse.lo[p] || f.pars[p] >= sparse.hi[p]) continue;
      assert.ok(Math.abs(g[p]) < 1e-5, `${sparse.names[p]}: ${g[p]}`);
    }
  });
  it("--fit uncertainties: the block-eliminated diagonal of H⁻¹ equals the dense inverse's (1e-10)", () => {
    const d = sparse.observedData();
    const f = new Fitter(sparse).fitFree(d);
    const P = sparse.nPar;
    const h = new Float64Array(P * P);
    sparse.nllGradHess(f.pars, d, new Float64Array(P), h);
    const free = new Uint8Array(P).fill(1);
    for (let p = 0; p < P; p++) if (sparse.fixed[p]) free[p] = 0;
    const idx = [...Array(P).keys()].filter((p) => free[p]);
    const n = idx.length;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = h[idx[i] * P + idx[j]];
    const inv = invertSpd(a, n)!;
    const diag = inverseDiagonal(sparse, h, free);
    idx.forEach((p, i) => {
      assert.ok(
        Math.abs(diag[p] / inv[i * n + i] - 1) < 1e-10,
        `${sparse.names[p]}: ${diag[p]} vs ${inv[i * n + i]}`,
      );
    });
  });
});
