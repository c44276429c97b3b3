/** conditions/analyses/pi0inv/published.json: NA62's π⁰→invisible figures and the exposure */
import { loadConditions } from "../../core/conditions.ts";
import type { Reference, Tolerance } from "../layer/comparison.ts";

export interface Pi0invConditions {
  period: string;
  taggedPi0: Reference & { value: number };
  brUpperLimit: Reference & { value: number };
  observed: Reference & { value: number };
  background: Reference & { value: number };
  /** the π⁰→invisible selection on top of the πνν̄ one (src/analyses/pi0inv/acceptance.ts) */
  selection: { pi0LkrRMin: Reference & { value: number; unit: string } };
  tolerances: Record<string, Tolerance>;
}

export function pi0invConditions(): Pi0invConditions {
  return loadConditions<Pi0invConditions>("analyses/pi0inv/published.json");
}
