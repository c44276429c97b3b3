/**
 * PNG from SVG with resvg (a Rust renderer shipped as a prebuilt binary inside its npm package).
 *
 * Text uses Liberation Sans (Debian fonts-liberation), and DejaVu Sans (fonts-dejavu-core) for the
 * characters Liberation Sans lacks (⁺, ⁻, ⁰ …: resvg then draws the whole text element with the
 * fallback font). Only these two families are loaded when their files are found: with every system
 * font loaded, resvg's fallback picks whichever font comes first that has the glyph (a serif one on
 * some machines), so the same plot would look different from machine to machine. Without them, the
 * system's fonts are used.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

/** where Debian/Ubuntu, Fedora/RHEL and Arch put the two families */
const FONT_DIRS = [
  "/usr/share/fonts/truetype/liberation",
  "/usr/share/fonts/truetype/liberation2",
  "/usr/share/fonts/truetype/dejavu",
  "/usr/share/fonts/liberation-sans",
  "/usr/share/fonts/liberation-sans-fonts",
  "/usr/share/fonts/dejavu-sans-fonts",
  "/usr/share/fonts/liberation",
  "/usr/share/fonts/TTF",
];
const FONT_FILES = [
  "LiberationSans-Regular.ttf",
  "LiberationSans-Bold.ttf",
  "DejaVuSans.ttf",
  "DejaVuSans-Bold.ttf",
];

let fontFiles: string[] | undefined;

/** the font files of the two families found on this machine (empty: use the system's fonts) */
export function plotFontFiles(): string[] {
  if (fontFiles) return fontFiles;
  const found = new Map<string, string>();
  for (const d of FONT_DIRS)
    for (const f of FONT_FILES) if (!found.has(f) && existsSync(join(d, f))) found.set(f, join(d, f));
  const regular = found.has("LiberationSans-Regular.ttf") && found.has("DejaVuSans.ttf");
  fontFiles = regular ? [...found.values()] : [];
  return fontFiles;
}

export function svgToPng(svg: string, scale = 1): Uint8Array {
  const files = plotFontFiles();
  const r = new Resvg(svg, {
    font: {
      loadSystemFonts: files.length === 0,
      fontFiles: files,
      defaultFontFamily: "Liberation Sans",
      sansSerifFamily: "Liberation Sans",
    },
    fitTo: scale === 1 ? { mode: "original" } : { mode: "zoom", value: scale },
    background: "white",
  });
  return r.render().asPng();
}
