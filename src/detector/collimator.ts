/**
 * The final collimator just upstream of GTK3 (period card: position, beam passage and outer edge;
 * replaced in June 2018). It has no response module: in the transport it stops a particle that
 * meets it between its beam passage and its outer edge (Hit.ABSORBED), which matters for the
 * particles of the upstream source (src/detector/upstream.ts).
 */
import { PlaneKind, type SectionReader, type SubsystemSpec } from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readCollimator(r: SectionReader) {
  return {
    z: r.num("z"),
    apertureHalfX: r.num("apertureHalfX", 0),
    apertureHalfY: r.num("apertureHalfY", 0),
    outerHalfX: r.num("outerHalfX", 0),
    outerHalfY: r.num("outerHalfY", 0),
  };
}

export const COLLIMATOR: SubsystemSpec<"collimator", ReturnType<typeof readCollimator>> = {
  name: "collimator",
  section: "collimator",
  card: readCollimator,
  planes: (_g, card) => [
    {
      z: card.collimator.z,
      kind: PlaneKind.ABSORBER,
      bit: Hit.ABSORBED,
      charged: true,
      photon: true,
      halfX: card.collimator.apertureHalfX,
      halfY: card.collimator.apertureHalfY,
      outerHalfX: card.collimator.outerHalfX,
      outerHalfY: card.collimator.outerHalfY,
    },
  ],
  veto: false,
};
