/**
 * One-loop functions of chiral perturbation theory used by the K → πγγ and K → πℓℓ amplitudes.
 * Complex results are written to a two-element array [re, im]. Only the moduli of the amplitudes
 * enter the generators (their other terms are real), so the sign convention of the imaginary parts
 * above threshold does not matter.
 */

/**
 * F(x) = 1 − (4/x) arcsin²(√x/2) for 0 ≤ x ≤ 4, and 1 + (1/x)[ln((1−s)/(1+s)) + iπ]², s = √(1 − 4/x),
 * above: the meson loop of K → πγγ (Ecker, Pich, de Rafael, Nucl. Phys. B 303 (1988) 665;
 * D'Ambrosio, Portolés, Nucl. Phys. B 492 (1997) 417).
 */
export function loopF(x: number, out: Float64Array): void {
  if (x <= 0) {
    out[0] = 0;
    out[1] = 0;
  } else if (x <= 4) {
    const a = Math.asin(Math.sqrt(x) / 2);
    out[0] = 1 - (4 / x) * a * a;
    out[1] = 0;
  } else {
    const s = Math.sqrt(1 - 4 / x);
    const L = Math.log((1 - s) / (1 + s));
    out[0] = 1 + (L * L - Math.PI * Math.PI) / x;
    out[1] = (2 * L * Math.PI) / x;
  }
}

/**
 * G(y) = √(4/y − 1) arcsin(√y/2) for 0 < y ≤ 4, and −(s/2)[ln((1−s)/(1+s)) − iπ], s = √(1 − 4/y),
 * above (its analytic continuation): the two-pion loop of the K → πγ* form factor.
 */
function loopG(y: number, out: Float64Array): void {
  if (y <= 4) {
    out[0] = Math.sqrt(4 / y - 1) * Math.asin(Math.sqrt(y) / 2);
    out[1] = 0;
  } else {
    const s = Math.sqrt(1 - 4 / y);
    out[0] = -0.5 * s * Math.log((1 - s) / (1 + s));
    out[1] = 0.5 * s * Math.PI;
  }
}

/**
 * χ(z) = 4/9 − 4r²/(3z) − (1/3)(1 − 4r²/z) G(z/r²), r = m_π/m_K: the ππ-loop factor of
 * W^ππ(z) (D'Ambrosio, Ecker, Isidori, Portolés, JHEP 08 (1998) 004). χ(0) = 0.
 */
export function loopChi(z: number, r2: number, out: Float64Array): void {
  if (z < 1e-4 * r2) {
    // series: χ = y/60 + O(y²), y = z/r²: avoids the cancellation of the 1/z terms
    out[0] = z / r2 / 60;
    out[1] = 0;
    return;
  }
  loopG(z / r2, out);
  const f = (1 - (4 * r2) / z) / 3;
  out[0] = 4 / 9 - (4 * r2) / (3 * z) - f * out[0];
  out[1] = -f * out[1];
}
