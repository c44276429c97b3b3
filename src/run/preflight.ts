/**
 * Checks made before a run folder is written: the whole plan runs (the job's shard 0 on one event,
 * in this thread, writing nothing: a configuration that validates but cannot run — an unknown or
 * repeated chain stage, a period the job cannot load, an ntuple column the job forgets — is refused
 * with exit 2), and the engine answers (a Slurm controller for `--engine slurm`).
 */
import type { NtupleSink, ShardContext } from "../analyses/job.ts";
import { getJob } from "../analyses/registry.ts";
import { UsageError } from "../core/errors.ts";
import type { ColumnData } from "../io/table.ts";
import { slurmAvailable } from "./engines/slurm.ts";
import type { RunPlan } from "./plan.ts";

/** an ntuple sink that checks the columns the job declared, and keeps nothing */
class CheckingSink implements NtupleSink {
  constructor(private readonly names: string[]) {}
  append(data: Record<string, ColumnData>, n: number): void {
    for (const c of this.names) {
      const col = data[c];
      if (col === undefined) throw new Error(`ntuple: column ${c} missing`);
      if (col.length < n) throw new Error(`ntuple: column ${c} holds ${col.length} values, expected ${n}`);
    }
  }
}

/** run the plan's job on one event of shard 0 without writing anything; UsageError if it fails */
export async function checkPlanRuns(plan: RunPlan): Promise<void> {
  const job = getJob(plan.job);
  try {
    const columns = job.ntupleColumns?.(plan.config) ?? null;
    const ctx: ShardContext = {
      period: plan.period,
      ntuple: columns ? new CheckingSink(columns.map((c) => c.name)) : null,
      progress: () => {},
    };
    const r = await job.runShard(plan.config, plan.seed, 0, 1, ctx);
    if (r.events !== 1) throw new Error(`shard reports ${r.events} events, planned 1`);
    if (r.ntuple && !columns) throw new Error("a shard returned an ntuple but the job declares no columns");
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new UsageError(
      `config: job ${plan.job} cannot run with this card (checked on one event before writing anything): ${msg.split("\n")[0]}`,
    );
  }
}

/** the engine answers: a Slurm controller for slurm (local and htcondor need nothing) */
export function checkEngine(plan: RunPlan): void {
  if (plan.engine === "slurm" && !slurmAvailable()) {
    throw new UsageError(
      "--engine slurm: no Slurm controller answers (sinfo failed); nothing was written. Check `sinfo`, or use --engine local",
    );
  }
}
