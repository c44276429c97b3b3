/**
 * Reference numbers published by pyhf (scikit-hep/pyhf, main at commit b3dc4bb, Aug 2026):
 *  - tests/test_validation.py: CLs (observed and expected set −2σ…+2σ) at μ = 1 for small
 *    HistFactory models, pinned against ROOT HistFactory; the models come from validation/data/*.json.
 *    These use test_stat "q" (no tilde) and modifier_settings {"normsys": {"interpcode": "code1"}},
 *    which leaves histosys at its class default code0.
 *  - test_shapesys_nuisparfilter_validation (same file): a ROOT reference with pyhf's default codes
 *    (normsys code4, histosys code4p) and q̃μ.
 *  - README.rst "Hello World" and src/pyhf/infer/intervals/upper_limits.py docstrings: q̃μ CLs and
 *    upper limits of simplemodels.uncorrelated_background(signal=[12, 11], bkg=[50, 52],
 *    bkg_uncertainty=[3, 7]) with data [51, 48].
 */
import type { Workspace } from "../../src/stats/pyhf/workspace.ts";

const mod = (name: string, type: string, data: unknown) => ({ name, type, data });

export function workspace(
  channels: unknown[],
  observations: Record<string, number[]>,
  parameters: unknown[] = [],
  poi = "mu",
): Workspace {
  return {
    channels,
    observations: Object.entries(observations).map(([name, data]) => ({ name, data })),
    measurements: [{ name: "meas", config: { poi, parameters } }],
    version: "1.0.0",
  } as Workspace;
}

export interface ValidationCase {
  name: string;
  ws: Workspace;
  mu: number;
  obs: number;
  exp: number[];
}

export const VALIDATION: ValidationCase[] = [
  {
    name: "1bin_shapesys",
    ws: workspace(
      [
        {
          name: "singlechannel",
          samples: [
            { name: "signal", data: [10], modifiers: [mod("mu", "normfactor", null)] },
            { name: "background", data: [50], modifiers: [mod("uncorr_bkguncrt", "shapesys", [7])] },
          ],
        },
      ],
      { singlechannel: [55] },
    ),
    mu: 1,
    obs: 0.45418892944576333,
    exp: [0.06372011644331387, 0.1509686618126131, 0.3279657430196915, 0.604613569829645, 0.8662652332047568],
  },
  {
    name: "1bin_lumi",
    ws: workspace(
      [
        {
          name: "channel1",
          samples: [
            { name: "signal", data: [20], modifiers: [mod("mu", "normfactor", null)] },
            { name: "background1", data: [100], modifiers: [mod("lumi", "lumi", null)] },
            { name: "background2", data: [0], modifiers: [mod("lumi", "lumi", null)] },
          ],
        },
      ],
      { channel1: [55] },
      [{ auxdata: [1], bounds: [[0, 10]], inits: [1], name: "lumi", sigmas: [0.1] }],
    ),
    mu: 1,
    obs: 0.010473144401519705,
    exp: [
      0.01060400765567206, 0.04022451457730529, 0.13614632580079802, 0.37078985531427255, 0.7110468540175344,
    ],
  },
  {
    name: "1bin_normsys",
    ws: workspace(
      [
        {
          name: "singlechannel",
          samples: [
            { name: "signal", data: [30, 95], modifiers: [mod("mu", "normfactor", null)] },
            {
              name: "background",
              data: [100, 150],
              modifiers: [mod("bkg_norm", "normsys", { lo: 0.9, hi: 1.1 })],
            },
          ],
        },
      ],
      { singlechannel: [120, 180] },
    ),
    mu: 1,
    obs: 0.0006735336290569807,
    exp: [
      7.472581399417304e-10, 5.741738272450336e-8, 3.690120950161796e-6, 0.00016966882793076826,
      0.004392935288879465,
    ],
  },
  {
    name: "2bin_histosys",
    ws: workspace(
      [
        {
          name: "singlechannel",
          samples: [
            { name: "signal", data: [30, 95], modifiers: [mod("mu", "normfactor", null)] },
            {
              name: "background",
              data: [100, 150],
              modifiers: [mod("bkg_norm", "histosys", { lo_data: [98, 100], hi_data: [102, 190] })],
            },
          ],
        },
      ],
      { singlechannel: [120, 180] },
    ),
    mu: 1,
    obs: 0.1001463460725534,
    exp: [
      7.133904244038431e-6, 0.00012547100627138575, 0.001880010666437615, 0.02078964907605385,
      0.13692494523572218,
    ],
  },
  {
    name: "2bin_2channel",
    ws: workspace(
      [
        {
          name: "signal",
          samples: [
            { name: "signal", data: [10, 35], modifiers: [mod("mu", "normfactor", null)] },
            {
              name: "background",
              data: [100, 150],
              modifiers: [mod("uncorr_bkguncrt_signal", "shapesys", [10, 10])],
            },
          ],
        },
        {
          name: "control",
          samples: [
            {
              name: "background",
              data: [200, 350],
              modifiers: [mod("uncorr_bkguncrt_control", "shapesys", [5, 10])],
            },
          ],
        },
      ],
      { signal: [110, 155], control: [205, 345] },
    ),
    mu: 1,
    obs: 0.0563327694384318,
    exp: [
      0.0004349234603527283, 0.003422361539161119, 0.02337454317608372, 0.12186650297311125,
      0.40382274594391104,
    ],
  },
  {
    name: "2bin_2channel_couplednorm",
    ws: workspace(
      [
        {
          name: "signal",
          samples: [
            { name: "signal", data: [10, 35], modifiers: [mod("mu", "normfactor", null)] },
            {
              name: "bkg1",
              data: [100, 100],
              modifiers: [mod("coupled_normsys", "normsys", { lo: 0.9, hi: 1.1 })],
            },
            {
              name: "bkg2",
              data: [50, 100],
              modifiers: [mod("coupled_normsys", "normsys", { lo: 0.5, hi: 1.5 })],
            },
          ],
        },
        {
          name: "control",
          samples: [
            {
              name: "background",
              data: [100, 100],
              modifiers: [mod("coupled_normsys", "normsys", { lo: 0.9, hi: 1.1 })],
            },
          ],
        },
      ],
      { signal: [105, 220], control: [110, 105] },
    ),
    mu: 1,
    obs: 0.5906216823766879,
    exp: [
      0.05522270453784095, 0.1361301880753241, 0.30686879632329855, 0.5839437910061168, 0.8554708284963864,
    ],
  },
  {
    name: "2bin_2channel_coupledhistosys",
    ws: workspace(
      [
        {
          name: "signal",
          samples: [
            { name: "signal", data: [30, 35], modifiers: [mod("mu", "normfactor", null)] },
            {
              name: "bkg1",
              data: [100, 100],
              modifiers: [mod("coupled_histosys", "histosys", { lo_data: [90, 90], hi_data: [110, 110] })],
            },
            {
              name: "bkg2",
              data: [50, 120],
              modifiers: [mod("coupled_histosys", "histosys", { lo_data: [45, 45], hi_data: [55, 55] })],
            },
          ],
        },
        {
          name: "control",
          samples: [
            {
              name: "background",
              data: [105, 100],
              modifiers: [mod("coupled_histosys", "histosys", { lo_data: [95, 90], hi_data: [110, 115] })],
            },
          ],
        },
      ],
      { signal: [170, 220], control: [110, 105] },
    ),
    mu: 1,
    obs: 0.07967400132261188,
    exp: [
      1.7654378902209275e-5, 0.00026266409358853543, 0.0033401113778672156, 0.03152286332324451,
      0.17907927340107824,
    ],
  },
  {
    name: "2bin_2channel_coupledshapefactor",
    ws: workspace(
      [
        {
          name: "signal",
          samples: [
            { name: "signal", data: [20, 20], modifiers: [mod("mu", "normfactor", null)] },
            { name: "bkg1", data: [100, 70], modifiers: [mod("coupled_shapefactor", "shapefactor", null)] },
          ],
        },
        {
          name: "control",
          samples: [
            {
              name: "background",
              data: [100, 100],
              modifiers: [mod("coupled_shapefactor", "shapefactor", null)],
            },
          ],
        },
      ],
      { signal: [220, 230], control: [200, 300] },
    ),
    mu: 1,
    obs: 0.5421679124909312,
    exp: [
      0.013753299929451691, 0.048887400056355966, 0.15555296253957684, 0.4007561343326305, 0.7357169630955912,
    ],
  },
];

/** test_shapesys_nuisparfilter_validation: ROOT reference, default codes, q̃μ */
export const NUISPARFILTER = {
  ws: {
    channels: [
      {
        name: "channel1",
        samples: [
          { data: [20, 10], modifiers: [mod("SigXsecOverSM", "normfactor", null)], name: "signal" },
          { data: [100, 10], modifiers: [mod("syst", "shapesys", [10, 0])], name: "background1" },
        ],
      },
    ],
    measurements: [
      {
        config: {
          parameters: [{ auxdata: [1], bounds: [[0.5, 1.5]], inits: [1], name: "lumi", sigmas: [0.1] }],
          poi: "SigXsecOverSM",
        },
        name: "GaussExample",
      },
    ],
    observations: [{ data: [100, 10], name: "channel1" }],
    version: "1.0.0",
  } as Workspace,
  obs: 0.004360634405484502,
  exp: [
    2.702197937866914e-5, 0.00037099917612576155, 0.004360634386335687, 0.03815031509701916,
    0.20203027564155074,
  ],
};

/** README / upper_limits docstrings: uncorrelated_background model, data [51, 48] */
export const HELLO = {
  ws: workspace(
    [
      {
        name: "singlechannel",
        samples: [
          { name: "signal", data: [12, 11], modifiers: [mod("mu", "normfactor", null)] },
          { name: "background", data: [50, 52], modifiers: [mod("uncorr_bkguncrt", "shapesys", [3, 7])] },
        ],
      },
    ],
    { singlechannel: [51, 48] },
  ),
  /** pyhf cls (README): CLs_obs and CLs_exp at μ = 1 */
  cls: 0.05251497423736956,
  clsExp: [
    0.0026062609501074576, 0.01382005356161206, 0.06445320535890459, 0.23525643861460702, 0.573036205919389,
  ],
  /** qmu docstring: q̃μ(1) = 3.93824492 */
  qmu: 3.93824492,
  /** upper_limit(data, model, scan=np.linspace(0, 5, 21)): np.interp on CLs */
  linearScan: { obs: 1.01764089, exp: [0.59576921, 0.76169166, 1.08504773, 1.50170482, 2.06654952] },
  /** toms748_scan(..., 0, 5, rtol=0.01): a root to 1% */
  toms748: { obs: 1.01156939, exp: [0.5600747, 0.75702605, 1.06234693, 1.50116923, 2.05078912] },
};
