// Parameter counts as people write them: "7B", "350M", "1.5b", "1.5e9", "7000000000", "7,000,000".
// One reader for the API's min_params/max_params and the explorer's size filters. No dependencies.

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** A parameter count, or undefined when the text is empty or not a size. */
export function parseParameterText(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/[,_\s]/g, '');
  const m = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)([kmbt]?)$/.exec(t);
  if (!m) return undefined;
  const v = Number(m[1]) * SUFFIX[m[2]];
  return Number.isFinite(v) ? v : undefined;
}

export const PARAMETER_TEXT_HINT = 'expected a parameter count like 7B, 350M, 1.5B, 1.5e9 or 7000000000';
