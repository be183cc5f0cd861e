// The benchmark registry: which dataset ids and published names mean the same benchmark. A result's
// benchmark is its Hub dataset id where one is known (`dataset.type` in model-index), else its
// normalized name; both go through this table, so "IFEval", "IFEval (0-Shot)" and
// `HuggingFaceH4/ifeval` are one benchmark. Adding an alias is one line here (and one test).

import { memoizeByPair } from './memoizeByPair.js';

export interface BenchmarkDefinition {
  /** Canonical id: the Hub dataset id of the benchmark. */
  id: string;
  /** Display name. */
  name: string;
  /** Dataset ids that name it (compared case-insensitively). */
  types: readonly string[];
  /** Published names that name it, normalized by `normalizeBenchmarkName`. */
  names: readonly string[];
  /**
   * Broader datasets this one is a subset of: a result typed as one of them but named as this
   * benchmark is this benchmark ("MATH Lvl 5" published with `dataset.type: hendrycks/competition_math`).
   */
  refines?: readonly string[];
  /** The Open LLM Leaderboard v2 publishes its own normalized score for this benchmark. */
  openLlmLeaderboardV2?: true;
  /**
   * The split a result without one must be on: the only split with public labels (ImageNet-1k's test
   * labels were never released, so every published ImageNet-1k accuracy is on its validation set).
   */
  onlyLabelledSplit?: string;
  /**
   * The registry metric a Hub Community Evals score of this benchmark is (its leaderboard's metric),
   * so a Community Evals result and a model-index result of the same task and setup are one
   * measurement. Benchmarks without one get the metric "score" on their own scale.
   */
  evalMetric?: string;
}

const b = (
  id: string,
  name: string,
  types: readonly string[],
  names: readonly string[],
  extra: Partial<Pick<BenchmarkDefinition, 'refines' | 'openLlmLeaderboardV2' | 'onlyLabelledSplit' | 'evalMetric'>> = {},
): BenchmarkDefinition => ({ id, name, types, names, ...extra });

export const BENCHMARK_DEFINITIONS: readonly BenchmarkDefinition[] = [
  // Open LLM Leaderboard v2
  b('google/IFEval', 'IFEval', ['google/ifeval', 'huggingfaceh4/ifeval', 'wis-k/instruction-following-eval'], ['ifeval'], { openLlmLeaderboardV2: true }),
  b('SaylorTwift/bbh', 'BBH', ['saylortwift/bbh', 'bbh', 'lukaemon/bbh', 'maveriq/bigbenchhard'], ['bbh', 'big-bench hard', 'big bench hard'], { openLlmLeaderboardV2: true }),
  b('lighteval/MATH-Hard', 'MATH Level 5', ['lighteval/math-hard'], ['math level 5', 'math lvl 5', 'math-hard', 'math hard'], {
    refines: ['hendrycks/competition_math', 'lighteval/math', 'math'],
    openLlmLeaderboardV2: true,
  }),
  b('Idavidrein/gpqa', 'GPQA', ['idavidrein/gpqa', 'gpqa'], ['gpqa'], { openLlmLeaderboardV2: true, evalMetric: 'accuracy' }),
  b('TAUR-Lab/MuSR', 'MuSR', ['taur-lab/musr', 'musr'], ['musr'], { openLlmLeaderboardV2: true }),
  b('TIGER-Lab/MMLU-Pro', 'MMLU-Pro', ['tiger-lab/mmlu-pro', 'mmlu-pro', 'mmlu_pro'], ['mmlu-pro', 'mmlu pro', 'mmlu_pro'], { openLlmLeaderboardV2: true, evalMetric: 'accuracy' }),
  // Open LLM Leaderboard v1 and other common language benchmarks
  b('hendrycks/competition_math', 'MATH', ['hendrycks/competition_math', 'lighteval/math'], ['math']),
  b('allenai/ai2_arc', 'ARC', ['allenai/ai2_arc', 'ai2_arc'], ['arc', 'ai2 reasoning challenge', 'ai2 arc']),
  b('Rowan/hellaswag', 'HellaSwag', ['rowan/hellaswag', 'hellaswag'], ['hellaswag']),
  b('cais/mmlu', 'MMLU', ['cais/mmlu', 'mmlu', 'hendrycks_test', 'lukaemon/mmlu'], ['mmlu']),
  b('truthfulqa/truthful_qa', 'TruthfulQA', ['truthfulqa/truthful_qa', 'truthful_qa'], ['truthfulqa', 'truthful qa']),
  b('allenai/winogrande', 'Winogrande', ['allenai/winogrande', 'winogrande'], ['winogrande']),
  b('openai/gsm8k', 'GSM8K', ['openai/gsm8k', 'gsm8k'], ['gsm8k'], { evalMetric: 'accuracy' }),
  b('cais/hle', "Humanity's Last Exam", ['cais/hle'], ['hle', "humanity's last exam"], { evalMetric: 'accuracy' }),
  b('nyu-mll/glue', 'GLUE', ['nyu-mll/glue', 'glue'], ['glue']),
  b('rajpurkar/squad', 'SQuAD', ['rajpurkar/squad', 'squad'], ['squad']),
  b('rajpurkar/squad_v2', 'SQuAD v2', ['rajpurkar/squad_v2', 'squad_v2'], ['squad v2', 'squad_v2', 'squad2.0']),
  // Speech and vision
  b('openslr/librispeech_asr', 'LibriSpeech', ['openslr/librispeech_asr', 'librispeech_asr'], ['librispeech']),
  b('ILSVRC/imagenet-1k', 'ImageNet-1k', ['ilsvrc/imagenet-1k', 'imagenet-1k', 'imagenet_1k', 'imagenet', 'ilsvrc2012'], ['imagenet-1k', 'imagenet', 'imagenet 1k'], {
    onlyLabelledSplit: 'validation',
  }),
];

/**
 * A published name as a lookup key: lower-case, few-shot annotations ("(5-shot)", "25-Shot") removed,
 * runs of spaces folded. Other parenthesized parts stay: "LibriSpeech (clean)" is not "LibriSpeech".
 */
export function normalizeBenchmarkName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\(\s*\d+\s*-?\s*shots?\s*\)/g, ' ')
    .replace(/\b\d+\s*-?\s*shots?\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The number of shots a published name announces ("MMLU (5-Shot)" → 5), if any. */
export function fewShotFromName(name: string | undefined): number | undefined {
  const m = name ? /\b(\d{1,3})\s*-?\s*shots?\b/i.exec(name) : null;
  return m ? Number(m[1]) : undefined;
}

const byType = new Map<string, BenchmarkDefinition>();
const byName = new Map<string, BenchmarkDefinition>();
for (const d of BENCHMARK_DEFINITIONS) {
  for (const t of [d.id, ...d.types]) {
    const k = t.toLowerCase();
    if (byType.has(k) && byType.get(k) !== d) throw new Error(`benchmarkRegistry: type "${k}" is defined twice`);
    byType.set(k, d);
  }
  for (const n of [d.name, ...d.names]) {
    const k = normalizeBenchmarkName(n);
    if (byName.has(k) && byName.get(k) !== d) throw new Error(`benchmarkRegistry: name "${k}" is defined twice`);
    byName.set(k, d);
  }
}

export interface ResolvedBenchmark {
  /** Canonical id: the registry's id, else the dataset type as published, else the normalized name. */
  id: string;
  /** What the key compares: `id` in lower case (Hub ids are case-insensitive). */
  keyId: string;
  /** Display name: the registry's, else undefined (the caller keeps the published name). */
  name?: string;
  definition?: BenchmarkDefinition;
}

/** The benchmark a result measures, from its `dataset.type` and `dataset.name` (worked out once per spelling). */
export const resolveBenchmark = memoizeByPair(resolveUncached);

function resolveUncached(type: string | undefined, name: string | undefined): ResolvedBenchmark {
  const typeKey = type?.trim().toLowerCase() || undefined;
  const nameKey = name ? normalizeBenchmarkName(name) || undefined : undefined;
  const fromType = typeKey ? byType.get(typeKey) : undefined;
  const fromName = nameKey ? byName.get(nameKey) : undefined;
  let def = fromType ?? (typeKey ? undefined : fromName);
  // A name that names a subset of the typed dataset is the subset.
  if (fromName && fromName !== def && typeKey && fromName.refines?.includes(typeKey)) def = fromName;
  if (def) return { id: def.id, keyId: def.id.toLowerCase(), name: def.name, definition: def };
  const id = type?.trim() || nameKey || 'unknown';
  return { id, keyId: id.toLowerCase() };
}

export function benchmarkById(id: string): BenchmarkDefinition | undefined {
  return byType.get(id.toLowerCase());
}
