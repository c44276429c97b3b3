import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  inferenceWarning,
  mcRelativeErrors,
  PROVENANCE_TAGS,
  singleEventCategories,
  unreproducedBackgrounds,
} from "../../../src/analyses/pnn/caveats.ts";
import { publishedFigures } from "../../../src/analyses/pnn/conditions.ts";
import { BACKGROUND_SOURCES } from "../../../src/analyses/pnn/samples.ts";
import type { BackgroundFigures, PeriodYields } from "../../../src/analyses/pnn/yields.ts";

const bg = (f: (s: string) => number): BackgroundFigures => {
  const b = { total: 0 } as BackgroundFigures;
  for (const s of BACKGROUND_SOURCES) {
    b[s] = f(s);
    b.total += b[s];
  }
  return b;
};

/**
 * a 2017 result (no figure calibrated there) with NA62's figures, half of NA62's backgrounds and no
 * upstream background
 */
function fake(): PeriodYields {
  const pub = publishedFigures("2017");
  const v = (k: string) => pub[k]?.value ?? pub[k]?.limit ?? 0;
  const background = bg((s) => (s === "upstream" ? 0 : v(`expected.background.${s}`) * 0.5));
  const unc = bg((s) => (s === "upstream" ? 0 : v(`expected.background.${s}`) * 0.05));
  unc.total = 0.1;
  const figures = {
    acceptance: { pipi: v("acceptance.pipi"), pinunu: v("acceptance.pinunu") },
    efficiency: { trigger: v("efficiency.trigger"), randomVeto: v("efficiency.randomVeto") },
    nPiPi: v("nPiPi"),
    ses: v("ses"),
    expected: { signal: v("expected.signal"), background },
  };
  const share = bg(() => 0);
  share.pipi0 = 0.8;
  share.total = 0.3;
  return {
    period: "2017",
    ...figures,
    uncertainty: { ...figures, expected: { signal: 0.06, background: unc } },
    categories: [
      {
        period: "2017",
        region: "R1",
        pMin: 15,
        pMax: 20,
        signal: 1,
        background,
        uncertainty: { signal: 0.1, background: unc },
        maxEventShare: share,
      },
      {
        // one event, but 10⁻⁹ events: below the flagging floor (1% of the total background)
        period: "2017",
        region: "R2",
        pMin: 20,
        pMax: 25,
        signal: 1,
        background: bg((s) => (s === "pipipi" ? 1e-9 : 0)),
        uncertainty: { signal: 0.1, background: bg(() => 0) },
        maxEventShare: bg(() => 1),
      },
    ],
  } as unknown as PeriodYields;
}

describe("pnn caveats", () => {
  it("gives the MC relative error of each background, null for an empty one", () => {
    const y = fake();
    const r = mcRelativeErrors(y);
    assert.ok(Math.abs((r.pipi0 as number) - 0.1) < 1e-12);
    assert.equal(r.upstream, null);
    assert.ok(Math.abs((r.signal as number) - 0.06 / y.expected.signal) < 1e-12);
  });

  it("flags the categories where one event carries more than half of a source (if they matter)", () => {
    const f = singleEventCategories(fake());
    assert.deepEqual(
      f.map((x) => x.source),
      ["pipi0"],
    );
    assert.equal(f[0].region, "R1");
  });

  it("warns that the BR uses a background source that is not reproduced", () => {
    const y = fake();
    const u = unreproducedBackgrounds(y);
    assert.ok(u.some((x) => x.source === "upstream"));
    assert.ok(!u.some((x) => x.source === "pigg"), "a source below its published bound is reproduced");
    assert.match(inferenceWarning(y), /upstream 2017 \(ratio 0\.00\)/);
  });

  it("explains every provenance tag used by the published values; no `seed` tag any more", () => {
    for (const fig of Object.values(publishedFigures("2018-S2")))
      assert.ok(fig.tag in PROVENANCE_TAGS, `tag ${fig.tag}`);
    assert.ok(!("seed" in PROVENANCE_TAGS));
  });
});
