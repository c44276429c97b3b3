/**
 * Toy (pseudo-experiment) calculator: CLs+b, CLb and CLs from the distributions of q̃μ under the
 * signal-plus-background and background-only hypotheses — "frequentist" toys with the nuisance
 * parameters at their conditional fits to the observed data and the auxiliary data redrawn (pyhf's
 * ToyCalculator, RooStats' FrequentistCalculator; the default here), or "hybrid" toys with the
 * nuisance parameters drawn from their constraints (Cousins–Highland); the discovery p-value from q₀ under the
 * background; and the Feldman–Cousins acceptance test from t̃μ. Chunks of toys run as worker-pool
 * tasks (src/core/worker-pool.ts); chunk c of a hypothesis always uses stream(seed, c, "toys",
 * sub), so results are bit-identical for any number of workers. Every scan point reuses the same
 * streams (common random numbers), which makes CLs(μ) smooth.
 */
import { runTasks, siblingModule, type TaskRequest, WorkerPool } from "../core/worker-pool.ts";
import { BANDS } from "./asymptotic.ts";
import { type FitOutput, Fitter, keep, type MinimaNote } from "./fit.ts";
import type { Dataset, LikelihoodModel } from "./model.ts";
import { normalCdf, significanceOf } from "./special.ts";
import type { ToyMode, ToyStat, ToyTask } from "./toy-task.ts";

const TASK_MODULE = siblingModule(import.meta.url, "toy-task");
/** q values within this of the observed count as "at least as extreme" (fits converge to ~1e-10) */
const Q_TOL = 1e-7;
/** toys × (1 + parameters)² below which the toys run in this thread (~0.5 s of work) */
const WORKER_THRESHOLD = 4e6;

/**
 * One pool of worker threads kept for the process (its idle workers do not hold the process open):
 * a limit scan, its extension rounds and a Feldman–Cousins bisection then pay the thread start-up
 * once instead of per batch.
 */
let sharedPool: WorkerPool | null = null;

async function runShared<T>(tasks: TaskRequest[], workers: number, onDone: () => void): Promise<T[]> {
  if (workers <= 1) return runTasks<T>(tasks, 1, onDone);
  if (!sharedPool || sharedPool.size !== workers) {
    await sharedPool?.close();
    sharedPool = new WorkerPool(workers);
  }
  const pool = sharedPool;
  try {
    return await Promise.all(
      tasks.map((t) =>
        pool.run<T>(t.module, t.fn, t.arg).then((r) => {
          onDone();
          return r;
        }),
      ),
    );
  } catch (e) {
    if (sharedPool === pool) sharedPool = null;
    await pool.close();
    throw e;
  }
}

export interface ToyOptions {
  /** pseudo-experiments per hypothesis and scan point */
  nToys: number;
  seed: number;
  workers: number;
  /** toys per task (default 2500) */
  chunk?: number;
  /** work (toys × (1 + parameters)²) below which toys run in this thread (default 4e6) */
  threshold?: number;
  /** "frequentist" (default, as pyhf and RooStats) or "hybrid" (Cousins–Highland) toys */
  mode?: ToyMode;
  onProgress?: (done: number, total: number) => void;
}

export interface ScanPoint {
  poi: number;
  cls: number;
  clsb: number;
  clb: number;
  /** expected CLs for the limit bands −2σ…+2σ */
  expected: number[];
  nToys: number;
}

function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16)}-${s.length}`;
}

/** fraction of values ≥ x (sorted ascending input) */
function tailFraction(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  const t = x - Q_TOL;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] >= t) hi = mid;
    else lo = mid + 1;
  }
  return (sorted.length - lo) / sorted.length;
}

export class ToyCalculator {
  readonly model: LikelihoodModel;
  readonly data: Dataset;
  readonly opts: ToyOptions;
  private readonly fitter: Fitter;
  private readonly key: string;
  readonly freeFit: FitOutput;

  constructor(model: LikelihoodModel, data: Dataset, opts: ToyOptions) {
    if (!Number.isInteger(opts.nToys) || opts.nToys < 10)
      throw new RangeError(`--toys: expected an integer ≥ 10, got ${opts.nToys}`);
    this.model = model;
    this.data = data;
    this.opts = opts;
    this.fitter = new Fitter(model);
    this.key = fnv(JSON.stringify(model.spec));
    this.freeFit = keep(this.fitter.fitFree(data));
  }

  /** the fits of the observed data whose starting points reached different minima */
  minimaNotes(): MinimaNote[] {
    return [...this.fitter.notes];
  }

  private muHat(): number {
    return this.freeFit.pars[this.model.poi];
  }

  /** observed test statistic at mu and the conditional fit there */
  observed(mu: number, stat: ToyStat): { q: number; pars: number[] } {
    const c = this.fitter.fitFixed(mu, this.data, this.freeFit.pars);
    const pars = Array.from(c.pars);
    let q = Math.max(0, 2 * (c.nll - this.freeFit.nll));
    if (stat === "qtilde" && this.muHat() > mu) q = 0;
    return { q, pars };
  }

  private tasks(genPars: number[], sub: number, mus: number[], stat: ToyStat): TaskRequest[] {
    const chunk = this.opts.chunk ?? 2500;
    const out: TaskRequest[] = [];
    for (let c = 0, done = 0; done < this.opts.nToys; c++, done += chunk) {
      const arg: ToyTask = {
        spec: this.model.spec,
        key: this.key,
        genPars,
        seed: this.opts.seed,
        shard: c,
        sub,
        nToys: Math.min(chunk, this.opts.nToys - done),
        mus,
        stat,
        mode: this.opts.mode ?? "frequentist",
        auxObs: Array.from(this.data.aux),
      };
      out.push({ module: TASK_MODULE, fn: "runToys", arg });
    }
    return out;
  }

  private async run(tasks: TaskRequest[]): Promise<Float64Array[]> {
    let done = 0;
    // worker threads cost ~0.1–0.3 s to start: use them only for work that outlasts that
    const toys = tasks.reduce((s, t) => s + (t.arg as ToyTask).nToys * (t.arg as ToyTask).mus.length, 0);
    const work = toys * (1 + this.model.nPar) ** 2;
    const workers =
      work < (this.opts.threshold ?? WORKER_THRESHOLD) ? 1 : Math.min(this.opts.workers, tasks.length);
    return runShared<Float64Array>(tasks, workers, () => {
      done++;
      this.opts.onProgress?.(done, tasks.length);
    });
  }

  /** CLs at each POI value (q̃μ), with the expected CLs of the five limit bands */
  async scan(mus: number[]): Promise<ScanPoint[]> {
    const K = mus.length;
    const obs = mus.map((mu) => this.observed(mu, "qtilde"));
    const bPars = this.observed(0, "qtilde").pars;
    const bTasks = this.tasks(bPars, 0, mus, "qtilde");
    const sbTasks = mus.flatMap((_, k) => this.tasks(obs[k].pars, 1, [mus[k]], "qtilde"));
    const res = await this.run([...bTasks, ...sbTasks]);
    const N = this.opts.nToys;
    const nb = bTasks.length;
    const perPoint = sbTasks.length / K;
    const points: ScanPoint[] = [];
    for (let k = 0; k < K; k++) {
      const qb = new Float64Array(N);
      let i = 0;
      for (let t = 0; t < nb; t++) {
        const r = res[t];
        for (let j = k; j < r.length; j += K) qb[i++] = r[j];
      }
      const qsb = new Float64Array(N);
      i = 0;
      for (let t = 0; t < perPoint; t++) {
        qsb.set(res[nb + k * perPoint + t], i);
        i += res[nb + k * perPoint + t].length;
      }
      qb.sort();
      qsb.sort();
      const clsb = tailFraction(qsb, obs[k].q);
      const clb = tailFraction(qb, obs[k].q);
      const expected = BANDS.map((band) => {
        // band −2σ (strong limit) ↔ background fluctuating down ↔ large q: quantile 1 − Φ(band)
        const p = 1 - normalCdf(band);
        const idx = Math.min(N - 1, Math.max(0, Math.ceil(p * N) - 1));
        const qStar = qb[idx];
        const eb = tailFraction(qb, qStar);
        return eb > 0 ? tailFraction(qsb, qStar) / eb : 1;
      });
      points.push({ poi: mus[k], cls: clb > 0 ? clsb / clb : 1, clsb, clb, expected, nToys: N });
    }
    return points;
  }

  /** discovery p-value from q₀ toys under the background-only hypothesis */
  async discovery(): Promise<{
    q0: number;
    pValue: number;
    pValueError: number;
    significance: number;
    nToys: number;
    nBeyond: number;
  }> {
    const obs = this.observed(0, "q0");
    const q0 = this.muHat() > 0 ? obs.q : 0;
    const res = await this.run(this.tasks(obs.pars, 0, [0], "q0"));
    let beyond = 0;
    let n = 0;
    for (const r of res)
      for (let j = 0; j < r.length; j++) {
        n++;
        if (r[j] >= q0 - Q_TOL) beyond++;
      }
    const p = beyond / n;
    return {
      q0,
      pValue: p,
      pValueError: Math.sqrt((p * (1 - p)) / n),
      significance: significanceOf(p),
      nToys: n,
      nBeyond: beyond,
    };
  }

  /**
   * Feldman–Cousins with nuisance parameters (profile construction): is mu inside the interval?
   * Toys at (μ, θ̂̂μ(observed)); accepted when t̃μ(observed) ≤ the CL-quantile of t̃μ.
   */
  async fcAccepted(mus: number[], cl: number): Promise<boolean[]> {
    const obs = mus.map((mu) => this.observed(mu, "tmu"));
    const tasks = mus.flatMap((mu, k) => this.tasks(obs[k].pars, 2, [mu], "tmu"));
    const res = await this.run(tasks);
    const per = tasks.length / mus.length;
    return mus.map((_, k) => {
      const all: number[] = [];
      for (let t = 0; t < per; t++) all.push(...res[k * per + t]);
      let below = 0;
      for (const v of all) if (v < obs[k].q - Q_TOL) below++;
      // accepted when fewer than CL of the toys are strictly more compatible than the data
      return below / all.length < cl;
    });
  }
}
