/** The kaonlab explorer: tabs for the run browser, the (p, m²miss) plane and the event display. */
import "./style.css";
import { EventDisplay } from "./display.ts";
import { PlaneView } from "./plane.ts";
import { RunBrowser } from "./runs.ts";

const tab = (name: string) => document.getElementById(`tab-${name}`) as HTMLElement;
const browser = new RunBrowser(tab("runs"));
const plane = new PlaneView(tab("plane"));
let display: EventDisplay | null = null;
browser.onRuns = (runs) => plane.setRuns(runs);

function activate(name: string): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>("nav button"))
    b.classList.toggle("active", b.dataset.tab === name);
  for (const s of document.querySelectorAll<HTMLElement>(".tab"))
    s.classList.toggle("active", s.id === `tab-${name}`);
  // the display simulates on first view only
  if (name === "display" && !display) display = new EventDisplay(tab("display"));
  display?.render();
  if (location.hash !== `#${name}`) history.replaceState(null, "", `#${name}`);
}

for (const b of document.querySelectorAll<HTMLButtonElement>("nav button"))
  b.addEventListener("click", () => activate(b.dataset.tab ?? "runs"));
activate(location.hash.slice(1) || "runs");
