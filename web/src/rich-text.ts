/**
 * Labels with sub- and superscripts on a canvas, in the convention of the SVG plots: "p_π",
 * "p_{track}", "m^2_{miss}", "10^{-11}" are drawn with smaller raised or lowered text; and the same
 * as HTML (<sub>, <sup>) for tables.
 */
const RE = /([_^])(\{([^}]*)\}|([^\s_^{}()[\],/]+))/g;

interface Piece {
  text: string;
  shift: 0 | 1 | -1;
}

function pieces(s: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const m of s.matchAll(RE)) {
    if ((m.index ?? 0) > at) out.push({ text: s.slice(at, m.index), shift: 0 });
    out.push({ text: m[3] ?? m[4] ?? "", shift: m[1] === "^" ? 1 : -1 });
    at = (m.index ?? 0) + m[0].length;
  }
  if (at < s.length) out.push({ text: s.slice(at), shift: 0 });
  return out;
}

/** draw `s` at (x, y) (baseline), aligned left, centre or right */
export function drawRich(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  align: "left" | "center" | "right",
  size: number,
): void {
  const ps = pieces(s);
  const small = Math.round(size * 0.75);
  const font = (p: Piece) => `${p.shift === 0 ? size : small}px sans-serif`;
  let width = 0;
  for (const p of ps) {
    ctx.font = font(p);
    width += ctx.measureText(p.text).width;
  }
  let cx = align === "left" ? x : align === "center" ? x - width / 2 : x - width;
  ctx.textAlign = "left";
  for (const p of ps) {
    ctx.font = font(p);
    ctx.fillText(p.text, cx, y + (p.shift === 1 ? -size * 0.4 : p.shift === -1 ? size * 0.3 : 0));
    cx += ctx.measureText(p.text).width;
  }
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** HTML with <sub>/<sup> for a label */
export function richHtml(s: string): string {
  return pieces(String(s))
    .map((p) =>
      p.shift === 0 ? esc(p.text) : p.shift === 1 ? `<sup>${esc(p.text)}</sup>` : `<sub>${esc(p.text)}</sub>`,
    )
    .join("");
}
