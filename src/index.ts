/**
 * kaonlab as a library: the public API, stage by stage (the CLI is a thin layer over these).
 * See README.md and docs/ for the models.
 */

export type { AnalysisJob, ShardResult } from "./analyses/job.ts";
// analyses and runs
export { pnnJob } from "./analyses/pnn/job.ts";
export { getJob, JOBS } from "./analyses/registry.ts";
// beam
export { beamRates, decayLength, type K12Beam, KaonSource, k12Beam, parseZRange } from "./beam/k12.ts";
export { chainStreams, type SimulationOptions, Simulator } from "./chain/simulator.ts";
// command line
export { runCli } from "./cli/main.ts";
export { EventBatch, MAX_SLOTS, Status } from "./core/batch.ts";
export { ClusterList, MAX_CLUSTERS } from "./core/cluster-list.ts";
export * as kinematics from "./core/kinematics.ts";
export { type Particle, ParticleTable, PDG, particleTable } from "./core/particles.ts";
export { RecoBatch } from "./core/reco-batch.ts";
export { philox4x32 } from "./core/rng/philox.ts";
export {
  AcceptReject,
  AliasTable,
  exponential,
  fillNormal,
  fillUniform,
  normal,
} from "./core/rng/samplers.ts";
export { stageId, stream } from "./core/rng/streams.ts";
export { Xoshiro128 } from "./core/rng/xoshiro128.ts";
export { MAX_TRACKS, TrackList } from "./core/track-list.ts";
// core: units, particles, random streams, event batches, four-vector kernels, worker threads
export * as units from "./core/units.ts";
export { runTasks, WorkerPool } from "./core/worker-pool.ts";
// decays
export { catalogue, findChannel, mixFractions } from "./decays/catalogue.ts";
export type { ChannelInfo } from "./decays/channel.ts";
export {
  DecayGenerator,
  type GenerationOptions,
  generateShard,
  MIX,
  shardStreams,
} from "./decays/generator.ts";
// detector, trigger, reconstruction (the full simulation chain)
export { loadPeriod, periodNames } from "./detector/card.ts";
// reconstruction: the multi-track vertex fit
export { V as VertexField, VertexFit } from "./reco/vertex-fit.ts";
export { executeRun, resumeRun } from "./run/execute.ts";
// statistics
export * as stats from "./stats/index.ts";
export { VERSION } from "./version.ts";
