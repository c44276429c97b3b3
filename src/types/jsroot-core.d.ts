/** The few functions kaonlab uses from JSROOT's core module (the package types cover only its main entry). */
declare module "jsroot/core" {
  // biome-ignore lint/suspicious/noExplicitAny: JSROOT objects are dynamic ROOT class mirrors
  type RootObject = Record<string, any>;
  export function createHistogram(
    typename: string,
    nbinsx: number,
    nbinsy?: number,
    nbinsz?: number,
  ): RootObject;
  export function toJSON(obj: RootObject, spacing?: number): string;
  export function parse(json: string): RootObject;
}
