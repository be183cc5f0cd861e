import { beforeAll, describe, expect, it } from 'vitest';
import { buildDatasetVersion, type DatasetVersion } from '../../src/pipeline/buildDatasetVersion.js';
import type { SnapshotFile } from '../../src/schemas/snapshotSchemas.js';
import { bundledSnapshotPath } from '../../src/snapshot/bundledSnapshotPath.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';

let bundled: SnapshotFile;
let version: DatasetVersion;

beforeAll(async () => {
  bundled = await readSnapshotFile(bundledSnapshotPath());
  version = buildDatasetVersion([bundled], { now: '2026-11-26T00:00:00.000Z' });
});

describe('buildDatasetVersion', () => {
  it('turns the bundled snapshot into ~8,000 real models with zero synthetic values', () => {
    // 4,495 Open LLM Leaderboard models + 1,267 timm models + 2,186 model-zoo models (see data/README.md).
    expect(version.records).toHaveLength(4495 + 1267 + 2186);
    const results = version.records.flatMap((r) => r.evaluation_results);
    // 6 benchmarks per LLM row, raw and leaderboard-normalized (2 × 26,970) + top-1 and top-5 per timm result (2 × 10,128) + the model
    // zoos' metric values (793 mmdetection + 859 mmpretrain + 1,183 mmsegmentation + 1,775 mmpose + 317 mmaction2).
    expect(results).toHaveLength(2 * 26970 + 2 * 10128 + (793 + 859 + 1183 + 1775 + 317));
    expect(version.enrich.results).toBe(results.length);
    expect(results.filter((r) => r.source === 'synthetic')).toHaveLength(0);
    expect(version.enrich.skipped).toEqual({});
    // Only model-zoo metrics pass through without a registry entry: per-joint PCK columns, AP by
    // size or crowding, and a few others (data/README.md lists them).
    const unknown = new Set(Object.keys(version.enrich.unknown_metrics));
    const zooOnly = new Set(version.records.filter((r) => !r.model_info.model_zoo).flatMap((r) => r.evaluation_results.map((x) => x.metric_id)));
    for (const id of unknown) expect(zooOnly.has(id), id).toBe(false);
    expect([...unknown]).toEqual(expect.arrayContaining(['head', 'wri', 'ap_(m)', 'top_1_accuracy_(efficient)']));
  });

  it('records snapshot provenance with the source file and its date', () => {
    const yi = version.byId.get('01-ai/yi-1.5-34b')!;
    const bbh = yi.evaluation_results.find((r) => r.dataset_name === 'BBH' && r.setup === '3-shot')!;
    // The CSV row: evaluations_bbh_value = 0.597639170636002.
    expect(bbh).toMatchObject({ value: 0.597639170636002, metric_name: 'normalized accuracy', benchmark: 'SaylorTwift/bbh', source: 'snapshot', snapshot_file: 'sources/open-llm-leaderboard-v2/huggingface_v2.csv', snapshot_date: '2025-03-21T00:00:00.000Z' });
    // Its leaderboard-normalized score, a measurement of its own on 0–100: evaluations_bbh_normalized_score = 42.7493626883965
    const bbhNorm = yi.evaluation_results.find((r) => r.dataset_name === 'BBH' && r.setup === '3-shot, leaderboard-normalized')!;
    expect(bbhNorm.scale).toBe('points');
    expect(bbhNorm.value).toBe(42.7493626883965);
    const eva = version.byId.get('timm/eva02_large_patch14_448.mim_m38m_ft_in22k_in1k'.toLowerCase())!;
    const top1 = eva.evaluation_results.find((r) => r.dataset_name === 'ImageNet-1k' && r.metric_id === 'top1')!;
    // results-imagenet.csv: top1 = 90.056 (percent) → 0.90056.
    expect(top1).toMatchObject({ value: 0.90056, original_value: 90.056, original_scale: 'percent' });
    expect(top1.snapshot_file).toContain('timm-imagenet');
  });

  it('computes analytics once and indexes leaderboards by key', () => {
    expect(version.analytics.leaderboards.length).toBeGreaterThan(0);
    const lb = version.leaderboardByKey.get('image-classification|ilsvrc/imagenet-1k||validation|top1|')!;
    expect(lb.entries[0].model_info.model_id).toBe('timm/eva02_large_patch14_448.mim_m38m_ft_in22k_in1k');
  });

  it('unites layers: newer metadata wins, results from both are kept', () => {
    const live: SnapshotFile = {
      ...bundled,
      origin: 'hub',
      fetched_at: '2026-11-20T00:00:00.000Z',
      sources: [{ name: 'Hugging Face Hub model cards' }],
      models: [
        {
          id: '01-ai/Yi-1.5-34B',
          pipeline_tag: 'text-generation',
          downloads: 999,
          'model-index': [{ results: [{ dataset: { name: 'gsm8k' }, metrics: [{ type: 'exact_match', value: 0.7 }] }] }],
        },
      ],
    };
    const merged = buildDatasetVersion([bundled, live], { now: '2026-11-26T00:00:00.000Z' });
    const yi = merged.byId.get('01-ai/yi-1.5-34b')!;
    expect(merged.records).toHaveLength(version.records.length);
    expect(yi.model_info.downloads).toBe(999);
    expect(yi.model_info.parameter_count).toBe(34389000000); // kept from the snapshot layer
    expect(yi.model_info.parameter_source).toBe('leaderboard');
    expect(yi.evaluation_results.map((r) => r.source)).toEqual(['model-card', ...Array(12).fill('snapshot')]);
  });

  it('makes the same measurement from two layers one result carrying both provenances', () => {
    // The leaderboard's bot writes its normalized scores into cards ("BBH (3-Shot)", type "BBH", value 42.75);
    // the snapshot carries the same score from the export (evaluations_bbh_normalized_score = 42.7493626883965).
    const live: SnapshotFile = {
      ...bundled,
      origin: 'hub',
      fetched_at: '2026-11-20T00:00:00.000Z',
      sources: [{ name: 'Hugging Face Hub model cards' }],
      models: [
        {
          id: '01-AI/yi-1.5-34B', // another spelling of the same repo
          pipeline_tag: 'text-generation',
          'model-index': [
            {
              results: [
                {
                  dataset: { name: 'BBH (3-Shot)', type: 'BBH', args: { num_few_shot: 3 } },
                  metrics: [{ type: 'acc_norm', value: 42.75, name: 'normalized accuracy' }],
                  source: { name: 'Open LLM Leaderboard', url: 'https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard?query=01-ai/Yi-1.5-34B' },
                },
              ],
            },
          ],
        },
      ],
    };
    const merged = buildDatasetVersion([bundled, live], { now: '2026-11-26T00:00:00.000Z' });
    expect(merged.records).toHaveLength(version.records.length);
    expect(merged.enrich.results).toBe(version.enrich.results);
    const yi = merged.byId.get('01-ai/yi-1.5-34b')!;
    const bbh = yi.evaluation_results.filter((r) => r.benchmark === 'SaylorTwift/bbh' && r.setup === '3-shot, leaderboard-normalized');
    expect(bbh).toHaveLength(1);
    expect(bbh[0]).toMatchObject({ source: 'model-card', value: 42.75, source_name: 'Open LLM Leaderboard' });
    expect(bbh[0].other_sources).toEqual([expect.objectContaining({ source: 'snapshot', snapshot_file: 'sources/open-llm-leaderboard-v2/huggingface_v2.csv' })]);
    expect(bbh[0].other_sources![0].value).toBe(42.7493626883965);
    expect(merged.analytics.summary.total_results).toBe(version.analytics.summary.total_results);
  });

  it('averages the six leaderboard-normalized scores to the export’s own model_average_score for every model', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('csv-parse/sync');
    const rows: Record<string, string>[] = parse(readFileSync(new URL('../../data/sources/open-llm-leaderboard-v2/huggingface_v2.csv', import.meta.url)), { columns: true });
    const average = new Map(rows.map((r) => [r.model_name.toLowerCase(), Number(r.model_average_score)]));
    let checked = 0;
    for (const record of version.records) {
      if (record.model_info.task_type !== 'text-generation') continue;
      const normalized = record.evaluation_results.filter((r) => r.setup?.endsWith('leaderboard-normalized'));
      expect(normalized).toHaveLength(6);
      const mean = normalized.reduce((s, r) => s + r.value, 0) / 6;
      // The export may hold several rows of a model (the snapshot keeps the latest); its average is per row.
      const published = average.get(record.model_info.model_id.toLowerCase())!;
      if (rows.filter((r) => r.model_name.toLowerCase() === record.model_info.model_id.toLowerCase()).length > 1) continue;
      expect(Math.abs(mean - published)).toBeLessThanOrEqual(0.01);
      checked++;
    }
    expect(checked).toBeGreaterThan(4400);
  });

  it('keeps the leaderboard’s tags when a newer layer of the same model lacks them', () => {
    const id = 'newsbang/Homer-v0.5-Qwen2.5-7B';
    const before = version.byId.get(id.toLowerCase())!.model_info.tags;
    expect(before).toContain('flagged');
    const live: SnapshotFile = { ...bundled, origin: 'hub', models: [{ id, pipeline_tag: 'text-generation', tags: ['transformers', 'merge', 'text-generation'] }] };
    const tags = buildDatasetVersion([bundled, live]).byId.get(id.toLowerCase())!.model_info.tags;
    expect(tags).toEqual(['transformers', 'merge', 'text-generation', ...before.filter((t) => !['transformers', 'merge', 'text-generation'].includes(t))]);
    expect(tags).toContain('flagged');
  });

  it('adds synthetic values only when asked, all marked', () => {
    const tiny: SnapshotFile = { ...bundled, origin: 'hub', models: [{ id: 'org/asr', pipeline_tag: 'automatic-speech-recognition' }] };
    expect(buildDatasetVersion([tiny]).records[0].evaluation_results).toHaveLength(0);
    const withSynthetic = buildDatasetVersion([tiny], { includeSynthetic: true });
    expect(withSynthetic.includesSynthetic).toBe(true);
    expect(withSynthetic.records[0].evaluation_results.every((r) => r.source === 'synthetic')).toBe(true);
  });
});
