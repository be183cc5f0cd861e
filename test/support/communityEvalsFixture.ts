// A small Hub with Community Evals, in the Hub's shapes (HUB_EVALS in the reference notes): a
// multi-task benchmark (GPQA: two tasks, rows carry task_id), a single-task one (MMLU-Pro: rows
// without task_id), a benchmark without eval.yaml, one whose eval.yaml is not YAML, a verified result,
// a community result (open PR), two setups (notes) of one task, a fine-tune listed only with
// base_model=false, models met only on leaderboards (metadata read later), and malformed rows.
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import type { FakeBenchmark } from './fakeHub.js';

export const TASK = 'text-generation';

const GPQA_YAML = `name: GPQA
description: Graduate-level, Google-proof questions in biology, physics and chemistry.
evaluation_framework: inspect-ai
tasks:
  - id: gpqa_diamond
    config: gpqa_diamond
    split: train
  - id: gpqa_main
    config: gpqa_main
    split: train
  - config: no_id_here
  - id: gpqa_diamond
future_field: kept
`;

const MMLU_PRO_YAML = `name: MMLU-Pro
description: A harder, ten-choice MMLU.
evaluation_framework: lighteval
tasks:
  - id: mmlu_pro
    split: test
`;

/** Leaderboard rows of GPQA, rank order, as the Hub sends them (plus the fake's `fineTune` flag). */
export const GPQA_ROWS: FakeBenchmark['leaderboard'] = [
  // rank 1: verified, with source, setup "tools"
  { rank: 1, modelId: 'org/model-a', task_id: 'gpqa_diamond', value: 72.5, filename: '.eval_results/gpqa.yaml', verified: true, notes: 'tools', source: { url: 'https://example.org/logs/a-tools', name: 'inspect logs', isExternal: true }, author: { name: 'org', type: 'org' } },
  // rank 2: the same model and task, another setup
  { rank: 2, modelId: 'org/model-a', task_id: 'gpqa_diamond', value: 65.0, filename: '.eval_results/gpqa.yaml', verified: false, notes: 'no-tools', author: { name: 'org', type: 'org' } },
  // rank 3: a community result (open pull request), no source
  { rank: 3, modelId: 'org/model-b', task_id: 'gpqa_diamond', value: 60.1, filename: '.eval_results/gpqa.yaml', verified: false, pullRequest: 7, author: { name: 'someone', type: 'user' } },
  // rank 4: a model not in the task listing
  { rank: 4, modelId: 'late/model-l', task_id: 'gpqa_diamond', value: 41.0, filename: '.eval_results/gpqa.yaml', verified: false, source: { url: 'https://example.org/paper-l', name: 'paper' } },
  // rank 5: a fine-tune (only with base_model=false)
  { rank: 5, modelId: 'fine/tune-f', task_id: 'gpqa_diamond', value: 38.0, filename: '.eval_results/gpqa.yaml', verified: false, fineTune: true },
  // malformed rows
  { rank: 6, modelId: 'bad/value', task_id: 'gpqa_diamond', value: 'N/A', verified: false },
  { rank: 7, value: 30, verified: false },
  'not a row' as unknown as Record<string, unknown>,
  { rank: 8, modelId: 'org/model-b', value: 50, verified: false },
  // rank 9: an unknown field and a source without url: kept, both counted
  { rank: 9, modelId: 'late/model-m', task_id: 'gpqa_main', value: 35.5, verified: false, extra_field: 'x', source: { name: 'no url' } },
  // rank 10: model-a on gpqa_main without notes: the same measurement as its model-index result
  { rank: 10, modelId: 'org/model-a', task_id: 'gpqa_main', value: 41.2, filename: '.eval_results/gpqa.yaml', verified: false },
];

export const MMLU_PRO_ROWS: FakeBenchmark['leaderboard'] = [
  { rank: 1, modelId: 'org/model-a', value: 70.2, filename: '.eval_results/mmlu_pro.yaml', verified: true, source: { url: 'https://example.org/logs/a-mmlu', name: 'logs' } },
  { rank: 2, modelId: 'org/model-b', value: 55.0, filename: '.eval_results/mmlu_pro.yaml', verified: false },
];

export function communityEvalsBenchmarks(): FakeBenchmark[] {
  return [
    { id: 'Idavidrein/gpqa', official: true, evalYaml: GPQA_YAML, leaderboard: GPQA_ROWS },
    { id: 'TIGER-Lab/MMLU-Pro', official: true, evalYaml: MMLU_PRO_YAML, leaderboard: MMLU_PRO_ROWS },
    // No eval.yaml: its rows name no task the app can check, but still carry one.
    { id: 'someorg/no-yaml-bench', official: true, leaderboard: [{ rank: 1, modelId: 'org/model-b', task_id: 'main', value: 0.61, verified: false }, { rank: 2, modelId: 'org/model-a', value: 0.5, verified: false }] },
    { id: 'broken/yaml-bench', official: true, evalYaml: 'name: [unclosed\n  - : :', leaderboard: [] },
    // Not official: read only when named in BENCHMARKS.
    { id: 'other/unofficial', evalYaml: 'name: Unofficial\ntasks:\n  - id: t\n', leaderboard: [{ rank: 1, modelId: 'org/model-a', value: 1, verified: false }] },
  ];
}

function model(id: string, downloads: number, extra: Partial<HubModel> = {}): HubModel {
  return {
    id,
    pipeline_tag: TASK,
    library_name: 'transformers',
    tags: ['transformers', 'safetensors', TASK],
    downloads,
    likes: 1,
    createdAt: '2026-01-15T00:00:00.000Z',
    config: { model_type: 'llama', architectures: ['LlamaForCausalLM'] },
    safetensors: { total: 8_030_261_248, parameters: { BF16: 8_030_261_248 } },
    ...extra,
  };
}

/** model-a and model-b are the task's top two (MAX_MODELS_PER_TASK=2); the others are met only on leaderboards. */
export function communityEvalsModels(): HubModel[] {
  return [
    model('org/model-a', 1000, {
      'model-index': [
        {
          name: 'model-a',
          results: [
            {
              task: { type: TASK },
              dataset: { name: 'GPQA', type: 'Idavidrein/gpqa', config: 'gpqa_main', split: 'train' },
              metrics: [{ type: 'accuracy', value: 0.412 }],
              source: { name: 'model card', url: 'https://example.org/card-a' },
            },
          ],
        },
      ],
      evalResults: [
        // Only single-model calls (and listings, where the Hub fills them) send these.
        { filename: '.eval_results/hle.yaml', verified: false, data: { dataset: { id: 'cais/hle', task_id: 'hle' }, value: 12.5, date: '2026-03-01', source: { url: 'https://example.org/hle-a' } } },
      ],
    }),
    model('org/model-b', 900),
    model('late/model-l', 5, { createdAt: '2025-11-01T00:00:00.000Z', safetensors: { total: 70_553_706_496, parameters: { BF16: 70_553_706_496 } } }),
    model('late/model-m', 4, { pipeline_tag: undefined, safetensors: { total: 1_235_814_400, parameters: { BF16: 1_235_814_400 } } }),
    model('fine/tune-f', 3, { cardData: { base_model: 'org/model-a' } }),
    // bad/value is never asked for: its only row is skipped.
  ];
}
