/**
 * A synthetic pyhf workspace (not physics: a load for kaonlab bench and the tests) with one nuisance parameter per bin, for the scaling benchmark and its
 * test: one channel of `nBins` bins, a Gaussian signal peak on a falling background, the background
 * with a 10% shapesys per bin (one γ per bin), a histosys (+5% −4%), a normsys (+10% −8%) and a
 * 2% lumi shared with the signal. Observed counts: the background ± √b, from a fixed linear
 * congruential sequence (the same workspace every time). nBins + 4 parameters.
 */
export function bigWorkspace(nBins: number, seed = 1): unknown {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const sig: number[] = [];
  const bkg: number[] = [];
  const err: number[] = [];
  const obs: number[] = [];
  const hi: number[] = [];
  const lo: number[] = [];
  for (let b = 0; b < nBins; b++) {
    const x = b / nBins;
    sig.push(5 * Math.exp(-((x - 0.5) ** 2) / 0.01));
    const bb = 50 + 100 * Math.exp(-3 * x);
    bkg.push(bb);
    err.push(0.1 * bb);
    hi.push(bb * 1.05);
    lo.push(bb * 0.96);
    obs.push(Math.round(bb + Math.sqrt(bb) * (rnd() - 0.5) * 2));
  }
  return {
    channels: [
      {
        name: "sr",
        samples: [
          {
            name: "signal",
            data: sig,
            modifiers: [
              { name: "mu", type: "normfactor", data: null },
              { name: "lumi", type: "lumi", data: null },
            ],
          },
          {
            name: "bkg",
            data: bkg,
            modifiers: [
              { name: "shape", type: "shapesys", data: err },
              { name: "jes", type: "histosys", data: { hi_data: hi, lo_data: lo } },
              { name: "xsec", type: "normsys", data: { hi: 1.1, lo: 0.92 } },
              { name: "lumi", type: "lumi", data: null },
            ],
          },
        ],
      },
    ],
    observations: [{ name: "sr", data: obs }],
    measurements: [
      {
        name: "m",
        config: {
          poi: "mu",
          parameters: [{ name: "lumi", auxdata: [1], sigmas: [0.02], bounds: [[0.5, 1.5]], inits: [1] }],
        },
      },
    ],
    version: "1.0.0",
  };
}
