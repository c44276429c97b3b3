/**
 * The subsystem responses reproduce the performance numbers they are built from, measured
 * on the simulated output (residuals against the generator truth), not read back from the card.
 * Widths are estimated robustly (interquartile range / 1.349, standard error 1.166 σ/√N for a
 * Gaussian sample); the tolerance is 5 such errors. Where single (large-angle) Coulomb scattering
 * is simulated on top of the Gaussian resolution (GTK3, STRAW chambers 1–3: single-scattering.ts,
 * tails from 3 Highland θ₀, i.e. inside the core range), the robust width may exceed the Gaussian
 * one by an allowance stated at the check, never fall below it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type SimulationOptions, Simulator } from "../../src/chain/simulator.ts";
import { MAX_SLOTS } from "../../src/core/batch.ts";
import { particleTable } from "../../src/core/particles.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES } from "../../src/core/reco-batch.ts";
import { C_LIGHT } from "../../src/core/units.ts";
import { randomVetoExponent } from "../../src/detector/accidentals.ts";
import { loadPeriod } from "../../src/detector/card.ts";
import { geometry } from "../../src/detector/geometry.ts";
import { assertPull } from "../helpers/stat.ts";

const FV: [number, number] = [105000, 165000];
const pt = particleTable();
const M_PI = pt.mass("pi+");
const M_MU = pt.mass("mu+");

/** robust σ (IQR/1.349) and its standard error for a Gaussian sample */
function robustSigma(xs: number[]): { sigma: number; error: number; n: number } {
  const s = Float64Array.from(xs).sort();
  const q = (p: number) => {
    const x = p * (s.length - 1);
    const j = Math.floor(x);
    return s[j] + (x - j) * ((s[Math.min(j + 1, s.length - 1)] ?? s[j]) - s[j]);
  };
  const sigma = (q(0.75) - q(0.25)) / 1.349;
  return { sigma, error: (1.166 * sigma) / Math.sqrt(s.length), n: s.length };
}

/**
 * robust width w (in units of the expected Gaussian σ, so 1 = no excess) within 5 standard errors
 * below 1 and `allowance` + 5 standard errors above it
 */
function assertWidth(s: { sigma: number; error: number }, expected: number, allowance: number, what: string) {
  const r = s.sigma / expected;
  const e = s.error / expected;
  assert.ok(
    r >= 1 - 5 * e && r <= 1 + allowance + 5 * e,
    `${what}: ${s.sigma} vs ${expected}: ratio ${r.toFixed(4)} ± ${e.toFixed(4)}, allowed [1 − 5σ, 1 + ${allowance} + 5σ]`,
  );
}

function median(xs: number[]): number {
  const s = Float64Array.from(xs).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}

function simulate(
  opts: SimulationOptions,
  events: number,
  seed: number,
  sink: Parameters<Simulator["run"]>[3],
): Simulator {
  const sim = new Simulator(opts);
  sim.run(seed, 0, events, sink);
  return sim;
}

describe("subsystem responses on the simulated output (2018-S2)", () => {
  it("GTK: σp/p = 0.2%, σθ = 16 µrad per projection, σt = 100 ps for the kaon track", () => {
    const dp: number[] = [];
    const dtx: number[] = [];
    const dty: number[] = [];
    const dt: number[] = [];
    simulate({ channel: "K+ -> pi+ pi0", period: "2018-S2", zRange: FV }, 30000, 31, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        if (r.nGtk[i] < 1) continue;
        const o = i * MAX_GTK_CANDIDATES * GTK_FIELDS;
        const k = r.gtkCand;
        if (k[o + 6] !== 1) continue; // candidate 0 is the measured kaon
        const g = i * MAX_SLOTS;
        const p = Math.hypot(b.px[g], b.py[g], b.pz[g]);
        dp.push(k[o] / p - 1);
        dtx.push(k[o + 1] - b.px[g] / b.pz[g]);
        dty.push(k[o + 2] - b.py[g] / b.pz[g]);
        dt.push(k[o + 5] - b.t[g]);
      }
    });
    assert.ok(dp.length > 10000, `${dp.length} kaon tracks`);
    assertPull(robustSigma(dp).sigma, 0.002, robustSigma(dp).error, 5, "GTK σp/p");
    assertPull(robustSigma(dt).sigma, 0.1, robustSigma(dt).error, 5, "GTK σt (ns)");
    // the GTK3 single-scattering tail (0.5% X₀, θ > 3θ₀ ≈ 2σθ at 75 GeV/c) widens the angle: ≤ 5%
    assertWidth(robustSigma(dtx), 16e-6, 0.05, "GTK σθx (rad)");
    assertWidth(robustSigma(dty), 16e-6, 0.05, "GTK σθy (rad)");
  });

  it("GTK beam pile-up: ⟨extra tracks⟩ = 600 MHz × I × 2W × ε_GTK, and more wrong associations at higher intensity", () => {
    const run = (intensity: number) => {
      const card = [`beam.intensity=${intensity}`, "beam.spillIntensitySpread=0"];
      let n = 0;
      let extra = 0;
      let matched = 0;
      let wrong = 0;
      simulate({ channel: "K+ -> pi+ pi0", period: "2018-S2", zRange: FV, card }, 12000, 32, (b, r) => {
        for (let i = 0; i < b.size; i++) {
          if (r.trackSlot[i] < 0) continue;
          n++;
          const k = r.gtkCand;
          const o = i * MAX_GTK_CANDIDATES * GTK_FIELDS;
          extra += r.nGtk[i] - (r.nGtk[i] > 0 && k[o + 6] === 1 ? 1 : 0);
          if (r.gtkMatch[i] >= 0) matched++;
          if (r.gtkMatch[i] === 0) wrong++;
        }
      });
      return { n, extra: extra / n, wrong: wrong / matched, matched };
    };
    const card = loadPeriod("2018-S2");
    for (const I of [0.65, 2.6]) {
      const f = run(I);
      const lambda = 600 * I * 2 * card.gtk.matchWindowNs * 1e-3 * card.gtk.efficiency;
      // Poisson: the mean of n events has variance λ/n
      assertPull(f.extra, lambda, Math.sqrt(lambda / f.n), 5, `⟨pile-up tracks⟩ at I = ${I}`);
    }
    const lo = run(0.65);
    const hi = run(2.6);
    const se = Math.sqrt(lo.wrong / lo.matched + hi.wrong / hi.matched);
    assert.ok(hi.wrong - lo.wrong > 3 * se, `wrong association ${lo.wrong} → ${hi.wrong} (±${se})`);
  });

  it("STRAW: σp/p = 0.3% ⊕ 0.005%·p at low and high momentum", () => {
    const bins: [number, number][] = [
      [10, 20],
      [45, 70],
    ];
    const res = bins.map(() => [] as number[]);
    const raw = bins.map(() => [] as number[]);
    simulate({ channel: "K+ -> pi+ pi0", period: "2018-S2", zRange: FV }, 40000, 33, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        if (r.trackSlot[i] < 0) continue;
        const p = r.pTrackTrue[i];
        const j = bins.findIndex(([a, c]) => p >= a && p < c);
        if (j < 0) continue;
        const rel = r.pTrack[i] / p - 1;
        raw[j].push(rel);
        res[j].push(rel / Math.hypot(0.003, 0.00005 * p));
      }
    });
    for (let j = 0; j < bins.length; j++) {
      const s = robustSigma(res[j]);
      assert.ok(s.n > 3000, `${s.n} tracks in ${bins[j]}`);
      // single scattering in chambers 2–3 (≈ 7% of tracks at 30 GeV/c) changes the bend: ≤ 8%
      assertWidth(s, 1, 0.08, `STRAW σp/p / (0.3% ⊕ 0.005%·p) in ${bins[j].join("–")} GeV/c`);
    }
    // the momentum term is visible: the high-momentum bin is wider
    const lo = robustSigma(raw[0]);
    const hi = robustSigma(raw[1]);
    assert.ok(hi.sigma - lo.sigma > 5 * Math.hypot(lo.error, hi.error), `σp/p ${lo.sigma} vs ${hi.sigma}`);
  });

  it("RICH: no π⁺ ring below the 12.45 GeV/c threshold; ring radius and mass of π⁺ and μ⁺ follow cos θ = 1/(nβ)", () => {
    const period = loadPeriod("2018-S2");
    const n = 1 + period.rich.nMinus1;
    const threshold = M_PI / Math.sqrt(n * n - 1);
    assert.ok(Math.abs(threshold - 12.45) < 0.01, `π threshold ${threshold}`);
    for (const [channel, id, mass] of [
      ["K+ -> pi+ pi0", 211, M_PI],
      ["K+ -> mu+ nu", 13, M_MU],
    ] as const) {
      let below = 0;
      let belowRing = 0;
      const radius: number[] = [];
      const m: number[] = [];
      const sim = new Simulator({ channel, period: "2018-S2", zRange: FV });
      sim.run(34, 0, 30000, (b, r) => {
        for (let i = 0; i < b.size; i++) {
          if (r.trackSlot[i] < 0 || r.trackId[i] !== id) continue;
          const p = r.pTrackTrue[i];
          if (id === 211 && p < threshold - 0.2) {
            below++;
            belowRing += r.richRing[i];
          }
          if (p < 15 || p > 35 || !r.richRing[i]) continue;
          radius.push(r.richRadius[i] / (sim.geo.rich.focalLength * sim.detector.rich.angle(mass, p)));
          m.push(r.massRich[i]);
        }
      });
      if (id === 211) {
        assert.ok(below > 200, `${below} pions below threshold`);
        // only pions that decay to a (lighter, radiating) muon before or inside the RICH
        assert.ok(belowRing / below < 0.03, `${belowRing} of ${below} pions below threshold have a ring`);
      }
      const sr = robustSigma(radius);
      assert.ok(sr.n > 5000, `${channel}: ${sr.n} rings`);
      // the median of a Gaussian sample has standard error 1.253 σ/√N
      assertPull(
        median(radius),
        1,
        (1.253 * sr.sigma) / Math.sqrt(sr.n),
        5,
        `${channel}: radius / f·θc(m, p)`,
      );
      const sm = robustSigma(m);
      assertPull(median(m), mass, (1.253 * sm.sigma) / Math.sqrt(sm.n), 5, `${channel}: median m_RICH`);
    }
  });

  it("KTAG tags the kaon with its efficiency; the sample mode draws it", () => {
    const eff = loadPeriod("2018-S2").ktag.efficiency;
    for (const mode of ["weighted", "sample"] as const) {
      let n = 0;
      let s = 0;
      simulate({ channel: "K+ -> pi+ pi0", period: "2018-S2", zRange: FV, mode }, 20000, 35, (b, r) => {
        for (let i = 0; i < b.size; i++) {
          n++;
          s += r.ktag[i];
        }
      });
      if (mode === "weighted") assert.ok(Math.abs(s / n - eff) < 1e-12, `KTAG ${s / n}`);
      else assertPull(s / n, eff, Math.sqrt((eff * (1 - eff)) / n), 5, "sampled KTAG efficiency");
    }
  });

  it("LKr: positron E/p resolution σE/E = 4.8%/√E ⊕ 11%/E ⊕ 0.9%", () => {
    const res: number[] = [];
    simulate({ channel: "K+ -> pi0 e+ nu", period: "2018-S2", zRange: FV }, 40000, 36, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        if (r.trackSlot[i] < 0 || r.trackId[i] !== 11 || !(r.eLkrTrack[i] > 0)) continue;
        const E = r.pTrackTrue[i];
        if (E < 5) continue;
        const s = Math.sqrt((0.048 / Math.sqrt(E)) ** 2 + (0.11 / E) ** 2 + 0.009 ** 2);
        res.push((r.eLkrTrack[i] / E - 1) / s);
      }
    });
    const s = robustSigma(res);
    assert.ok(s.n > 3000, `${s.n} positrons`);
    assertPull(s.sigma, 1, s.error, 5, "LKr (E/E_true − 1)/(σE/E)");
    assertPull(median(res), 0, (1.253 * s.sigma) / Math.sqrt(s.n), 5, "LKr positron energy scale");
  });

  it("LKr: the track's cluster position (σ 1 mm) and time (σ 0.5 ns) about its impact point and arrival", () => {
    const card = loadPeriod("2018-S2");
    const dx: number[] = [];
    const dt: number[] = [];
    let withCluster = 0;
    let mismatched = 0;
    const zLkr = geometry().lkr.z;
    simulate({ channel: "K+ -> pi0 e+ nu", period: "2018-S2", zRange: FV }, 20000, 37, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        const sel = r.trackSlot[i];
        if (sel < 0) continue;
        // a cluster exactly when the track deposits more than the cluster threshold
        if (r.eLkrTrack[i] > card.lkr.clusterThreshold === Number.isNaN(r.xLkrCluster[i])) mismatched++;
        if (!(r.eLkrTrack[i] > card.lkr.clusterThreshold)) continue;
        withCluster++;
        dx.push((r.xLkrCluster[i] - r.xLkr[i]) / card.lkr.sigmaXY);
        dx.push((r.yLkrCluster[i] - r.yLkr[i]) / card.lkr.sigmaXY);
        const g = i * MAX_SLOTS + sel;
        const arrival = b.t[g] + (zLkr - b.vz[g]) / C_LIGHT;
        dt.push((r.tLkrCluster[i] - arrival) / card.lkr.sigmaT);
      }
    });
    assert.ok(withCluster > 2000, `${withCluster} tracks with a cluster`);
    assert.equal(mismatched, 0, "a cluster (not NaN) exactly for deposits above the threshold");
    const sx = robustSigma(dx);
    const st = robustSigma(dt);
    assertPull(sx.sigma, 1, sx.error, 5, "LKr cluster position residual / σxy");
    assertPull(median(dx), 0, (1.253 * sx.sigma) / Math.sqrt(sx.n), 5, "LKr cluster position bias");
    assertPull(st.sigma, 1, st.error, 5, "LKr cluster time residual / σt");
  });

  it("photon inefficiency vs energy: LKr < 10⁻⁵ above 10 GeV, ~10⁻³ at 1–5 GeV; LAV ~10⁻⁴ above 200 MeV, ≥ 10⁻² below 50 MeV", () => {
    const sim = new Simulator({ channel: "K+ -> pi+ pi0", period: "2018-S2" });
    const { lkr, lav } = sim.detector;
    // the card scales the curves by the calibrated photonVeto.ineffScale (< 1)
    const scale = sim.card.photonVeto.ineffScale;
    assert.ok(scale > 0.3 && scale <= 1, `photonVeto.ineffScale ${scale}`);
    assert.ok(lkr.photonIneff(20, false) <= 1e-5);
    for (const E of [1, 2.5, 5]) {
      const p = lkr.photonIneff(E, false);
      assert.ok(p >= 1e-4 && p <= 3e-3, `LKr at ${E} GeV: ${p}`);
    }
    assert.ok(lav.curve.at(0.5) <= 1e-4 && lav.curve.at(0.5) > 0);
    assert.ok(lav.curve.at(0.03) >= 1e-2);
    // non-increasing in energy
    for (const curve of [lkr.curve, lav.curve, sim.detector.irc.curve, sim.detector.sac.curve]) {
      let last = Number.POSITIVE_INFINITY;
      for (let E = 0.01; E < 100; E *= 1.3) {
        const p = curve.at(E);
        assert.ok(p <= last + 1e-15, `inefficiency rises at ${E} GeV`);
        last = p;
      }
    }
  });

  it("accidentals: ε_RV = exp(−I·k) per event, ln ε_RV ∝ intensity, CHANTI accidentals on their own", () => {
    const mean = (I: number) => {
      const card = [`beam.intensity=${I}`, "beam.spillIntensitySpread=0"];
      let n = 0;
      let rv = 0;
      let chanti = 0;
      const sim = simulate(
        { channel: "K+ -> pi+ pi0", period: "2018-S2", zRange: FV, card },
        2000,
        37,
        (b, r) => {
          for (let i = 0; i < b.size; i++) {
            assert.equal(r.intensity[i], I);
            n++;
            rv += r.rv[i];
            chanti += r.chanti[i];
          }
        },
      );
      return { rv: rv / n, chanti: chanti / n, k: randomVetoExponent(sim.card) };
    };
    const a = mean(0.4);
    const b = mean(1.2);
    assert.ok(Math.abs(a.rv - Math.exp(-0.4 * a.k)) < 1e-12);
    assert.ok(
      Math.abs(Math.log(b.rv) / Math.log(a.rv) - 3) < 1e-9,
      `ln ε_RV ratio ${Math.log(b.rv) / Math.log(a.rv)}`,
    );
    assert.ok(a.rv < 1 && b.rv < a.rv);
    // the CHANTI's accidentals go to chanti_survival (not into ε_RV), and grow with intensity too
    assert.ok(a.chanti < 1 && b.chanti < a.chanti, `CHANTI survival ${a.chanti} → ${b.chanti}`);
  });
});

describe("extra-charged vetoes off the spectrometer acceptance (2018-S2)", () => {
  it("MUV0 and HASC see K⁺→π⁺π⁺π⁻ pions: removing either raises the multiplicity survival", () => {
    const mean = (card: string[]) => {
      let n = 0;
      let s = 0;
      simulate({ channel: "K+ -> pi+ pi+ pi-", period: "2018-S2", zRange: FV, card }, 20000, 38, (b, r) => {
        for (let i = 0; i < b.size; i++) {
          if (r.trackSlot[i] < 0) continue;
          n++;
          s += r.mult[i];
        }
      });
      return s / n;
    };
    // same seed: the vetoes only multiply mult, so the comparison is event by event
    const all = mean([]);
    for (const off of ["hasc.present=false", "muv0.present=false"]) {
      const without = mean([off]);
      assert.ok(without > all, `${off}: ⟨mult⟩ ${all} → ${without}`);
    }
  });
});
