// The bundled snapshot against its sources: the committed file is a fresh build, counts match an
// independent read of the CSVs, known rows carry the published numbers, nothing is invented.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { HubModelSchema, type HubModel } from '../../src/schemas/hubSchemas.js';
import { SnapshotFileSchema, type SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { buildSnapshot, buildSnapshotWithStats } from '../../src/snapshot/buildSnapshot.js';
import { serializeSnapshot } from '../../src/snapshot/writeSnapshotFile.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sourcesDir = join(root, 'data', 'sources');
const llmCsv = join(sourcesDir, 'open-llm-leaderboard-v2', 'huggingface_v2.csv');
const timmDir = join(sourcesDir, 'timm-imagenet');

type Row = Record<string, string>;
const readRows = (path: string): Row[] => parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Row[];

// The shapes the build writes, narrowed for reading in assertions.
interface Result {
  task: { type: string };
  dataset: { name: string; type: string; config?: string; split?: string; args?: Record<string, number> };
  metrics: { type: string; name: string; value: number | string }[];
  source: { name: string; url: string };
}
const resultsOf = (m: HubModel): Result[] => (m.cardData as { 'model-index': { results: Result[] }[] })['model-index'][0].results;
/** The raw value of a benchmark (the export's evaluations_<b>_value), not the leaderboard's normalized score. */
const metric = (m: HubModel, dataset: string, type: string) =>
  resultsOf(m)
    .filter((r) => r.dataset.name === dataset)
    .flatMap((r) => r.metrics)
    .find((x) => x.type === type && (x as { normalization?: string }).normalization !== 'leaderboard')?.value;
const normalizedMetric = (m: HubModel, dataset: string, type: string) =>
  resultsOf(m)
    .filter((r) => r.dataset.name === dataset)
    .flatMap((r) => r.metrics)
    .find((x) => x.type === type && (x as { normalization?: string }).normalization === 'leaderboard')?.value;

let snapshot: SnapshotFile;
let byId: Map<string, HubModel>;
let llmRows: Row[];

beforeAll(() => {
  snapshot = buildSnapshot({ sourcesDir });
  byId = new Map(snapshot.models.map((m) => [m.id, m]));
  llmRows = readRows(llmCsv);
});

describe('buildSnapshot', () => {
  it('matches the committed data/snapshot.json.gz, so the bundled file is never stale', () => {
    // Compared as JSON text, not gzip bytes: another zlib build may compress the same text differently.
    const committed = gunzipSync(readFileSync(join(root, 'data', 'snapshot.json.gz'))).toString('utf8');
    expect(committed === JSON.stringify(snapshot)).toBe(true);
  });

  it('gives byte-identical files when built twice', async () => {
    const again = buildSnapshot({ sourcesDir });
    const a = await serializeSnapshot(snapshot, { gzip: true });
    const b = await serializeSnapshot(again, { gzip: true });
    expect(a.equals(b)).toBe(true);
  });

  it('produces a valid snapshot whose every model validates as a Hub record', () => {
    expect(() => SnapshotFileSchema.parse(snapshot)).not.toThrow();
    for (const m of snapshot.models) expect(HubModelSchema.safeParse(m).success, m.id).toBe(true);
  });

  it('dates the snapshot by its newest source, not by the build time', () => {
    expect(snapshot.origin).toBe('bundled');
    expect(snapshot.created_at).toBe('2026-08-01T00:00:00.000Z');
    expect(snapshot.fetched_at).toBe('2026-08-01T00:00:00.000Z');
    // The two original tasks first, then the model zoos' tasks in alphabetical order.
    expect(snapshot.tasks.slice(0, 2)).toEqual(['text-generation', 'image-classification']);
    expect(snapshot.tasks.slice(2)).toEqual([...snapshot.tasks.slice(2)].sort());
    expect(snapshot.tasks).toEqual(expect.arrayContaining(['object-detection', 'image-segmentation', 'keypoint-detection', 'video-classification']));
    // Model-zoo dates are the commit dates in their SOURCE.txt; mmdetection and mmsegmentation mix commits and have none.
    expect(snapshot.sources.map((s) => [s.name, s.license, s.date])).toEqual([
      ['Open LLM Leaderboard v2', 'MPL-2.0', '2025-03-21T00:00:00.000Z'],
      ['timm results (pytorch-image-models)', 'Apache-2.0', '2026-08-01T00:00:00.000Z'],
      ['OpenMMLab MMDetection model zoo', 'Apache-2.0', undefined],
      ['OpenMMLab MMPretrain model zoo', 'Apache-2.0', '2024-11-01T00:00:00.000Z'],
      ['OpenMMLab MMSegmentation model zoo', 'Apache-2.0', undefined],
      ['OpenMMLab MMPose model zoo', 'Apache-2.0', '2025-08-04T00:00:00.000Z'],
      ['OpenMMLab MMAction2 model zoo', 'Apache-2.0', '2023-10-12T00:00:00.000Z'],
    ]);
    for (const s of snapshot.sources) expect(readdirSync(join(root, 'data', dirname(s.file!)))).toContain('LICENSE');
  });

  it('lists models sorted by id, each id once', () => {
    const ids = snapshot.models.map((m) => m.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(ids.length);
  });

  it('has one text-generation record per model of the leaderboard export (ids compared case-insensitively)', () => {
    const exact = new Set(llmRows.map((r) => r.model_name));
    const repos = new Set(llmRows.map((r) => r.model_name.toLowerCase()));
    expect(llmRows.length).toBe(4576);
    expect(exact.size).toBe(4497);
    // Two repos appear under two spellings each ("…-8b-ITA" / "…-8b-Ita"); the Hub treats them as one.
    expect(repos.size).toBe(4495);
    const llm = snapshot.models.filter((m) => m.pipeline_tag === 'text-generation');
    expect(llm.length).toBe(repos.size);
    expect(snapshot.sources[0].model_count).toBe(repos.size);
  });

  it('has one image-classification record per model across the eight timm files', () => {
    const files = readdirSync(timmDir).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBe(8);
    const models = new Set(files.flatMap((f) => readRows(join(timmDir, f)).map((r) => r.model)));
    const timm = snapshot.models.filter((m) => m.library_name === 'timm');
    expect(timm.length).toBe(models.size);
    expect(timm.every((m) => m.pipeline_tag === 'image-classification')).toBe(true);
    expect(new Set(timm.map((m) => m.id))).toEqual(new Set([...models].map((m) => `timm/${m}`)));
    expect(snapshot.sources[1].model_count).toBe(models.size);
    // Every record comes from exactly one source: the leaderboard, timm, or one of the five model zoos.
    expect(snapshot.models.length).toBe(snapshot.sources.reduce((n, s) => n + s.model_count!, 0));
  });

  it('carries the raw leaderboard values of 01-ai/Yi-1.5-34B as in its CSV line', () => {
    const yi = byId.get('01-ai/Yi-1.5-34B')!;
    // From the CSV line 01-ai/Yi-1.5-34B_bfloat16_4b486f81…_False (evaluations_<b>_value columns).
    expect(metric(yi, 'IFEval', 'strict_acc')).toBe(0.28411725333227);
    expect(metric(yi, 'BBH', 'acc_norm')).toBe(0.597639170636002);
    expect(metric(yi, 'MATH Level 5', 'exact_match')).toBe(0.153323262839879);
    expect(metric(yi, 'GPQA', 'acc_norm')).toBe(0.365771812080537);
    expect(metric(yi, 'MuSR', 'acc_norm')).toBe(0.423604166666667);
    expect(metric(yi, 'MMLU-PRO', 'acc')).toBe(0.466589095744681);
    // The same line's evaluations_<b>_normalized_score columns: the leaderboard's own normalized scores.
    expect(normalizedMetric(yi, 'BBH', 'acc_norm')).toBe(42.7493626883965);
    expect(yi).toMatchObject({
      sha: '4b486f81c935a2dadde84c6baa1e1370d40a098f',
      pipeline_tag: 'text-generation',
      library_name: 'transformers',
      tags: ['text-generation', 'pretrained', 'official-provider'],
      likes: 46,
      createdAt: '2024-05-11T00:00:00.000Z',
      config: { architectures: ['LlamaForCausalLM'] },
      declared_parameters: { total: 34_389_000_000, source: 'leaderboard' },
      cardData: { license: 'apache-2.0' },
    });
    // base_model equals the id itself in the export: not a base model.
    expect((yi.cardData as Record<string, unknown>).base_model).toBeUndefined();
    expect(yi).not.toHaveProperty('safetensors');
    const bbh = resultsOf(yi).find((r) => r.dataset.name === 'BBH')!;
    expect(bbh.dataset).toEqual({ name: 'BBH', type: 'SaylorTwift/bbh', args: { num_few_shot: 3 } });
    expect(bbh.task).toEqual({ type: 'text-generation', name: 'Text Generation' });
    expect(bbh.source).toEqual({ name: 'Open LLM Leaderboard v2', url: 'https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard' });
  });

  it('keeps the latest submission of a model with several rows', () => {
    // Two rows: bfloat16 submitted 2024-10-10 and float16 submitted 2024-10-01.
    const id = 'BoltMonkey/NeuralDaredevil-SuperNova-Lite-7B-DARETIES-abliterated';
    const kept = llmRows.find((r) => r.model_name === id && r.metadata_submission_date === '2024-10-10')!;
    expect(metric(byId.get(id)!, 'BBH', 'acc_norm')).toBe(Number(kept.evaluations_bbh_value));
  });

  it('keeps the higher average when two rows were submitted the same day', () => {
    // float16 (average 11.48…) and bfloat16 (11.26…), both submitted 2024-07-04.
    const id = 'Columbia-NLP/LION-Gemma-2b-dpo-v1.0';
    const kept = llmRows.find((r) => r.model_name === id && r.model_precision === 'float16')!;
    expect(metric(byId.get(id)!, 'IFEval', 'strict_acc')).toBe(Number(kept.evaluations_ifeval_value));
  });

  it('merges ids differing only in case, keeping the spelling of the kept row', () => {
    expect(byId.has('DeepMount00/Llama-3.1-8b-ITA')).toBe(true);
    expect(byId.has('DeepMount00/Llama-3.1-8b-Ita')).toBe(false);
    expect(byId.has('Quazim0t0/ODB-14b-sce')).toBe(true);
    expect(byId.has('Quazim0t0/ODB-14B-sce')).toBe(false);
  });

  it('writes a parameter count only when the export has a positive one', () => {
    expect(byId.get('google/umt5-base')!.safetensors).toBeUndefined(); // -1 in the export
    expect(byId.get('databricks/dbrx-base')!.safetensors).toBeUndefined(); // 0 in the export
    expect(byId.get('databricks/dbrx-base')!.config).toBeUndefined(); // architecture "Unknown"
  });

  it('carries timm eva02_large_patch14_448.mim_m38m_ft_in22k_in1k as published', () => {
    const eva = byId.get('timm/eva02_large_patch14_448.mim_m38m_ft_in22k_in1k')!;
    expect(metric(eva, 'ImageNet-1k', 'top1')).toBe(90.056);
    expect(metric(eva, 'ImageNet-1k', 'top5')).toBe(99.054);
    expect(eva.safetensors).toEqual({ total: 305_080_000 });
    expect(eva).toMatchObject({ library_name: 'timm', tags: ['timm', 'image-classification'], config: { architecture: 'eva02_large_patch14_448' } });
    expect(resultsOf(eva).map((r) => r.dataset.name)).toEqual([
      'ImageNet-1k', 'ImageNet-ReaL', 'ImageNetV2 (matched frequency)', 'ImageNet-Sketch',
      'ImageNet-A', 'ImageNet-R', 'ImageNet-1k (ImageNet-A classes)', 'ImageNet-1k (ImageNet-R classes)',
    ]);
    expect(resultsOf(eva)[0].dataset).toEqual({ name: 'ImageNet-1k', type: 'imagenet-1k', split: 'validation', args: { img_size: 448 } });
  });

  it('reads param_count with a thousands separator', () => {
    // "1,014.45" in the CSVs.
    const row = readRows(join(timmDir, 'results-imagenet.csv')).find((r) => r.param_count === '1,014.45')!;
    expect(byId.get(`timm/${row.model}`)!.safetensors).toEqual({ total: 1_014_450_000 });
  });

  it('uses one image size for all results of a model: that of its first ImageNet-1k row', () => {
    // convnext_large.fb_in22k_ft_in1k is listed at 288 and 224; ImageNet-1k lists 288 first, Sketch 224.
    const m = byId.get('timm/convnext_large.fb_in22k_ft_in1k')!;
    expect(resultsOf(m).map((r) => r.dataset.args?.img_size)).toEqual(Array(8).fill(288));
    const sketch = readRows(join(timmDir, 'results-sketch.csv')).find((r) => r.model === 'convnext_large.fb_in22k_ft_in1k' && r.img_size === '288')!;
    expect(metric(m, 'ImageNet-Sketch', 'top1')).toBe(Number(sketch.top1));
    for (const model of snapshot.models.filter((x) => x.library_name === 'timm')) {
      expect(new Set(resultsOf(model).map((r) => r.dataset.args?.img_size)).size, model.id).toBe(1);
    }
  });

  it('writes a percentage of at most 1 with its percent sign so it is not read as a fraction', () => {
    const m = byId.get('timm/resmlp_24_224.fb_dino')!; // only in results-imagenet-a.csv, top1 0.480
    expect(resultsOf(m).map((r) => r.dataset.name)).toEqual(['ImageNet-A']);
    expect(metric(m, 'ImageNet-A', 'top1')).toBe('0.480%');
    expect(metric(m, 'ImageNet-A', 'top5')).toBe(2.32);
  });

  it('invents nothing: no downloads, no lastModified, no dates or likes for timm, dates only from the export', () => {
    const uploads = new Map<string, Set<string>>();
    for (const r of llmRows) {
      const set = uploads.get(r.model_name.toLowerCase()) ?? new Set<string>();
      set.add(r.metadata_upload_date);
      uploads.set(r.model_name.toLowerCase(), set);
    }
    for (const m of snapshot.models) {
      expect(m.downloads, m.id).toBeUndefined();
      expect(m.lastModified, m.id).toBeUndefined();
      if (m.library_name === 'timm' || m.model_zoo) {
        expect(m.createdAt, m.id).toBeUndefined();
        expect(m.likes, m.id).toBeUndefined();
        // Only mmsegmentation's metafiles give a license, on each Collection ("License: Apache License 2.0").
        const license = (m.cardData as Record<string, unknown>).license;
        expect(license, m.id).toBe(m.model_zoo === 'openmmlab/mmseg' ? 'Apache License 2.0' : undefined);
      } else if (m.createdAt) {
        expect(uploads.get(m.id.toLowerCase())!.has(m.createdAt.slice(0, 10)), m.id).toBe(true);
        expect(m.createdAt.startsWith('2022-03-02'), m.id).toBe(false); // the Hub's placeholder day
      }
    }
  });

  it('writes only values in 0–1 for the leaderboard (0–100 for its normalized scores) and in 0–100 for timm', () => {
    for (const m of snapshot.models) {
      if (m.model_zoo) continue; // model-zoo values: test/snapshot/convertMetafiles.test.ts
      for (const r of resultsOf(m)) {
        for (const x of r.metrics) {
          if (typeof x.value === 'string') continue;
          const max = m.library_name === 'timm' || (x as { normalization?: string }).normalization === 'leaderboard' ? 100 : 1;
          expect(x.value >= 0 && x.value <= max, `${m.id} ${r.dataset.name}`).toBe(true);
        }
      }
    }
  });

  it('stops on a timm results file it has no dataset name for', () => {
    const copy = mkdtempSync(join(tmpdir(), 'sources-'));
    try {
      cpSync(sourcesDir, copy, { recursive: true });
      writeFileSync(join(copy, 'timm-imagenet', 'results-imagenet-c.csv'), 'model,img_size,top1,top5,param_count\n');
      expect(() => buildSnapshot({ sourcesDir: copy })).toThrow(/no dataset mapping for results-imagenet-c\.csv/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('reports every row as used or dropped with a reason', () => {
    const { stats } = buildSnapshotWithStats({ sourcesDir });
    const [llm, timm] = stats;
    const dropped = (s: typeof llm) => Object.values(s.dropped_rows).reduce((a, b) => a + b, 0);
    expect(llm.rows - dropped(llm)).toBe(llm.models);
    // Six benchmarks per model, each as the raw score and as the leaderboard's normalized score.
    expect(llm.results).toBe(llm.models * 12);
    expect(Object.keys(llm.skipped_values)).toEqual([]);
    expect(timm.rows).toBe(8 * 1556);
    expect(timm.rows - dropped(timm)).toBe(timm.results);
  });
});
