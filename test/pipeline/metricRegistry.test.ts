import { describe, expect, it } from 'vitest';
import { lookupMetric, METRIC_DEFINITIONS, unknownMetric } from '../../src/pipeline/metricRegistry.js';

describe('lookupMetric', () => {
  it.each([
    ['acc', 'accuracy', 'accuracy', 'higher'],
    ['acc_norm', 'acc_norm', 'normalized accuracy', 'higher'],
    ['Exact Match', 'exact_match', 'exact match', 'higher'],
    ['em', 'exact_match', 'exact match', 'higher'],
    ['wer', 'wer', 'word error rate', 'lower'],
    ['CER', 'cer', 'character error rate', 'lower'],
    ['perplexity', 'perplexity', 'perplexity', 'lower'],
    ['ppl', 'perplexity', 'perplexity', 'lower'],
    ['eval_loss', 'loss', 'loss', 'lower'],
    ['mAP@0.5', 'map@0.5', 'mAP@0.5', 'higher'],
    ['sacrebleu', 'sacrebleu', 'SacreBLEU', 'higher'],
    ['rougeL', 'rougeL', 'ROUGE-L', 'higher'],
    ['top1', 'top1', 'top-1 accuracy', 'higher'],
    ['inst_level_strict_acc', 'inst_level_strict_acc', 'instruction-level strict accuracy', 'higher'],
    ['mc2', 'mc2', 'MC2 accuracy', 'higher'],
    ['f1-score', 'f1', 'F1', 'higher'],
    ['box AP', 'map', 'mean average precision', 'higher'],
    ['mask AP', 'mask_map', 'mask AP', 'higher'],
    ['PQ', 'pq', 'panoptic quality', 'higher'],
    ['AR@1000', 'ar@1000', 'AR@1000', 'higher'],
    ['PCK@0.2', 'pck@0.2', 'PCK@0.2', 'higher'],
    ['EPE', 'epe', 'end-point error', 'lower'],
    ['NME', 'nme', 'normalized mean error', 'lower'],
    ['MPJPE', 'mpjpe', 'MPJPE', 'lower'],
    ['mIoU', 'miou', 'mIoU', 'higher'],
    ['mIoU(ms+flip)', 'miou_ms_flip', 'mIoU (multi-scale + flip)', 'higher'],
    ['Top 1 Accuracy', 'top1', 'top-1 accuracy', 'higher'],
    ['CIDER', 'cider', 'CIDEr', 'higher'],
    ['BLEU-4', 'bleu', 'BLEU', 'higher'],
    ['Recall@5', 'recall@5', 'recall@5', 'higher'],
    ['MdR', 'median_rank', 'median rank', 'lower'],
  ])('maps %s to id %s (%s, %s is better) when written as in cards', (raw, id, name, direction) => {
    const def = lookupMetric(raw);
    expect(def?.id).toBe(id);
    expect(def?.name).toBe(name);
    expect(def?.direction).toBe(direction);
  });

  it('keeps CIDEr unscaled (it runs past 100) and the detection and segmentation metrics as fractions', () => {
    expect(lookupMetric('cider')?.scale).toBe('raw');
    for (const id of ['mask_map', 'pq', 'miou', 'pck', 'nme', 'hota']) expect(lookupMetric(id)?.scale, id).toBe('fraction');
    for (const id of ['epe', 'mpjpe']) expect(lookupMetric(id)?.scale, id).toBe('raw');
  });

  it('falls back to the metric name when the type is unknown', () => {
    expect(lookupMetric('some_custom_id', 'accuracy')?.id).toBe('accuracy');
  });

  it('returns undefined when neither type nor name is known', () => {
    expect(lookupMetric('bananas', 'banana score')).toBeUndefined();
  });

  it('gives every definition a unique id and name', () => {
    const ids = METRIC_DEFINITIONS.map((d) => d.id);
    const names = METRIC_DEFINITIONS.map((d) => d.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
  });

  it('groups acc and acc_norm under one canonical type with distinct names', () => {
    expect(lookupMetric('acc')?.type).toBe('accuracy');
    expect(lookupMetric('acc_norm')?.type).toBe('accuracy');
    expect(lookupMetric('acc')?.name).not.toBe(lookupMetric('acc_norm')?.name);
  });
});

describe('unknownMetric', () => {
  it('passes an unknown metric through under its own id, unscaled, with no direction when its words give none', () => {
    expect(unknownMetric('My Metric', 'my metric')).toMatchObject({ id: 'my_metric', type: 'my_metric', direction: 'unknown', scale: 'raw' });
  });

  it.each([
    ['chamfer_distance', 'lower'],
    ['val_loss_ema', 'lower'],
    ['bits_per_character', 'lower'],
    ['NME (inter-ocular)', 'lower'],
    ['win_rate', 'higher'],
    ['cider_score', 'higher'],
  ])('reads the direction of the unknown metric %s as %s from its words', (type, direction) => {
    expect(unknownMetric(type).direction).toBe(direction);
  });
});

describe('lookupMetric with units and logging prefixes', () => {
  it.each([['wer (%)'], ['eval/wer'], ['test_wer'], ['Test WER'], ['WER %'], ['validation-wer']])('finds word error rate for %s', (raw) => {
    expect(lookupMetric(raw)).toMatchObject({ id: 'wer', direction: 'lower' });
  });

  it.each([['fid'], ['eer'], ['mer'], ['nll'], ['bpb'], ['perplexity (ppl)'.replace(' (ppl)', '')]])('knows %s is lower-is-better', (raw) => {
    expect(lookupMetric(raw)?.direction).toBe('lower');
  });
});
