import { describe, expect, it } from 'vitest';
import { enrichModels, toIsoDate } from '../../src/pipeline/enrichModels.js';
import { BenchmarkRecordSchema } from '../../src/schemas/benchmarkSchemas.js';
import type { HubModel } from '../../src/schemas/hubSchemas.js';

const hubModel: HubModel = {
  id: 'openai/whisper-small',
  pipeline_tag: 'automatic-speech-recognition',
  library_name: 'transformers',
  tags: ['transformers', 'whisper', 'license:apache-2.0'],
  downloads: 1234567,
  likes: 321,
  createdAt: '2022-09-26T06:50:30.000Z',
  lastModified: '2024-02-29T10:57:50.000Z',
  config: { model_type: 'whisper', architectures: ['WhisperForConditionalGeneration'] },
  safetensors: { parameters: { F32: 241734912 }, total: 241734912 },
  cardData: { license: 'apache-2.0' },
  'model-index': [
    {
      name: 'whisper-small',
      results: [
        {
          task: { type: 'automatic-speech-recognition', name: 'Automatic Speech Recognition' },
          dataset: { name: 'LibriSpeech (clean)', type: 'librispeech_asr', config: 'clean', split: 'test' },
          metrics: [{ type: 'wer', value: 3.432, name: 'Test WER' }],
        },
      ],
    },
  ],
};

describe('enrichModels', () => {
  it('builds a schema-valid seed record with provenance for family, size and results', () => {
    const { records, stats } = enrichModels([hubModel], { provenance: { source: 'model-card' }, evaluatedAt: '2026-11-01T00:00:00.000Z' });
    expect(records).toHaveLength(1);
    const r = BenchmarkRecordSchema.parse(records[0]);
    expect(r.model_info).toMatchObject({
      model_id: 'openai/whisper-small', model_name: 'whisper-small', model_family: 'whisper', family_source: 'config',
      parameter_count: 241734912, parameter_source: 'safetensors', model_size: 'base', model_size_label: '242M', task_type: 'automatic-speech-recognition',
      downloads: 1234567, likes: 321, license: 'apache-2.0', hub_url: 'https://huggingface.co/openai/whisper-small',
    });
    expect(r.evaluation_results[0]).toMatchObject({ metric_type: 'wer', direction: 'lower', value: 0.03432, source: 'model-card' });
    expect(r.evaluated_at).toBe('2026-11-01T00:00:00.000Z');
    expect(stats).toMatchObject({ models: 1, models_with_results: 1, results: 1 });
  });

  it('records the architecture the config names and marks timm test networks when enriching Hub records', () => {
    const { records } = enrichModels(
      [
        { id: '01-ai/Yi-1.5-34B', pipeline_tag: 'text-generation', config: { architectures: ['LlamaForCausalLM'] } },
        { id: 'timm/test_vit.r160_in1k', pipeline_tag: 'image-classification', tags: ['timm', 'image-classification'], config: { architecture: 'test_vit' } },
      ],
      { provenance: { source: 'model-card' }, evaluatedAt: 'x' },
    );
    expect(records[0].model_info).toMatchObject({ model_family: 'llama', family_source: 'architecture', architecture: 'LlamaForCausalLM' });
    expect(records[1].model_info).toMatchObject({ model_family: 'vit', family_source: 'architecture', architecture: 'test_vit', tags: ['timm', 'image-classification', 'test-model'] });
    expect(enrichModels([hubModel], { provenance: { source: 'model-card' }, evaluatedAt: 'x' }).records[0].model_info.architecture).toBe('WhisperForConditionalGeneration');
  });

  it('reads model-index from cardData when the listing did not expand it', () => {
    const { 'model-index': mi, ...rest } = hubModel;
    const { records } = enrichModels([{ ...rest, cardData: { 'model-index': mi } }], { provenance: { source: 'model-card' }, evaluatedAt: 'x' });
    expect(records[0].evaluation_results).toHaveLength(1);
  });

  it('treats the Hub placeholder creation date as unknown', () => {
    const { records } = enrichModels([{ ...hubModel, createdAt: '2022-03-02T23:29:04.000Z' }], { provenance: { source: 'model-card' }, evaluatedAt: 'x' });
    expect(records[0].model_info.created_at).toBeUndefined();
  });

  it('keeps models without results, with an empty result list', () => {
    const { records, stats } = enrichModels([{ id: 'bert-base-uncased', pipeline_tag: 'fill-mask' }], { provenance: { source: 'model-card' }, evaluatedAt: 'x' });
    expect(records[0]).toMatchObject({ model_info: { model_family: 'bert', parameter_source: 'unknown' }, evaluation_results: [] });
    expect(stats.models_with_results).toBe(0);
  });

  it('gives a model-zoo model its links, FLOPs and name instead of a Hub link, and model-zoo provenance', () => {
    const zooModel: HubModel = {
      id: 'openmmlab/mmpretrain/resnet50_8xb32_in1k',
      pipeline_tag: 'image-classification',
      model_zoo: 'openmmlab/mmpretrain',
      declared_parameters: { total: 25_560_000, source: 'model-zoo' },
      declared_flops: 4_120_000_000,
      links: { paper: 'https://arxiv.org/abs/1512.03385', weights: 'https://download.openmmlab.com/x.pth', config: 'javascript:alert(1)' },
      cardData: {
        'model-index': [{
          name: 'resnet50_8xb32_in1k',
          results: [{
            dataset: { name: 'ImageNet-1k', type: 'imagenet-1k' },
            metrics: [{ type: 'top1', value: '76.55%' }],
            source: { name: 'OpenMMLab MMPretrain model zoo', file: 'sources/openmmlab/mmpretrain/configs/resnet/metafile.yml', date: '2024-11-01T00:00:00.000Z' },
          }],
        }],
      },
    };
    const { records } = enrichModels([zooModel], { provenance: { source: 'snapshot', snapshotFileFor: () => ({ file: 'other.json', date: '2026-08-01T00:00:00.000Z' }) }, evaluatedAt: 'x' });
    const r = BenchmarkRecordSchema.parse(records[0]);
    expect(r.model_info).toMatchObject({ model_name: 'resnet50_8xb32_in1k', model_zoo: 'openmmlab/mmpretrain', parameter_count: 25_560_000, parameter_source: 'model-zoo', flops: 4_120_000_000, flops_source: 'model-zoo' });
    expect(r.model_info.hub_url).toBeUndefined();
    // Only http(s) links are kept.
    expect(r.model_info.links).toEqual({ paper: 'https://arxiv.org/abs/1512.03385', weights: 'https://download.openmmlab.com/x.pth' });
    // The result names its own metafile and date, whichever file carried the record.
    expect(r.evaluation_results[0]).toMatchObject({ value: 0.7655, source: 'model-zoo', snapshot_file: 'sources/openmmlab/mmpretrain/configs/resnet/metafile.yml', snapshot_date: '2024-11-01T00:00:00.000Z' });
    expect(r.evaluated_at).toBe('2024-11-01T00:00:00.000Z');
  });

  it('drops a repeated model id', () => {
    expect(enrichModels([hubModel, hubModel], { provenance: { source: 'model-card' }, evaluatedAt: 'x' }).records).toHaveLength(1);
  });

  it('shares one string instance per distinct dataset name across models', () => {
    const second = { ...hubModel, id: 'openai/whisper-base', 'model-index': JSON.parse(JSON.stringify(hubModel['model-index'])) };
    const { records } = enrichModels([hubModel, second], { provenance: { source: 'model-card' }, evaluatedAt: 'x' });
    // Interning keeps one copy; identity is what saves memory at 10⁵ models.
    expect(Object.is(records[0].evaluation_results[0].dataset_name, records[1].evaluation_results[0].dataset_name)).toBe(true);
  });
});

describe('toIsoDate', () => {
  it('normalizes dates and refuses junk', () => {
    expect(toIsoDate('2024-05-11')).toBe('2024-05-11T00:00:00.000Z');
    expect(toIsoDate('yesterday')).toBeUndefined();
    expect(toIsoDate(12345)).toBeUndefined();
  });
});
