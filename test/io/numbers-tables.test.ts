/**
 * Numbers for people ((10.7 +4.2 −3.6) × 10⁻¹¹, MC noise as 0), report tables as CSV and LaTeX,
 * and HEPData cells parsed back from those strings.
 */
import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { cellValue, hepdataTable } from "../../src/io/hepdata.ts";
import {
  cleanNoise,
  exposureText,
  formatWithErrors,
  powerOfTen,
  powerText,
  superscriptInteger,
} from "../../src/io/numbers.ts";
import { latexEscape, tableCsv, tableLatex, tableSlugs } from "../../src/io/report-tables.ts";

describe("numbers", () => {
  it("value with asymmetric errors in one power of ten", () => {
    assert.equal(
      formatWithErrors({ value: 10.7e-11, up: 4.2e-11, down: 3.6e-11 }),
      "(10.7 +4.2 −3.6) × 10⁻¹¹",
    );
    assert.equal(formatWithErrors({ value: 5e-4, up: 2e-4, down: 1e-4 }), "(5.0 +2.0 −1.0) × 10⁻⁴");
    assert.equal(formatWithErrors({ value: 7.6, up: 1.2, down: 1.2 }), "7.6 ± 1.2");
    assert.equal(formatWithErrors({ value: 1.5e-10, up: 3e-11, down: 3e-11 }, -11), "(15.0 ± 3.0) × 10⁻¹¹");
    assert.equal(powerOfTen(-11), "10⁻¹¹");
  });

  it("superscript integers read back what powerOfTen writes", () => {
    for (const e of [-11, -7, 0, 3, 10, 42]) assert.equal(superscriptInteger(powerOfTen(e).slice(2)), e);
    assert.ok(Number.isNaN(superscriptInteger("¹x")));
  });

  it("Monte Carlo noise below 10⁻⁶ of the total is 0", () => {
    assert.equal(cleanNoise(3e-9, 10), 0);
    assert.equal(cleanNoise(3e-5, 10), 3e-5);
    assert.equal(cleanNoise(-3e-9, 10), 0);
  });
});

describe("report tables", () => {
  const t = {
    title: "Yields, R1 & R2",
    header: ["category", "expected [events]"],
    rows: [
      ["a_1", "1,5"],
      ["b", 2],
    ],
  };

  it("CSV quotes what needs quoting; LaTeX escapes its specials", () => {
    assert.equal(tableCsv(t), 'category,expected [events]\na_1,"1,5"\nb,2\n');
    assert.equal(latexEscape("a_1 & 50% #$"), "a\\_1 \\& 50\\% \\#\\$");
    const tex = tableLatex(t);
    assert.match(tex, /\\begin\{tabular\}\{lr\}/);
    assert.match(tex, /a\\_1 & 1,5 \\\\/);
  });

  it("file stems: unique, [a-z0-9-]", () => {
    assert.deepEqual(tableSlugs([t, t, { ...t, title: "π⁺ → ?" }]), [
      "yields-r1-r2",
      "yields-r1-r2-2",
      "table",
    ]);
  });

  it("HEPData cells: numbers, ± and asymmetric errors with a power of ten; text stays text", () => {
    assert.deepEqual(cellValue("(10.7 +4.2 −3.6) × 10⁻¹¹"), {
      value: 1.07e-10,
      errors: [{ asymerror: { plus: 4.2e-11, minus: -3.6e-11 } }],
    });
    assert.deepEqual(cellValue("0.63180 ± 0.00342"), { value: 0.6318, errors: [{ symerror: 0.00342 }] });
    assert.deepEqual(cellValue("12"), { value: 12 });
    assert.deepEqual(cellValue("reproduced"), { value: "reproduced" });
    const h = hepdataTable(t);
    assert.deepEqual(h.dependent_variables[0].header, { name: "expected", units: "events" });
    assert.equal(h.independent_variables[0].values.length, 2);
  });
});

test("the plot stamp names what was simulated and writes any exposure as a power of ten", () => {
  assert.equal(exposureText("2018-S2", 2_000_000), "2018-S2, 2 × 10^{6} simulated K⁺ decays");
  assert.equal(powerText(1.4e17), "1.4 × 10^{17}");
  assert.equal(powerText(1.2345e17), "1.2 × 10^{17}");
  assert.equal(powerText(512), "512");
  assert.equal(
    exposureText("dump-2021", 240_000, ", N_{POT} = 1.4 × 10^{17}", "simulated A′ decays"),
    "dump-2021, 2.4 × 10^{5} simulated A′ decays, N_{POT} = 1.4 × 10^{17}",
  );
});
