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
    // 6 benchmarks per LLM row (26,970) + top-1 and top-5 per timm result (2 × 10,128) + the model
    // zoos' metric values (793 mmdetection + 859 mmpretrain + 1,183 mmsegmentation + 1,775 mmpose + 317 mmaction2).
    expect(results).toHaveLength(26970 + 2 * 10128 + (793 + 859 + 1183 + 1775 + 317));
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
    const yi = version.byId.get('01-ai/Yi-1.5-34B')!;
    const bbh = yi.evaluation_results.find((r) => r.dataset_name === 'BBH')!;
    // The CSV row: evaluations_bbh_value = 0.597639170636002.
    expect(bbh).toMatchObject({ value: 0.597639170636002, metric_name: 'normalized accuracy', source: 'snapshot', snapshot_file: 'sources/open-llm-leaderboard-v2/huggingface_v2.csv', snapshot_date: '2025-03-21T00:00:00.000Z' });
    const eva = version.byId.get('timm/eva02_large_patch14_448.mim_m38m_ft_in22k_in1k')!;
    const top1 = eva.evaluation_results.find((r) => r.dataset_name === 'ImageNet-1k' && r.metric_id === 'top1')!;
    // results-imagenet.csv: top1 = 90.056 (percent) → 0.90056.
    expect(top1).toMatchObject({ value: 0.90056, original_value: 90.056, original_scale: 'percent' });
    expect(top1.snapshot_file).toContain('timm-imagenet');
  });

  it('computes analytics once and indexes leaderboards by key', () => {
    expect(version.analytics.leaderboards.length).toBeGreaterThan(0);
    const lb = version.leaderboardByKey.get(['image-classification', 'ImageNet-1k', 'top-1 accuracy'].join('\u0000'))!;
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
    const yi = merged.byId.get('01-ai/Yi-1.5-34B')!;
    expect(merged.records).toHaveLength(version.records.length);
    expect(yi.model_info.downloads).toBe(999);
    expect(yi.model_info.parameter_count).toBe(34389000000); // kept from the snapshot layer
    expect(yi.evaluation_results.map((r) => r.source)).toEqual(['model-card', ...Array(6).fill('snapshot')]);
  });

  it('adds synthetic values only when asked, all marked', () => {
    const tiny: SnapshotFile = { ...bundled, origin: 'hub', models: [{ id: 'org/asr', pipeline_tag: 'automatic-speech-recognition' }] };
    expect(buildDatasetVersion([tiny]).records[0].evaluation_results).toHaveLength(0);
    const withSynthetic = buildDatasetVersion([tiny], { includeSynthetic: true });
    expect(withSynthetic.includesSynthetic).toBe(true);
    expect(withSynthetic.records[0].evaluation_results.every((r) => r.source === 'synthetic')).toBe(true);
  });
});
