/**
 * K⁺ → π⁺γ*γ* → π⁺e⁺e⁻e⁺e⁻ (src/decays/me/pi-gstar-gstar.ts). Without the positron exchange, the
 * spectrum of one pair's mass² x = m²_ee, integrated over the lepton angles, is the factorised
 * Kroll–Wada form ∫ds dy |A(s)|²[2(q₁·q₂)² + xy]/(x²y²)·β_x(x + 2m²)β_y(y + 2m²)·λ½(s,x,y)λ½(m²_K,s,m²_π)/s,
 * computed here by quadrature and compared bin by bin with the generated x (seeded; the χ² bound
 * follows from the sample size). Four-momentum conservation of the catalogue channel is covered by
 * conservation.test.ts; here the majorant is checked for both modes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kallen } from "../../src/core/kinematics.ts";
import { particleTable } from "../../src/core/particles.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { findChannel } from "../../src/decays/catalogue.ts";
import { PiGstarGstarGenerator } from "../../src/decays/me/pi-gstar-gstar.ts";
import { cHat, PiggAmplitude } from "../../src/decays/me/pigg.ts";
import { restFrameImbalance } from "../helpers/four-momentum.ts";
import { chi2, chi2Bound } from "../helpers/stat.ts";

const pt = particleTable();
const mK = pt.mass("K+");
const mPi = pt.mass("pi+");
const me = pt.mass("e-");
const ctx = { particles: pt };
const channel = findChannel("K+ -> pi+ e+ e- e+ e-");

/** generate n configurations in the kaon rest frame; visit sees the generator's four-vectors */
function sample(g: PiGstarGstarGenerator, n: number, seed: number, visit: () => void): void {
  const ar = g.prepare();
  const rng = stream(seed, 0, "test pi+ g* g*");
  for (let k = 0; k < n; k++) {
    while (!ar.accept(rng, g.trial(rng)));
    visit();
  }
}

/** the factorised density of x = q₁² (no exchange term), per unit ln x */
function lnXDensity(amp: PiggAmplitude, x: number): number {
  const m2 = me * me;
  const bx = Math.sqrt(Math.max(0, 1 - (4 * m2) / x));
  const yLo = 4 * m2;
  const yHi = (mK - mPi - Math.sqrt(x)) ** 2;
  if (!(yHi > yLo)) return 0;
  const ny = 80;
  const nt = 40;
  const lnY = Math.log(yHi / yLo);
  let total = 0;
  for (let iy = 0; iy <= ny; iy++) {
    const y = yLo * Math.exp((lnY * iy) / ny);
    const by = Math.sqrt(Math.max(0, 1 - (4 * m2) / y));
    const sLo = (Math.sqrt(x) + Math.sqrt(y)) ** 2;
    const sHi = (mK - mPi) ** 2;
    let inner = 0;
    if (sHi > sLo) {
      for (let it = 0; it <= nt; it++) {
        const th = (Math.PI * it) / nt;
        const s = sLo + ((sHi - sLo) * (1 - Math.cos(th))) / 2;
        const jac = ((sHi - sLo) / 2) * Math.sin(th);
        const z = s / (mK * mK);
        const q12 = (s - x - y) / 2;
        const X = 2 * q12 * q12 + x * y;
        const ps =
          (Math.sqrt(Math.max(0, kallen(s, x, y))) * Math.sqrt(Math.max(0, kallen(mK * mK, s, mPi * mPi)))) /
          s;
        const w = it === 0 || it === nt ? 1 : it % 2 ? 4 : 2;
        inner += (w * jac * (amp.zA2(z) / (z * z)) * X * ps) / 3;
      }
      inner *= Math.PI / nt;
    }
    const wy = iy === 0 || iy === ny ? 1 : iy % 2 ? 4 : 2;
    // dy = y d ln y
    total += (wy * y * inner * by * (y + 2 * m2)) / (y * y) / 3;
  }
  total *= lnY / ny;
  // per ln x: x · (x + 2m²)β_x/x²
  return (x * bx * (x + 2 * m2) * total) / (x * x);
}

describe("K+ -> pi+ gamma* gamma* -> pi+ e+ e- e+ e-", () => {
  it("one pair's m²_ee follows the factorised Kroll–Wada spectrum (no exchange term)", () => {
    const g = new PiGstarGstarGenerator(channel, ctx, cHat(), { exchange: false });
    const n = 20_000;
    const lo = Math.log(4 * me * me);
    const hi = Math.log((mK - mPi - 2 * me) ** 2);
    const nb = 12;
    const obs = new Float64Array(nb);
    sample(g, n, 3, () => {
      const u = Math.log(g.v.mass2(1, 2));
      obs[Math.min(nb - 1, Math.max(0, Math.floor(((u - lo) / (hi - lo)) * nb)))]++;
    });
    const amp = new PiggAmplitude(mK, mPi, cHat());
    const sub = 6;
    const dens: number[] = [];
    for (let k = 0; k < nb; k++) {
      let a = 0;
      for (let j = 0; j <= sub; j++) {
        const u = lo + ((k + j / sub) * (hi - lo)) / nb;
        a += (j === 0 || j === sub ? 1 : j % 2 ? 4 : 2) * lnXDensity(amp, Math.exp(u));
      }
      dens.push(a);
    }
    const tot = dens.reduce((s, x) => s + x, 0);
    const exp = dens.map((d) => (n * d) / tot);
    const { chi2: c, dof } = chi2(obs, exp);
    assert.ok(
      c < chi2Bound(dof),
      `χ² ${c.toFixed(1)} for ${dof} dof (bins ${[...obs]} vs ${exp.map((e) => e.toFixed(0))})`,
    );
    // the Kroll–Wada 1/q² pole: the lowest bins hold a sizeable fraction (uniform phase space: ~0)
    assert.ok(obs[0] + obs[1] > n / 20, `low-mass pairs ${obs[0] + obs[1]} of ${n}`);
    assert.equal(g.sampler.violations, 0, "weights above the majorant");
  });

  it("with Fermi statistics: four-momentum balance in the rest frame, no weight above the majorant", () => {
    const g = new PiGstarGstarGenerator(channel, ctx, cHat());
    let worst = 0;
    sample(g, 3000, 5, () => {
      worst = Math.max(worst, restFrameImbalance(g.v, 5, mK));
    });
    assert.ok(worst < 1e-9, `momentum imbalance ${worst}`);
    assert.equal(g.sampler.violations, 0, "weights above the majorant");
  });
});
