// Conversion rules of timm's result files on small hand-made CSVs: one image size per model,
// published percentages, parameter counts with separators, missing files per model.
import { describe, expect, it } from 'vitest';
import type { HubModel } from '../../src/schemas/hubSchemas.js';
import { TIMM_DATASETS, convertTimmResults } from '../../src/snapshot/convertTimmResults.js';

const HEADER = 'model,img_size,top1,top1_err,top5,top5_err,param_count,crop_pct,interpolation';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');
const dataset = (file: string) => TIMM_DATASETS.find((d) => d.file === file)!;

type Result = { dataset: { name: string; args?: { img_size: number } }; metrics: { type: string; value: number | string }[] };
const results = (m: HubModel) => (m.cardData as { 'model-index': { results: Result[] }[] })['model-index'][0].results;

describe('convertTimmResults', () => {
  it('uses the image size of the first ImageNet-1k row for every set', () => {
    const { models, stats } = convertTimmResults([
      { dataset: dataset('results-imagenet.csv'), csv: csv('net.a,288,86.1,13.9,97.8,2.2,197.77,1.0,bicubic', 'net.a,224,85.5,14.5,97.6,2.4,197.77,0.875,bicubic') },
      { dataset: dataset('results-sketch.csv'), csv: csv('net.a,224,60.2,39.8,80.1,19.9,197.77,0.875,bicubic', 'net.a,288,59.9,40.1,79.9,20.1,197.77,1.0,bicubic') },
    ]);
    expect(results(models[0]).map((r) => [r.dataset.name, r.dataset.args?.img_size, r.metrics[0].value])).toEqual([
      ['ImageNet-1k', 288, 86.1],
      ['ImageNet-Sketch', 288, 59.9],
    ]);
    expect(stats.dropped_rows).toEqual({ 'same model at another image size': 2 });
  });

  it('builds a Hub-shaped record with the parameter count read through a thousands separator', () => {
    const { models } = convertTimmResults([{ dataset: dataset('results-imagenet.csv'), csv: csv('eva_giant_patch14_336.clip_ft_in1k,336,89.466,10.534,98.82,1.18,"1,013.01",1.0,bicubic') }]);
    expect(models[0]).toEqual({
      id: 'timm/eva_giant_patch14_336.clip_ft_in1k',
      pipeline_tag: 'image-classification',
      library_name: 'timm',
      tags: ['timm', 'image-classification'],
      config: { architecture: 'eva_giant_patch14_336' },
      safetensors: { total: 1_013_010_000 },
      cardData: {
        'model-index': [{
          name: 'timm/eva_giant_patch14_336.clip_ft_in1k',
          results: [{
            task: { type: 'image-classification', name: 'Image Classification' },
            dataset: { name: 'ImageNet-1k', type: 'imagenet-1k', split: 'validation', args: { img_size: 336 } },
            metrics: [{ type: 'top1', name: 'top-1 accuracy', value: 89.466 }, { type: 'top5', name: 'top-5 accuracy', value: 98.82 }],
            source: { name: 'timm results (pytorch-image-models)', url: 'https://github.com/huggingface/pytorch-image-models/tree/main/results' },
          }],
        }],
      },
    });
  });

  it('tags timm’s test_* networks as test models and no other', () => {
    const { models } = convertTimmResults([
      { dataset: dataset('results-imagenet.csv'), csv: csv('test_vit.r160_in1k,160,12.5,87.5,30.1,69.9,0.37,0.95,bicubic', 'vit_base_patch16_224.augreg_in1k,224,79.2,20.8,94.1,5.9,86.57,0.9,bicubic') },
    ]);
    expect(models.map((m) => [m.id, m.tags])).toEqual([
      ['timm/test_vit.r160_in1k', ['timm', 'image-classification', 'test-model']],
      ['timm/vit_base_patch16_224.augreg_in1k', ['timm', 'image-classification']],
    ]);
  });

  it('names the clean files as ImageNet-1k restricted to the A / R classes', () => {
    const { models } = convertTimmResults([
      { dataset: dataset('results-imagenet-a-clean.csv'), csv: csv('net.a,224,90,10,98,2,10,0.9,bicubic') },
      { dataset: dataset('results-imagenet-r-clean.csv'), csv: csv('net.a,224,91,9,98,2,10,0.9,bicubic') },
    ]);
    expect(results(models[0]).map((r) => r.dataset)).toEqual([
      { name: 'ImageNet-1k (ImageNet-A classes)', type: 'imagenet-1k', config: 'imagenet-a-classes', split: 'validation', args: { img_size: 224 } },
      { name: 'ImageNet-1k (ImageNet-R classes)', type: 'imagenet-1k', config: 'imagenet-r-classes', split: 'validation', args: { img_size: 224 } },
    ]);
  });

  it('keeps a percentage of at most 1 as a percent string and skips what is not a percentage', () => {
    const { models, stats } = convertTimmResults([{ dataset: dataset('results-imagenet-a.csv'), csv: csv('net.a,224,0.480,99.52,n/a,0,30.02,0.875,bicubic') }]);
    expect(results(models[0])[0].metrics).toEqual([{ type: 'top1', name: 'top-1 accuracy', value: '0.480%' }]);
    expect(stats.skipped_values).toEqual({ 'ImageNet-A top5: not a percentage': 1 });
  });

  it('counts a model missing from a file and a missing parameter count', () => {
    const { models, stats } = convertTimmResults([
      { dataset: dataset('results-imagenet.csv'), csv: csv('net.a,224,80,20,95,5,0,0.9,bicubic') },
      { dataset: dataset('results-sketch.csv'), csv: csv('net.b,224,50,50,70,30,12.5,0.9,bicubic') },
    ]);
    expect(models.map((m) => m.id)).toEqual(['timm/net.a', 'timm/net.b']);
    expect(models[0].safetensors).toBeUndefined();
    expect(stats.notes).toMatchObject({ 'models missing from results-sketch.csv': 1, 'models missing from results-imagenet.csv': 1 });
    expect(stats.omitted_fields).toEqual({ 'safetensors.total: param_count missing or 0': 1 });
  });
});
