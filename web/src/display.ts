/**
 * The 3D event display: the detector of a period (from the server's geometry and period card) and
 * events simulated on the server from the library (a small batch of a chosen channel, period and
 * selection), stepped through one at a time. Particles are coloured by type; hits are dots where
 * the transport says a particle reached a detector inside its acceptance; LKr clusters are boxes
 * whose size grows with the energy. z is compressed (the detector is 180 m long and 3 m wide).
 */
import * as THREE from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { type DisplayBatch, type DisplayElement, type DisplayEvent, getJson } from "./api.ts";
import { formatValue } from "./plot.ts";

/** drawn scale: x, y in metres; z in metres × Z_SCALE, from Z_ORIGIN */
const Z_SCALE = 0.05;
const Z_ORIGIN = 160_000;

const GROUP_COLOURS: Record<string, number> = {
  GTK: 0x8c564b,
  CHANTI: 0x7f7f7f,
  LAV: 0x2ca02c,
  STRAW: 0x1f77b4,
  magnet: 0xd62728,
  RICH: 0x9467bd,
  CHOD: 0xff7f0e,
  IRC: 0x17becf,
  LKr: 0x00a0a0,
  MUV: 0x555555,
  SAC: 0x17becf,
};

/** particle colours by |PDG code| (legend in PARTICLE_LEGEND) */
const PARTICLE_COLOURS: Record<number, number> = {
  211: 0xd62728,
  13: 0x2ca02c,
  11: 0x1f77b4,
  22: 0xe6a700,
  111: 0xbbbbbb,
  12: 0x999999,
  14: 0x999999,
  16: 0x999999,
  321: 0x9467bd,
};
const OTHER_COLOUR = 0xcc79a7;
const PARTICLE_LEGEND: [string, number][] = [
  ["π±", 0xd62728],
  ["μ±", 0x2ca02c],
  ["e±", 0x1f77b4],
  ["γ", 0xe6a700],
  ["ν", 0x999999],
  ["other", OTHER_COLOUR],
];

function v3(x: number, y: number, z: number): THREE.Vector3 {
  return new THREE.Vector3(x / 1000, y / 1000, ((z - Z_ORIGIN) / 1000) * Z_SCALE);
}

function hex(c: number): string {
  return `#${c.toString(16).padStart(6, "0")}`;
}

function elementObject(e: DisplayElement): THREE.Object3D {
  const colour = GROUP_COLOURS[e.group] ?? 0x888888;
  const depth = Math.max(((e.z1 - e.z0) / 1000) * Z_SCALE, 0.004);
  const zc = v3(0, 0, (e.z0 + e.z1) / 2).z;
  const mat = new THREE.MeshBasicMaterial({
    color: colour,
    transparent: true,
    opacity: 0.12,
    side: THREE.DoubleSide,
    depthWrite: false,
  });
  const lineMat = new THREE.LineBasicMaterial({ color: colour, transparent: true, opacity: 0.6 });
  let geo: THREE.BufferGeometry;
  if (e.shape === "box")
    geo = new THREE.BoxGeometry(((e.halfX ?? 100) * 2) / 1000, ((e.halfY ?? 100) * 2) / 1000, depth);
  else {
    const outer = e.shape === "octagon" ? (e.halfX ?? 1000) / Math.cos(Math.PI / 8) : (e.rMax ?? 1000);
    geo = new THREE.CylinderGeometry(
      outer / 1000,
      outer / 1000,
      depth,
      e.shape === "octagon" ? 8 : 48,
      1,
      e.shape !== "octagon",
    );
    geo.rotateX(Math.PI / 2);
    if (e.shape === "octagon") geo.rotateZ(Math.PI / 8);
  }
  const g = new THREE.Group();
  g.add(new THREE.Mesh(geo, mat), new THREE.LineSegments(new THREE.EdgesGeometry(geo, 30), lineMat));
  if (e.shape === "annulus" && e.rMin) {
    const ring = new THREE.Mesh(new THREE.RingGeometry(e.rMin / 1000, (e.rMax ?? 1000) / 1000, 48), mat);
    ring.position.x = -(e.x ?? 0) / 1000; // the ring is placed at the element's centre below
    g.add(ring);
  }
  g.position.set((e.x ?? 0) / 1000, 0, zc);
  g.name = e.name;
  return g;
}

export class EventDisplay {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera: THREE.PerspectiveCamera;
  private readonly controls: OrbitControls;
  private readonly detector = new THREE.Group();
  private readonly eventGroup = new THREE.Group();
  private readonly info = document.createElement("div");
  private readonly counter = document.createElement("span");
  private readonly form = document.createElement("form");
  private batch: DisplayBatch | null = null;
  private index = 0;
  private showNeutrinos = true;
  readonly canvas: HTMLCanvasElement;

  constructor(root: HTMLElement) {
    this.form.className = "controls";
    const view = document.createElement("div");
    view.className = "display-view";
    this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(window.devicePixelRatio || 1);
    this.renderer.setSize(900, 520);
    this.renderer.setClearColor(0xffffff);
    this.canvas = this.renderer.domElement;
    this.canvas.setAttribute("data-testid", "display-canvas");
    this.camera = new THREE.PerspectiveCamera(40, 900 / 520, 0.01, 200);
    this.camera.position.set(8.5, 2.6, 1.2);
    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.target.set(0, -0.2, 0.2);
    this.controls.addEventListener("change", () => this.render());
    this.scene.add(this.detector, this.eventGroup);
    const legend = document.createElement("div");
    legend.className = "legend";
    legend.innerHTML =
      PARTICLE_LEGEND.map(([n, c]) => `<span><i style="background:${hex(c)}"></i>${n}</span>`).join("") +
      `<span class="muted">dots: hits · boxes: LKr clusters · dashed black: reconstructed tracks · z compressed ×${1 / Z_SCALE}</span>`;
    view.append(this.canvas, legend);
    this.info.className = "event-info";
    this.info.setAttribute("data-testid", "event-info");
    root.append(this.form, view, this.info);
    void this.buildForm();
  }

  private async buildForm(): Promise<void> {
    const cat = await getJson<{ channels: string[]; periods: string[] }>("api/catalogue");
    const sel = (name: string, options: string[], value: string) => {
      const l = document.createElement("label");
      l.textContent = `${name} `;
      const s = document.createElement("select");
      s.name = name;
      for (const o of options) s.append(new Option(o, o, false, o === value));
      l.append(s);
      return l;
    };
    const num = (name: string, value: number) => {
      const l = document.createElement("label");
      l.textContent = `${name} `;
      const i = document.createElement("input");
      i.type = "number";
      i.name = name;
      i.value = String(value);
      i.min = "0";
      i.style.width = "5em";
      l.append(i);
      return l;
    };
    const go = document.createElement("button");
    go.type = "submit";
    go.textContent = "Simulate";
    const prev = document.createElement("button");
    prev.type = "button";
    prev.textContent = "◀";
    prev.setAttribute("data-testid", "prev");
    prev.addEventListener("click", () => this.show(this.index - 1));
    const next = document.createElement("button");
    next.type = "button";
    next.textContent = "▶";
    next.setAttribute("data-testid", "next");
    next.addEventListener("click", () => this.show(this.index + 1));
    const nu = document.createElement("label");
    const nuBox = document.createElement("input");
    nuBox.type = "checkbox";
    nuBox.checked = true;
    nuBox.addEventListener("change", () => {
      this.showNeutrinos = nuBox.checked;
      this.show(this.index);
    });
    nu.append(nuBox, " neutrinos");
    this.form.append(
      sel("channel", cat.channels, "K+ -> pi+ pi0"),
      sel("period", cat.periods, cat.periods.includes("2018-S2") ? "2018-S2" : cat.periods[0]),
      sel("selection", ["track", "all"], "track"),
      num("events", 20),
      num("seed", 1),
      go,
      prev,
      this.counter,
      next,
      nu,
    );
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.simulate();
    });
    await this.simulate();
  }

  /** ask the server for a batch of events with the form's settings */
  async simulate(): Promise<void> {
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(this.form)) q.set(k, String(v));
    this.info.textContent = "simulating…";
    try {
      this.batch = await getJson<DisplayBatch>(`api/events?${q}`);
    } catch (e) {
      this.info.textContent = (e as Error).message;
      return;
    }
    this.detector.clear();
    for (const e of this.batch.elements) this.detector.add(elementObject(e));
    this.show(0);
  }

  private clearEvent(): void {
    for (const o of this.eventGroup.children) {
      const m = o as THREE.Mesh;
      m.geometry?.dispose();
      (m.material as THREE.Material | undefined)?.dispose();
    }
    this.eventGroup.clear();
  }

  show(i: number): void {
    const b = this.batch;
    if (!b || b.events.length === 0) {
      this.info.textContent = "no event passed the selection";
      return;
    }
    this.index = (i + b.events.length) % b.events.length;
    const ev = b.events[this.index];
    this.counter.textContent = ` event ${this.index + 1} / ${b.events.length} `;
    this.clearEvent();
    this.drawEvent(ev);
    this.describe(ev, b);
    this.render();
    this.canvas.dataset.event = String(ev.index);
  }

  private drawEvent(ev: DisplayEvent): void {
    for (const p of ev.particles) {
      const a = Math.abs(p.pdg);
      const neutrino = a === 12 || a === 14 || a === 16;
      if (neutrino && !this.showNeutrinos) continue;
      const colour = PARTICLE_COLOURS[a] ?? OTHER_COLOUR;
      const pts: THREE.Vector3[] = [];
      for (let k = 0; k + 2 < p.path.length; k += 3) pts.push(v3(p.path[k], p.path[k + 1], p.path[k + 2]));
      if (pts.length >= 2) {
        const geo = new THREE.BufferGeometry().setFromPoints(pts);
        const mat = neutrino
          ? new THREE.LineDashedMaterial({ color: colour, dashSize: 0.1, gapSize: 0.08 })
          : new THREE.LineBasicMaterial({ color: colour, linewidth: 2 });
        const line = new THREE.Line(geo, mat);
        if (neutrino) line.computeLineDistances();
        this.eventGroup.add(line);
      }
      if (p.hits.length > 0) {
        const geo = new THREE.BufferGeometry().setFromPoints(p.hits.map((h) => v3(h.x, h.y, h.z)));
        this.eventGroup.add(
          new THREE.Points(geo, new THREE.PointsMaterial({ color: colour, size: 7, sizeAttenuation: false })),
        );
      }
    }
    for (const c of ev.clusters) {
      const s = Math.min(0.25, 0.03 + 0.006 * c.e);
      const box = new THREE.Mesh(
        new THREE.BoxGeometry(s, s, s),
        new THREE.MeshBasicMaterial({
          color: c.photon ? 0xe6a700 : 0xd62728,
          transparent: true,
          opacity: 0.8,
        }),
      );
      const z = this.batch?.elements.find((e) => e.name === "LKr")?.z0 ?? 241_093;
      box.position.copy(v3(c.x, c.y, z));
      this.eventGroup.add(box);
    }
    // reconstructed STRAW tracks: the measured line at STRAW1 (position, slopes) from the
    // reconstructed vertex (the true decay point when there are several tracks) to the magnet, dashed black
    const straw1 = this.batch?.elements.find((e) => e.name === "STRAW1");
    const zMagnet = this.batch?.magnet.z;
    if (straw1 && zMagnet)
      for (const t of ev.tracks) {
        const z1 = (straw1.z0 + straw1.z1) / 2;
        const zFrom = Number.isFinite(ev.reco.zVtx) && ev.tracks.length === 1 ? ev.reco.zVtx : ev.vertex[2];
        const at = (z: number) => v3(t.x + t.tx * (z - z1), t.y + t.ty * (z - z1), z);
        const line = new THREE.Line(
          new THREE.BufferGeometry().setFromPoints([at(zFrom), at(zMagnet)]),
          new THREE.LineDashedMaterial({ color: 0x000000, dashSize: 0.05, gapSize: 0.04 }),
        );
        line.computeLineDistances();
        this.eventGroup.add(line);
      }
    const vtx = new THREE.Mesh(
      new THREE.SphereGeometry(0.03),
      new THREE.MeshBasicMaterial({ color: 0x000000 }),
    );
    vtx.position.copy(v3(...ev.vertex));
    this.eventGroup.add(vtx);
  }

  private describe(ev: DisplayEvent, b: DisplayBatch): void {
    const rows = ev.particles
      .map(
        (p) =>
          `<tr><td style="color:${hex(PARTICLE_COLOURS[Math.abs(p.pdg)] ?? OTHER_COLOUR)}">${p.name}</td><td>${formatValue(p.p)}</td><td>${formatValue(p.path[2] / 1000)}</td><td>${p.hits.map((h) => h.detector).join(" ")}</td></tr>`,
      )
      .join("");
    const tracks =
      ev.tracks.map((t) => `${t.q > 0 ? "+" : "−"} ${formatValue(t.p)} GeV/c`).join(", ") || "none";
    this.info.innerHTML = `<p><b>${ev.channel}</b>, ${b.request.period}, event ${ev.index} of the batch (seed ${b.request.seed}; ${b.simulated} decays simulated), weight ${formatValue(ev.weight)}, decay at z = ${formatValue(ev.vertex[2] / 1000)} m</p>
      <p>Reconstructed: ${ev.reco.nTracks} STRAW track(s): ${tracks}; ${ev.clusters.length} LKr cluster(s)${ev.reco.nTracks > 0 ? `; selected track p = ${formatValue(ev.reco.p)} GeV/c, m²<sub>miss</sub> = ${formatValue(ev.reco.m2miss)} GeV²/c⁴, z<sub>vtx</sub> = ${formatValue(ev.reco.zVtx / 1000)} m` : ""}</p>
      <table><tr><th>particle</th><th>p [GeV/c]</th><th>from z [m]</th><th>hits</th></tr>${rows}</table>`;
  }

  render(): void {
    this.renderer.render(this.scene, this.camera);
  }
}
