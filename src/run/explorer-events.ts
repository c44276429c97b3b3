/**
 * Simulated events for the event display of `kaonlab serve`: a small batch of one channel in one
 * period, run through the library's full chain (src/chain/simulator.ts), and the detector layout of
 * that period (conditions/detector/geometry.json, the period card saying which subsystems exist).
 *
 * Per event it returns the true particles with a drawn path, the hits the transport recorded
 * (which detectors each particle reached inside their acceptance), the reconstructed STRAW tracks
 * and the LKr clusters. The path is a drawing aid: a straight line from the production vertex to the
 * decay point or to the detector that stops the particle, bent by the MNP33 kick at the magnet
 * centre for charged particles; hit positions on the LKr and MUV3 planes come from the transport.
 * Units: mm, GeV.
 */

import { Simulator } from "../chain/simulator.ts";
import { chainStreams } from "../chain/streams.ts";
import { EventBatch, MAX_SLOTS } from "../core/batch.ts";
import { MAX_CLUSTERS } from "../core/cluster-list.ts";
import { UsageError } from "../core/errors.ts";
import { particleTable } from "../core/particles.ts";
import { RecoBatch } from "../core/reco-batch.ts";
import { MAX_TRACKS } from "../core/track-list.ts";
import { channelById, findChannel } from "../decays/catalogue.ts";
import { loadPeriod } from "../detector/card.ts";
import { chargeOf } from "../detector/transport.ts";
import { Hit, TransportBatch } from "../detector/transport-batch.ts";
import type {
  DisplayBatch,
  DisplayElement,
  DisplayEvent,
  DisplayParticle,
  DisplayRequest,
} from "./explorer-types.ts";

/** the most events one request returns, and the most decays it simulates to find them */
export const DISPLAY_MAX_EVENTS = 200;
const DISPLAY_MAX_DECAYS = 200_000;
/** drawn depth of the planar detectors whose thickness the geometry file does not give (mm) */
const DRAWN_DEPTH = 120;
/** how far neutrinos and particles leaving every detector are drawn (mm) */
const Z_WORLD_END = 250_000;

/** a disc or annulus element (rMin to rMax) from z0 to z1 */
function annulus(
  name: string,
  group: string,
  z0: number,
  z1: number,
  rMin: number,
  rMax: number,
): DisplayElement {
  return { name, group, shape: "annulus", z0, z1, rMin, rMax };
}

/**
 * The detector elements of a period (the card says which optional subsystems exist): positions,
 * radii and apertures from geometry.json; the depths it does not give (GTK, LKr, MUVs, planes) and
 * the magnet's drawn size are drawing choices only, used by nothing else.
 */
export function displayElements(sim: Simulator): DisplayElement[] {
  const g = sim.geo;
  const c = sim.card;
  const out: DisplayElement[] = [];
  const gtkZ = c.gtk.stations >= 4 ? [g.gtk.zGTK0, ...g.gtk.z] : g.gtk.z;
  for (let i = 0; i < gtkZ.length; i++) {
    const z = gtkZ[i];
    out.push({
      name: `GTK${c.gtk.stations >= 4 ? i : i + 1}`,
      group: "GTK",
      shape: "box",
      z0: z - 20,
      z1: z + 20,
      halfX: g.gtk.halfX,
      halfY: g.gtk.halfY,
    });
  }
  if (c.chanti.present)
    out.push({
      name: "CHANTI",
      group: "CHANTI",
      shape: "box",
      z0: g.chanti.zFront,
      z1: g.chanti.zBack,
      halfX: g.chanti.outerHalf,
      halfY: g.chanti.outerHalf,
    });
  for (let i = 0; i < g.lav.zFront.length; i++) {
    out.push(
      annulus(`LAV${i + 1}`, "LAV", g.lav.zFront[i], g.lav.zBack[i], g.lav.rInner[i], g.lav.rOuter[i]),
    );
  }
  for (let i = 0; i < g.straw.z.length; i++) {
    const z = g.straw.z[i];
    out.push({
      name: `STRAW${i + 1}`,
      group: "STRAW",
      shape: "annulus",
      z0: z - DRAWN_DEPTH / 2,
      z1: z + DRAWN_DEPTH / 2,
      rMin: g.straw.holeHalfSize,
      rMax: g.straw.rMax,
      x: g.straw.holeCentreX[i],
    });
  }
  out.push({
    name: "MNP33",
    group: "magnet",
    shape: "box",
    z0: g.mnp33.zFront,
    z1: g.mnp33.zFront + g.mnp33.length,
    halfX: g.straw.rMax * 1.3,
    halfY: g.straw.rMax * 1.3,
  });
  out.push(annulus("RICH", "RICH", g.rich.zFront, g.rich.zBack, g.rich.rMin, g.rich.rMax));
  if (c.newchod.present)
    out.push(
      annulus(
        "NewCHOD",
        "CHOD",
        g.newchod.z - DRAWN_DEPTH / 2,
        g.newchod.z + DRAWN_DEPTH / 2,
        g.newchod.rMin,
        g.newchod.rMax,
      ),
    );
  if (c.chod.present) out.push(annulus("CHOD", "CHOD", g.chod.zV, g.chod.zH, g.chod.rMin, g.chod.rMax));
  out.push(
    annulus("IRC", "IRC", g.irc.z - DRAWN_DEPTH / 2, g.irc.z + DRAWN_DEPTH / 2, g.irc.rMin, g.irc.rMax),
  );
  out.push({
    name: "LKr",
    group: "LKr",
    shape: "octagon",
    z0: g.lkr.z,
    z1: g.muv1.z - 400,
    halfX: g.lkr.apothem,
    rMin: g.lkr.rMinPhysical,
  });
  out.push({
    name: "MUV1",
    group: "MUV",
    shape: "box",
    z0: g.muv1.z,
    z1: g.muv2.z - 100,
    halfX: g.muv1.halfSide,
    halfY: g.muv1.halfSide,
    rMin: g.muv1.rMin,
  });
  out.push({
    name: "MUV2",
    group: "MUV",
    shape: "box",
    z0: g.muv2.z,
    z1: g.muv3.z - 800,
    halfX: g.muv2.halfSide,
    halfY: g.muv2.halfSide,
    rMin: g.muv2.rMin,
  });
  out.push({
    name: "MUV3",
    group: "MUV",
    shape: "box",
    z0: g.muv3.z,
    z1: g.muv3.z + DRAWN_DEPTH * 2,
    halfX: g.muv3.halfSide,
    halfY: g.muv3.halfSide,
    rMin: g.muv3.rMin,
  });
  out.push({
    name: "SAC",
    group: "SAC",
    shape: "box",
    z0: g.sac.z,
    z1: g.sac.z + DRAWN_DEPTH,
    halfX: g.sac.halfSide,
    halfY: g.sac.halfSide,
  });
  return out;
}

/** hit bits drawn as points on the particle path, with the z of their plane */
function hitPlanes(sim: Simulator): [number, string, number][] {
  const g = sim.geo;
  return [
    [Hit.STRAW1, "STRAW1", g.straw.z[0]],
    [Hit.STRAW2, "STRAW2", g.straw.z[1]],
    [Hit.STRAW3, "STRAW3", g.straw.z[2]],
    [Hit.STRAW4, "STRAW4", g.straw.z[3]],
    [Hit.RICH, "RICH", g.rich.zMirror],
    [Hit.NEWCHOD, "NewCHOD", g.newchod.z],
    [Hit.CHOD, "CHOD", g.chod.zV],
    [Hit.IRC, "IRC", g.irc.z],
    [Hit.MUV1, "MUV1", g.muv1.z],
    [Hit.MUV2, "MUV2", g.muv2.z],
    [Hit.SAC, "SAC", g.sac.z],
  ];
}

/** the position on a polyline (flattened x, y, z, z increasing) at plane z; null outside it */
function at(path: number[], z: number): [number, number] | null {
  for (let k = 0; k + 5 < path.length; k += 3) {
    const z0 = path[k + 2];
    const z1 = path[k + 5];
    if (z >= z0 && z <= z1 && z1 > z0) {
      const f = (z - z0) / (z1 - z0);
      return [path[k] + f * (path[k + 3] - path[k]), path[k + 1] + f * (path[k + 4] - path[k + 1])];
    }
  }
  return null;
}

/** check and complete a request; UsageError naming the field otherwise */
export function displayRequest(q: Record<string, string | undefined>): DisplayRequest {
  const channel = q.channel ?? "K+ -> pi+ pi0";
  try {
    findChannel(channel);
  } catch (e) {
    throw new UsageError(`channel: ${(e as Error).message}`);
  }
  const events = q.events === undefined ? 20 : Number(q.events);
  if (!Number.isInteger(events) || events < 1 || events > DISPLAY_MAX_EVENTS)
    throw new UsageError(`events: expected an integer 1–${DISPLAY_MAX_EVENTS}, got "${q.events}"`);
  const seed = q.seed === undefined ? 1 : Number(q.seed);
  if (!Number.isInteger(seed) || seed < 0)
    throw new UsageError(`seed: expected an integer ≥ 0, got "${q.seed}"`);
  const selection = q.selection ?? "all";
  if (selection !== "all" && selection !== "track")
    throw new UsageError(`selection: expected all or track, got "${selection}"`);
  return { channel: findChannel(channel).name, period: q.period ?? "2018-S2", events, seed, selection };
}

/** simulate the request's events (the first that pass its selection) with their display content */
export function displayBatch(req: DisplayRequest): DisplayBatch {
  let sim: Simulator;
  try {
    const card = loadPeriod(req.period);
    const zRange: [number, number] = [card.fiducial.zMin, card.fiducial.zMax];
    sim = new Simulator({ channel: req.channel, period: req.period, zRange, unseenKinematics: true });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`period: ${e.message.replace(/^--period: /, "")}`);
    throw e;
  }
  const table = particleTable();
  const planes = hitPlanes(sim);
  const zMagnet = sim.geo.mnp33.zFront + sim.geo.mnp33.length / 2;
  const kick = sim.geo.mnp33.ptKick;
  const zLkr = sim.geo.lkr.z;
  const zMuv2 = sim.geo.muv2.z;
  const zMuv3 = sim.geo.muv3.z;
  const lavZ = sim.geo.lav.zFront;
  const n = 256;
  const b = new EventBatch(n);
  const tb = new TransportBatch(n);
  const r = new RecoBatch(n);
  const s = chainStreams(req.seed, 0);
  const events: DisplayEvent[] = [];
  let simulated = 0;
  while (events.length < req.events && simulated < DISPLAY_MAX_DECAYS) {
    sim.generation.process(b, n, s);
    sim.simulateBatch(b, tb, r, s);
    for (let i = 0; i < b.size && events.length < req.events; i++) {
      const index = simulated + i;
      const tl = r.tracks;
      if (req.selection === "track" && tl.count[i] < 1) continue;
      const base = i * MAX_SLOTS;
      const np = b.nParticles[i];
      const particles: DisplayParticle[] = [];
      for (let k = 1; k < np; k++) {
        const g = base + k;
        const pdg = b.pdg[g];
        const q = chargeOf(pdg);
        let end = Z_WORLD_END;
        for (let c = 1; c < np; c++) if (b.parent[base + c] === k) end = Math.min(end, b.vz[base + c]);
        const apdg = Math.abs(pdg);
        const invisible = apdg === 12 || apdg === 14 || apdg === 16;
        if (end === Z_WORLD_END && !invisible)
          end = apdg === 22 || apdg === 11 ? zLkr : apdg === 13 ? zMuv3 : q !== 0 ? zMuv2 : zLkr;
        const mask = tb.mask[g];
        // a photon the LAV catches (and that reaches no later detector) stops there
        if (q === 0 && mask & Hit.LAV && !(mask & (Hit.LKR | Hit.IRC | Hit.SAC)) && tb.lav[g] >= 0)
          end = Math.min(end, lavZ[tb.lav[g]]);
        const x0 = b.vx[g];
        const y0 = b.vy[g];
        const z0 = b.vz[g];
        const pz = b.pz[g];
        let tx = b.px[g] / pz;
        const ty = b.py[g] / pz;
        const path = [x0, y0, z0];
        if (pz > 0 && end > z0) {
          if (q !== 0 && z0 < zMagnet && end > zMagnet) {
            const xm = x0 + tx * (zMagnet - z0);
            const ym = y0 + ty * (zMagnet - z0);
            path.push(xm, ym, zMagnet);
            tx = (b.px[g] - q * kick) / pz;
            path.push(xm + tx * (end - zMagnet), ym + ty * (end - zMagnet), end);
          } else path.push(x0 + tx * (end - z0), y0 + ty * (end - z0), end);
        }
        const hits: DisplayParticle["hits"] = [];
        for (const [bit, name, z] of planes) {
          if (!(mask & bit)) continue;
          const xy = at(path, z);
          if (xy) hits.push({ detector: name, x: xy[0], y: xy[1], z });
        }
        if (mask & Hit.LKR && Number.isFinite(tb.xL[g]))
          hits.push({ detector: "LKr", x: tb.xL[g], y: tb.yL[g], z: zLkr });
        if (mask & Hit.MUV3 && Number.isFinite(tb.xM3[g]))
          hits.push({ detector: "MUV3", x: tb.xM3[g], y: tb.yM3[g], z: zMuv3 });
        if (mask & Hit.LAV && tb.lav[g] >= 0) {
          const z = lavZ[tb.lav[g]];
          const xy = at(path, z);
          if (xy) hits.push({ detector: `LAV${tb.lav[g] + 1}`, x: xy[0], y: xy[1], z });
        }
        let name = String(pdg);
        try {
          name = table.byCode(pdg).name;
        } catch {
          // a code outside the table keeps its number
        }
        particles.push({
          slot: k,
          pdg,
          name,
          charge: q,
          status: b.status[g],
          parent: b.parent[g],
          p: Math.hypot(b.px[g], b.py[g], pz),
          path,
          hits,
        });
      }
      const tracks: DisplayEvent["tracks"] = [];
      for (let j = 0; j < tl.count[i]; j++) {
        const t = i * MAX_TRACKS + j;
        tracks.push({
          p: tl.p[t],
          q: tl.q[t],
          x: tl.x[t],
          y: tl.y[t],
          tx: tl.tx[t],
          ty: tl.ty[t],
          pdg: tl.pdg[t],
        });
      }
      const cl = r.clusters;
      const clusters: DisplayEvent["clusters"] = [];
      for (let j = 0; j < cl.count[i]; j++) {
        const c = i * MAX_CLUSTERS + j;
        clusters.push({ e: cl.e[c], x: cl.x[c], y: cl.y[c], photon: cl.photon[c] === 1 });
      }
      events.push({
        index,
        channel: channelById(b.channel[i]).name,
        weight: b.weight[i],
        vertex: [b.vtxX[i], b.vtxY[i], b.vtxZ[i]],
        particles,
        tracks,
        clusters,
        reco: { p: r.pTrack[i], m2miss: r.m2miss[i], zVtx: r.zVtx[i], nTracks: tl.count[i] },
      });
    }
    simulated += b.size;
  }
  return {
    request: req,
    simulated,
    magnet: { z: zMagnet, ptKick: kick },
    elements: displayElements(sim),
    events,
  };
}
