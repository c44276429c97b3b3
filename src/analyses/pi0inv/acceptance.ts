/**
 * The π⁰ acceptance requirement of the π⁰→invisible selection: the π⁰ momentum, known from the
 * reconstructed K⁺ (GTK) and π⁺ (STRAW) momenta, is extrapolated from the reconstructed vertex to
 * the LKr front plane, and its expected impact point must lie inside the LKr octagon and at least
 * `rMin` from the beam axis. The hard photon of an asymmetric π⁰ decay follows the π⁰ direction, so
 * this keeps it in the LKr (inefficiency ~10⁻⁵) instead of the IRC/SAC or the LKr's inner edge.
 */
import { geometry, inLkr } from "../../detector/geometry.ts";
import type { PnnReco } from "../pnn/columns.ts";

/** a per-event acceptance test on the reconstructed quantities (true: keep the event) */
export type EventAcceptance = (r: PnnReco, i: number) => boolean;

/** the π⁰ expected-impact test at the LKr plane, or null when rMin ≤ 0 (no requirement) */
export function pi0LkrAcceptance(rMin: number): EventAcceptance | null {
  if (!(rMin > 0)) return null;
  const g = geometry();
  const zLkr = g.lkr.z;
  return (r, i) => {
    const tk = Math.sqrt(1 + r.txK[i] ** 2 + r.tyK[i] ** 2);
    const tp = Math.sqrt(1 + r.txTrack[i] ** 2 + r.tyTrack[i] ** 2);
    const pzK = r.pK[i] / tk;
    const pzPi = r.pTrack[i] / tp;
    const pz = pzK - pzPi;
    if (!(pz > 0)) return false;
    const tx = (pzK * r.txK[i] - pzPi * r.txTrack[i]) / pz;
    const ty = (pzK * r.tyK[i] - pzPi * r.tyTrack[i]) / pz;
    const dz = zLkr - r.zVtx[i];
    return inLkr(g, r.xVtx[i] + tx * dz, r.yVtx[i] + ty * dz, rMin);
  };
}
