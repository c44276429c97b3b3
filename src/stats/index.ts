/** kaonlab statistics engine: the public API (see docs/stats.md). */
export * from "./analysis.ts";
export { AsymptoticCalculator, BANDS, type HypoTest, type LimitStat } from "./asymptotic.ts";
export { type BestFit, bestFit, type FittedParameter } from "./best-fit.ts";
export * from "./counting.ts";
export * from "./exact.ts";
export { Fitter, type MinimaNote } from "./fit.ts";
export * from "./intervals.ts";
export * from "./limits.ts";
export { type Dataset, LikelihoodModel, type ModelSpec } from "./model.ts";
export * from "./pyhf/evaluate.ts";
export { exportPyhf } from "./pyhf/export.ts";
export { buildPyhfSpec, PYHF_DEFAULT_CODES, parseWorkspace, type Workspace } from "./pyhf/workspace.ts";
export { crossing, isotonicDecreasing } from "./scan.ts";
export * from "./special.ts";
export { type ScanPoint, ToyCalculator, type ToyOptions } from "./toys.ts";
