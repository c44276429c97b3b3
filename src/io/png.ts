/**
 * PNG from SVG with resvg (a Rust renderer shipped as a prebuilt binary inside its npm package).
 * Text uses Liberation Sans (Debian fonts-liberation) when present, else the system's sans-serif.
 */
import { Resvg } from "@resvg/resvg-js";

export function svgToPng(svg: string, scale = 1): Uint8Array {
  const r = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: "Liberation Sans", sansSerifFamily: "Liberation Sans" },
    fitTo: scale === 1 ? { mode: "original" } : { mode: "zoom", value: scale },
    background: "white",
  });
  return r.render().asPng();
}
