// Model-zoo metafiles → Hub-shaped records → enriched results, on the real OpenMMLab metafiles
// bundled in data/sources/openmmlab (values checked by hand against the cited file and model) and
// on hand-written broken files (test/fixtures/metafiles/lab-zoo).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { enrichModels } from '../../src/pipeline/enrichModels.js';
import type { BenchmarkRecord, EvaluationResult } from '../../src/schemas/benchmarkSchemas.js';
import { HubModelSchema, type HubModel } from '../../src/schemas/hubSchemas.js';
import { convertMetafiles, parseQuantity, type MetafileStats, type MetafileText } from '../../src/snapshot/convertMetafiles.js';
import { identifyZoo, OPENMMLAB_ZOOS } from '../../src/snapshot/modelZoos.js';
import { readMetafileTree } from '../../src/snapshot/readMetafileTree.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const openmmlab = join(root, 'data', 'sources', 'openmmlab');
const labZoo = join(root, 'test', 'fixtures', 'metafiles', 'lab-zoo');

interface Converted {
  models: HubModel[];
  stats: MetafileStats;
  records: Map<string, BenchmarkRecord>;
}

async function convertZoo(folder: string): Promise<Converted> {
  const zoo = OPENMMLAB_ZOOS.find((z) => z.folder === folder)!;
  const { files } = await readMetafileTree(join(openmmlab, folder));
  const { models, stats } = convertMetafiles(files, { ...zoo, filePrefix: `sources/openmmlab/${folder}/` });
  const { records } = enrichModels(models, { provenance: { source: 'snapshot' }, evaluatedAt: '2026-01-01T00:00:00.000Z' });
  return { models, stats, records: new Map(records.map((r) => [r.model_info.model_id, r])) };
}

const result = (r: BenchmarkRecord | undefined, dataset: string, metricId: string, split = 'unspecified'): EvaluationResult => {
  const hit = r?.evaluation_results.find((x) => x.dataset_name === dataset && x.metric_id === metricId && x.dataset_split === split);
  if (!hit) throw new Error(`no ${dataset} / ${metricId} / ${split} result for ${r?.model_info.model_id}`);
  return hit;
};

const zoos = new Map<string, Converted>();
beforeAll(async () => {
  for (const z of OPENMMLAB_ZOOS) zoos.set(z.folder, await convertZoo(z.folder));
});

describe('convertMetafiles', () => {
  describe('real OpenMMLab metafiles', () => {
    it('reads mmdetection box and mask AP (0–100) as fractions: configs/mask_rcnn/metafile.yml, mask_rcnn_r50_fpn_1x_coco', () => {
      const r = zoos.get('mmdetection')!.records.get('openmmlab/mmdet/mask_rcnn_r50_fpn_1x_coco');
      // The file: Object Detection / COCO / box AP: 38.2; Instance Segmentation / COCO / mask AP: 34.7.
      expect(result(r, 'COCO', 'map')).toMatchObject({ value: 0.382, original_value: 38.2, original_scale: 'percent', direction: 'higher', dataset_type: 'coco' });
      expect(result(r, 'COCO', 'mask_map')).toMatchObject({ value: 0.347, original_value: 34.7, original_scale: 'percent', metric_name: 'mask AP' });
      // It reports instance segmentation, so it is listed as a segmentation model (as the Hub lists such models).
      expect(r!.model_info).toMatchObject({ task_type: 'image-segmentation', model_family: 'mask-r-cnn', family_source: 'config', model_zoo: 'openmmlab/mmdet', library_name: 'mmdet' });
      expect(r!.model_info.hub_url).toBeUndefined();
      expect(r!.model_info.links).toEqual({
        paper: 'https://arxiv.org/abs/1703.06870v3',
        weights: 'https://download.openmmlab.com/mmdetection/v2.0/mask_rcnn/mask_rcnn_r50_fpn_1x_coco/mask_rcnn_r50_fpn_1x_coco_20200205-d4b0c5d6.pth',
      });
      expect(result(r, 'COCO', 'map')).toMatchObject({ source: 'model-zoo', source_name: 'OpenMMLab MMDetection model zoo', snapshot_file: 'sources/openmmlab/mmdetection/configs/mask_rcnn/metafile.yml' });
    });

    it('reads mmpretrain top-1/top-5 with parameters and FLOPs: configs/resnet/metafile.yml, resnet50_8xb32_in1k', () => {
      const r = zoos.get('mmpretrain')!.records.get('openmmlab/mmpretrain/resnet50_8xb32_in1k')!;
      // The file: FLOPs: 4120000000, Parameters: 25560000, Top 1 Accuracy: 76.55, Top 5 Accuracy: 93.06.
      expect(result(r, 'ImageNet-1k', 'top1')).toMatchObject({ value: 0.7655, original_value: 76.55, dataset_type: 'imagenet-1k' });
      expect(result(r, 'ImageNet-1k', 'top5')).toMatchObject({ value: 0.9306, original_value: 93.06 });
      expect(r.model_info).toMatchObject({ parameter_count: 25_560_000, parameter_source: 'model-zoo', flops: 4_120_000_000, flops_source: 'model-zoo', task_type: 'image-classification', model_family: 'resnet' });
      expect(r.model_info.links?.config).toBe('https://github.com/open-mmlab/mmpretrain/blob/ee7f2e88501f61aa95c742dd5f429f039935ee90/configs/resnet/resnet50_8xb32_in1k.py');
      expect(result(r, 'ImageNet-1k', 'top1')).toMatchObject({ snapshot_date: '2024-11-01T00:00:00.000Z' });
    });

    it('reads mmsegmentation mIoU and mIoU(ms+flip) as two metrics from a Results mapping: configs/pspnet/metafile.yaml', () => {
      const r = zoos.get('mmsegmentation')!.records.get('openmmlab/mmseg/pspnet_r50-d8_4xb2-40k_cityscapes-512x1024');
      // The file: Results (a mapping, not a list): Cityscapes, mIoU: 77.85, mIoU(ms+flip): 79.18.
      expect(result(r, 'Cityscapes', 'miou')).toMatchObject({ value: 0.7785, original_value: 77.85, dataset_type: 'cityscapes' });
      expect(result(r, 'Cityscapes', 'miou_ms_flip')).toMatchObject({ value: 0.7918, metric_name: 'mIoU (multi-scale + flip)' });
    });

    it('reads ocrnet\'s "# HRNet backbone" dataset as Cityscapes, from the model name: configs/ocrnet/metafile.yaml', () => {
      const c = zoos.get('mmsegmentation')!;
      const r = c.records.get('openmmlab/mmseg/ocrnet_hr18s_4xb2-40k_cityscapes-512x1024');
      // The file: Dataset: '# HRNet backbone', mIoU: 76.61, mIoU(ms+flip): 78.01.
      expect(result(r, 'Cityscapes', 'miou')).toMatchObject({ value: 0.7661 });
      expect(c.stats.notes['Dataset "# HRNet backbone" read as Cityscapes from the model name']).toBe(9);
    });

    it('keeps mmpose AP on its 0–1 scale: configs/animal_2d_keypoint/rtmpose/ap10k/rtmpose_ap10k.yml, rtmpose-m_8xb64-210e_ap10k-256x256', () => {
      const r = zoos.get('mmpose')!.records.get('openmmlab/mmpose/rtmpose-m_8xb64-210e_ap10k-256x256');
      // The file: AP: 0.722, AP@0.5: 0.939, AP@0.75: 0.788 — fractions, not 0.722 %.
      expect(result(r, 'AP-10K', 'map')).toMatchObject({ value: 0.722, original_value: 0.722, original_scale: 'fraction' });
      expect(result(r, 'AP-10K', 'map@0.5')).toMatchObject({ value: 0.939 });
      expect(result(r, 'AP-10K', 'map@0.75')).toMatchObject({ value: 0.788 });
      expect(r!.model_info.task_type).toBe('keypoint-detection');
    });

    it('reads mmpose EPE as lower-is-better pixels and PCK AUC as a fraction: configs/hand_2d_keypoint/topdown_heatmap/onehand10k/resnet_onehand10k.yml', () => {
      const r = zoos.get('mmpose')!.records.get('openmmlab/mmpose/td-hm_res50_8xb32-210e_onehand10k-256x256');
      // The file: AUC: 0.555, EPE: 25.16, PCK@0.2: 0.989.
      expect(result(r, 'OneHand10K', 'epe')).toMatchObject({ value: 25.16, direction: 'lower', scale: 'raw' });
      expect(result(r, 'OneHand10K', 'pck_auc')).toMatchObject({ value: 0.555, direction: 'higher' });
      expect(result(r, 'OneHand10K', 'pck@0.2')).toMatchObject({ value: 0.989 });
    });

    it('puts NME on one scale whether a file writes it in percent (WFLW) or as a fraction (COCO-WholeBody-Face), and reads "NME pose" as a split', () => {
      const c = zoos.get('mmpose')!;
      // configs/face_2d_keypoint/topdown_heatmap/wflw/hrnetv2_wflw.yml: NME test: 4.06, NME pose: 6.97 (percent).
      const wflw = c.records.get('openmmlab/mmpose/td-hm_hrnetv2-w18_8xb64-60e_wflw-256x256');
      expect(result(wflw, 'WFLW', 'nme', 'test')).toMatchObject({ value: 0.0406, original_value: 4.06, original_scale: 'percent', direction: 'lower' });
      expect(result(wflw, 'WFLW', 'nme', 'pose')).toMatchObject({ value: 0.0697 });
      // configs/face_2d_keypoint/rtmpose/coco_wholebody_face/rtmpose_coco_wholebody_face.yml: NME: 0.0466 (a fraction).
      const face = c.records.get('openmmlab/mmpose/rtmpose-m_8xb32-60e_coco-wholebody-face-256x256');
      expect(result(face, 'COCO-WholeBody-Face', 'nme')).toMatchObject({ value: 0.0466, original_scale: 'fraction', dataset_type: 'coco-wholebody', dataset_config: 'face' });
    });

    it('reads mmaction2 top-1 with "24.33M" parameters, "102.7G" FLOPs and the pretraining as a tag: configs/recognition/tsn/metafile.yml', () => {
      const r = zoos.get('mmaction2')!.records.get('openmmlab/mmaction2/tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb')!;
      // The file: FLOPs: 102.7G, Parameters: 24.33M, Pretrained: ImageNet, Training Data: Kinetics-400, Top 1 Accuracy: 72.83, Top 5 Accuracy: 90.65.
      expect(result(r, 'Kinetics-400', 'top1')).toMatchObject({ value: 0.7283, dataset_type: 'kinetics-400' });
      expect(result(r, 'Kinetics-400', 'top5')).toMatchObject({ value: 0.9065 });
      expect(r.model_info).toMatchObject({ parameter_count: 24_330_000, parameter_source: 'model-zoo', flops: 102_700_000_000, task_type: 'video-classification' });
      expect(r.model_info.tags).toEqual(['mmaction2', 'model-zoo', 'video-classification', 'trained on Kinetics-400', 'pretrained on ImageNet']);
    });

    it('writes every model as a valid Hub record with a namespaced id, and accounts for every model entry', () => {
      for (const [folder, c] of zoos) {
        const zoo = OPENMMLAB_ZOOS.find((z) => z.folder === folder)!;
        for (const m of c.models) {
          expect(HubModelSchema.safeParse(m).success, m.id).toBe(true);
          expect(m.id.startsWith(`${zoo.id}/`), m.id).toBe(true);
        }
        const dropped = Object.values(c.stats.dropped_rows).reduce((a, b) => a + b, 0);
        expect(c.stats.rows - dropped, folder).toBe(c.models.length);
        // Every value written became exactly one enriched result.
        const enriched = [...c.records.values()].reduce((n, r) => n + r.evaluation_results.length, 0);
        expect(enriched, folder).toBe(c.stats.results);
      }
    });

    it('matches an independent count of each zoo\'s models and numeric values', () => {
      for (const [folder, c] of zoos) {
        // Straight from the YAML: the files model-index.yml lists that are present, the first model
        // of each Name, and its metric values that are numbers (or numeric strings).
        const index = parseYaml(readFileSync(join(openmmlab, folder, 'model-index.yml'), 'utf8')) as { Import: string[] };
        const names = new Set<string>();
        let models = 0;
        let values = 0;
        for (const rel of index.Import) {
          let doc: { Models?: { Name: string; Results?: unknown }[] };
          try {
            doc = parseYaml(readFileSync(join(openmmlab, folder, rel), 'utf8'));
          } catch {
            continue; // not bundled (data/sources/openmmlab/SOURCE.md says which and why)
          }
          for (const m of doc.Models ?? []) {
            if (names.has(m.Name)) continue;
            names.add(m.Name);
            const results = (Array.isArray(m.Results) ? m.Results : m.Results ? [m.Results] : []) as { Task?: string; Dataset?: string; Metrics?: Record<string, unknown> }[];
            const n = results
              .filter((r) => r.Task && r.Dataset)
              .flatMap((r) => Object.values(r.Metrics ?? {}))
              .filter((v) => typeof v === 'number' || (typeof v === 'string' && /^\d/.test(v))).length;
            if (n > 0) models++;
            values += n;
          }
        }
        expect(c.models.length, folder).toBe(models);
        // One value is dropped on purpose: mmdetection's strong_baselines metafile files a second "box AP"
        // on COCO under Instance Segmentation for the same model (the first is kept).
        expect(c.stats.results, folder).toBe(values - (folder === 'mmdetection' ? 1 : 0));
      }
    });
  });

  describe('hand-written broken files (test/fixtures/metafiles/lab-zoo)', () => {
    let files: MetafileText[];
    let converted: Converted;
    beforeAll(async () => {
      files = (await readMetafileTree(labZoo)).files;
      const zoo = identifyZoo(files, { fallbackName: 'lab-zoo' });
      const { models, stats } = convertMetafiles(files, zoo);
      const { records } = enrichModels(models, { provenance: { source: 'snapshot' }, evaluatedAt: '2026-01-01T00:00:00.000Z' });
      converted = { models, stats, records: new Map(records.map((r) => [r.model_info.model_id, r])) };
    });

    it('names the zoo after the repository its links point at', () => {
      expect(converted.models.every((m) => m.model_zoo === 'example-lab/lab-zoo')).toBe(true);
      expect([...converted.records.keys()].sort()).toEqual([
        'example-lab/lab-zoo/lab-net-s', 'example-lab/lab-zoo/lab-net-xs', 'example-lab/lab-zoo/partly-usable', 'example-lab/lab-zoo/seglab-r50_voc',
      ]);
    });

    it('reads percent strings as percentages, "0.5%" included', () => {
      const s = converted.records.get('example-lab/lab-zoo/lab-net-s');
      // configs/percent/metafile.yml: Top 1 Accuracy: 82.21%, Top 5 Accuracy: "96.1 %".
      expect(result(s, 'ImageNet-1k', 'top1')).toMatchObject({ value: 0.8221, original_value: 82.21, original_scale: 'percent' });
      expect(result(s, 'ImageNet-1k', 'top5')).toMatchObject({ value: 0.961 });
      const xs = converted.records.get('example-lab/lab-zoo/lab-net-xs');
      // Top 1 Accuracy: 0.5% is half a percent, not 50 %; Top 5 Accuracy: 71.5 is a percentage.
      expect(result(xs, 'ImageNet-1k', 'top1')).toMatchObject({ value: 0.005, original_value: 0.5, original_scale: 'percent' });
      expect(result(xs, 'ImageNet-1k', 'top5')).toMatchObject({ value: 0.715 });
    });

    it('reads sizes with units, training data as tags and links from the collection', () => {
      const s = converted.records.get('example-lab/lab-zoo/lab-net-s')!.model_info;
      // Parameters: 11.7M, FLOPs: 1.8G, Training Data: [ImageNet-21k, ImageNet-1k] (evaluated on ImageNet-1k).
      expect(s).toMatchObject({ parameter_count: 11_700_000, parameter_source: 'model-zoo', flops: 1_800_000_000, model_family: 'labnet' });
      expect(s.tags).toEqual(expect.arrayContaining(['pretrained on ImageNet-21k', 'trained on ImageNet-1k']));
      expect(s.links).toEqual({
        paper: 'https://arxiv.org/abs/0000.00001',
        code: 'https://github.com/example-lab/lab-zoo/blob/v1.0/labzoo/models/labnet.py',
        config: 'https://github.com/example-lab/lab-zoo/blob/v1.0/configs/labnet/lab-net-s.py',
        weights: 'https://example.org/weights/lab-net-s.pth',
      });
      // A relative Config without a known commit is no link.
      expect(converted.records.get('example-lab/lab-zoo/lab-net-xs')!.model_info.links).toEqual({
        paper: 'https://arxiv.org/abs/0000.00001',
        code: 'https://github.com/example-lab/lab-zoo/blob/v1.0/labzoo/models/labnet.py',
        weights: 'https://example.org/weights/lab-net-xs.pth',
      });
    });

    it('reads Results written as one mapping and Metrics written as a list, names with spaces and parentheses', () => {
      const r = converted.records.get('example-lab/lab-zoo/seglab-r50_voc')!;
      // configs/nested/metafile.yaml: mIoU 76.5, mIoU(ms+flip) 77.9, "AP (M)" 0.61 (no registry entry: kept as published).
      expect(result(r, 'Pascal VOC 2012 + Aug', 'miou')).toMatchObject({ value: 0.765, dataset_type: 'pascal-voc', dataset_config: '2012-aug' });
      expect(result(r, 'Pascal VOC 2012 + Aug', 'miou_ms_flip')).toMatchObject({ value: 0.779 });
      expect(result(r, 'Pascal VOC 2012 + Aug', 'ap_(m)')).toMatchObject({ value: 0.61, scale: 'raw', metric_name: 'AP (M)' });
      expect(r.model_info).toMatchObject({ task_type: 'image-segmentation', links: { paper: 'https://arxiv.org/abs/0000.00002', weights: 'https://example.org/weights/seglab-r50_voc.pth' } });
    });

    it('skips and counts what is missing or not a number, keeping the rest of a model', () => {
      const r = converted.records.get('example-lab/lab-zoo/partly-usable')!;
      // box AP: "42.5 (41.9)" keeps the first number; mask AP: null and AR@1000: n/a are skipped.
      expect(r.evaluation_results.map((x) => [x.metric_id, x.value])).toEqual([['map', 0.425]]);
      expect(converted.stats.dropped_rows).toEqual({
        'model without a Name': 1,
        'model without Results': 1,
        'model without a usable result': 1,
        'Name used by an earlier model of this zoo (the first is kept)': 1,
      });
      expect(converted.stats.skipped_values).toEqual({
        'result without a Dataset': 1,
        'metric without a value': 1,
        'value is not a number': 1,
        'result without a Task': 1,
      });
      expect(converted.stats.results).toBe(8);
    });

    it('names a file that does not parse and one the index lists but that is absent, and reads no unlisted file', () => {
      expect(converted.stats.file_errors).toEqual([
        { file: 'configs/broken/metafile.yml', reason: expect.stringMatching(/^not valid YAML: /) },
        { file: 'configs/absent/metafile.yml', reason: 'listed in model-index.yml but not among the files' },
      ]);
      expect(converted.stats.notes['files not listed in model-index.yml (not read)']).toBe(1);
      expect([...converted.records.keys()].some((id) => id.endsWith('not-listed'))).toBe(false);
    });

    it('reads every file when there is no model-index.yml, and refuses paths that leave the folder', () => {
      const { models, stats } = convertMetafiles(
        [{ path: '../outside.yml', text: 'Models: []' }, ...files.filter((f) => f.path === 'notes/extra.yml')],
        { id: 'local/x', name: 'x' },
      );
      expect(models.map((m) => m.id)).toEqual(['local/x/not-listed']);
      expect(stats.file_errors).toEqual([{ file: '../outside.yml', reason: 'path leaves the imported folder' }]);
    });
  });

  describe('parseQuantity', () => {
    it.each([
      [25557032, 25557032],
      ['24.33M', 24_330_000],
      ['102.7G', 102_700_000_000],
      ['1,014', 1014],
      ['7B', 7e9],
      ['3.5 k', 3500],
    ])('reads %j as %d', (raw, n) => {
      expect(parseQuantity(raw)).toBeCloseTo(n, 0);
    });

    it.each([[0], [-3], ['n/a'], [null], ['12 MB'], [Number.NaN]])('gives undefined for %j', (raw) => {
      expect(parseQuantity(raw)).toBeUndefined();
    });
  });
});
