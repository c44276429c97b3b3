import { Simulator } from "../src/chain/simulator.ts";
const ch = process.argv[2], mode = process.argv[3] as any, n = +process.argv[4];
const t0 = Date.now();
const sim = new Simulator({ channel: ch, period: "2018-S2", zRange: [102500, 180000], pi0Mode: mode });
let w = 0, w5 = 0, n5 = 0, nq = 0; const hist = new Array(9).fill(0);
sim.run(1, 0, n, (b, r) => { for (let i = 0; i < b.size; i++) { const c = r.tracks.count[i]; hist[Math.min(c,8)] += 1; w += b.weight[i]; if (c === 5) { n5++; w5 += b.weight[i]; } } });
console.log(ch, mode, "ms", Date.now() - t0, "ntrk hist", hist.join(","), "w5/w", w5 / w, "w/n", w/n);
