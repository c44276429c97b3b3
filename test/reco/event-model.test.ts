/**
 * The event model (src/core/track-list.ts, cluster-list.ts) filled by the detector modules: every
 * track crossing the four STRAW chambers is in the list, every LKr cluster the trigger counts is in
 * the cluster list, a track's cluster points back to it with its energy, the CHOD times of the
 * tracks have the card's resolution around the true (event-aligned) time. K⁺→π⁺π⁰ and K⁺→π⁺π⁺π⁻ on
 * the 2018-S2 card; tolerances are 5 standard errors of the sample.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Simulator } from "../../src/chain/simulator.ts";
import { MAX_SLOTS } from "../../src/core/batch.ts";
import { MAX_CLUSTERS } from "../../src/core/cluster-list.ts";
import { MAX_TRACKS } from "../../src/core/track-list.ts";
import { C_LIGHT } from "../../src/core/units.ts";
import { Hit } from "../../src/detector/transport-batch.ts";
import { assertPull, moments } from "../helpers/stat.ts";

for (const channel of ["K+ -> pi+ pi0", "K+ -> pi+ pi+ pi-"]) {
  describe(`event model (${channel}, 2018-S2)`, () => {
    const sim = new Simulator({ channel, period: "2018-S2", zRange: [105000, 165000] });
    const zG = sim.geo.gtk.z[2];
    let countErrors = 0;
    let linkErrors = 0;
    let photons = 0;
    let linked = 0;
    let multi = 0;
    const pulls: number[] = [];
    sim.run(5, 0, 15000, (b, r) => {
      const tl = r.tracks;
      const cl = r.clusters;
      for (let i = 0; i < b.size; i++) {
        if (tl.count[i] !== Math.min(r.nTracks[i], MAX_TRACKS)) countErrors++;
        if (cl.count[i] !== Math.min(r.nLkrClusters[i], MAX_CLUSTERS)) countErrors++;
        if (tl.count[i] > 1) multi++;
        for (let j = 0; j < cl.count[i]; j++) {
          const c = i * MAX_CLUSTERS + j;
          if (cl.photon[c]) photons++;
          else if (cl.track[c] >= 0) {
            const k = i * MAX_TRACKS + cl.track[c];
            if (tl.cluster[k] !== j || tl.eLkr[k] !== cl.e[c]) linkErrors++;
            linked++;
          }
        }
        for (let j = 0; j < tl.count[i]; j++) {
          const k = i * MAX_TRACKS + j;
          const g = i * MAX_SLOTS + tl.slot[k];
          if (!(tl.mask[k] & Hit.CHOD)) continue;
          const truth = b.t[g] + (zG - b.vz[g]) / C_LIGHT;
          pulls.push((tl.t[k] - truth) / sim.card.chod.sigmaT);
        }
      }
    });

    it("every STRAW track and every counted LKr cluster is in the lists", () => {
      assert.equal(countErrors, 0);
      if (channel.includes("pi+ pi+ pi-")) assert.ok(multi > 1000, `${multi} multi-track events`);
      else assert.ok(photons > 5000, `${photons} photon clusters`);
    });

    it("a track's cluster points back to it and carries its LKr energy", () => {
      assert.ok(linked > 1000, `${linked} track clusters`);
      assert.equal(linkErrors, 0);
    });

    it("the tracks' CHOD times: unbiased, with the card's resolution", () => {
      const m = moments(pulls);
      assert.ok(m.n > 5000, `${m.n} tracks in the CHOD`);
      assertPull(m.mean, 0, Math.sqrt(m.variance / m.n), 5, "mean time pull");
      assertPull(Math.sqrt(m.variance), 1, 1 / Math.sqrt(2 * m.n), 5, "width of the time pull");
    });
  });
}
