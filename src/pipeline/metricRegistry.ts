// The metric registry: maps metric ids and names as they appear in model cards to a canonical
// type, a readable name, a direction and a scale. Metrics are data, not code paths: adding an
// alias is one line here (and one test).
import type { Direction, Scale } from '../schemas/benchmarkSchemas.js';
import { memoizeByPair } from './memoizeByPair.js';

export interface MetricDefinition {
  /** Registry key; what results are grouped by (with the dataset). */
  id: string;
  /** Canonical metric type, shared by close variants (acc and acc_norm are both "accuracy"). */
  type: string;
  /** Human-readable name, unique per id. */
  name: string;
  direction: Direction;
  scale: Scale;
  aliases: readonly string[];
}

const def = (
  id: string,
  type: string,
  name: string,
  direction: Direction,
  scale: Scale,
  aliases: readonly string[] = [],
): MetricDefinition => ({ id, type, name, direction, scale, aliases });

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  // accuracy family: fractions in 0–1
  def('accuracy', 'accuracy', 'accuracy', 'higher', 'fraction', ['acc', 'accuracy', 'eval_accuracy', 'test_accuracy', 'val_accuracy', 'balanced_accuracy']),
  def('acc_norm', 'accuracy', 'normalized accuracy', 'higher', 'fraction', ['acc_norm', 'accuracy_norm', 'normalized_accuracy', 'acc_normalized']),
  def('strict_acc', 'accuracy', 'strict accuracy', 'higher', 'fraction', ['strict_acc', 'strict_accuracy', 'inst_level_strict_acc_and_prompt_level_strict_acc']),
  def('inst_level_strict_acc', 'accuracy', 'instruction-level strict accuracy', 'higher', 'fraction', ['inst_level_strict_acc']),
  def('prompt_level_strict_acc', 'accuracy', 'prompt-level strict accuracy', 'higher', 'fraction', ['prompt_level_strict_acc']),
  def('top1', 'accuracy', 'top-1 accuracy', 'higher', 'fraction', ['top1', 'top_1', 'top1_accuracy', 'top_1_accuracy', 'acc@1', 'acc1', 'top-1', 'top-1_accuracy']),
  def('top5', 'accuracy', 'top-5 accuracy', 'higher', 'fraction', ['top5', 'top_5', 'top5_accuracy', 'top_5_accuracy', 'acc@5', 'acc5', 'top-5', 'top-5_accuracy']),
  def('mc1', 'accuracy', 'MC1 accuracy', 'higher', 'fraction', ['mc1']),
  def('mc2', 'accuracy', 'MC2 accuracy', 'higher', 'fraction', ['mc2']),
  def('exact_match', 'exact_match', 'exact match', 'higher', 'fraction', ['exact_match', 'em', 'exact', 'exact-match', 'exactmatch', 'exact_match_accuracy']),
  def('pass@1', 'pass_at_k', 'pass@1', 'higher', 'fraction', ['pass@1', 'pass_at_1', 'pass1']),
  def('f1', 'f1', 'F1', 'higher', 'fraction', ['f1', 'f1_score', 'f1-score', 'eval_f1']),
  def('f1_macro', 'f1', 'macro F1', 'higher', 'fraction', ['f1_macro', 'macro_f1', 'macro-f1', 'f1-macro']),
  def('f1_micro', 'f1', 'micro F1', 'higher', 'fraction', ['f1_micro', 'micro_f1', 'micro-f1', 'f1-micro']),
  def('f1_weighted', 'f1', 'weighted F1', 'higher', 'fraction', ['f1_weighted', 'weighted_f1', 'weighted-f1']),
  def('precision', 'precision', 'precision', 'higher', 'fraction', ['precision', 'eval_precision', 'precision_macro', 'macro_precision']),
  def('recall', 'recall', 'recall', 'higher', 'fraction', ['recall', 'eval_recall', 'recall_macro', 'macro_recall']),
  def('auc', 'auc', 'ROC AUC', 'higher', 'fraction', ['auc', 'roc_auc', 'roc-auc', 'auroc']),
  def('map', 'map', 'mean average precision', 'higher', 'fraction', ['map', 'mean_average_precision', 'ap', 'box_ap', 'box_map', 'map@0.5:0.95', 'map@[0.5:0.95]', 'map_0.5:0.95', 'coco_map']),
  def('map@0.5', 'map', 'mAP@0.5', 'higher', 'fraction', ['map@0.5', 'map_50', 'map50', 'map@50', 'ap50', 'map_0.5']),
  def('map@0.75', 'map', 'mAP@0.75', 'higher', 'fraction', ['map@0.75', 'map_75', 'map75', 'ap75']),
  // Model-zoo metafiles: detection, segmentation, tracking, keypoints, video, captioning, retrieval.
  def('mask_map', 'map', 'mask AP', 'higher', 'fraction', ['mask_ap', 'mask_map', 'segm_ap', 'segm_map']),
  def('pq', 'pq', 'panoptic quality', 'higher', 'fraction', ['pq', 'panoptic_quality']),
  def('ar', 'ar', 'average recall', 'higher', 'fraction', ['ar', 'average_recall']),
  def('ar@0.5', 'ar', 'AR@0.5', 'higher', 'fraction', ['ar@0.5', 'ar50']),
  // AR@k: average recall with k proposals (region proposals, temporal action proposals).
  def('ar@1', 'ar', 'AR@1', 'higher', 'fraction', ['ar@1']),
  def('ar@5', 'ar', 'AR@5', 'higher', 'fraction', ['ar@5']),
  def('ar@10', 'ar', 'AR@10', 'higher', 'fraction', ['ar@10']),
  def('ar@100', 'ar', 'AR@100', 'higher', 'fraction', ['ar@100']),
  def('ar@1000', 'ar', 'AR@1000', 'higher', 'fraction', ['ar@1000']),
  def('ar_an_auc', 'auc', 'AR-AN AUC', 'higher', 'fraction', ['ar_an_auc', 'ar-an_auc']),
  def('hota', 'hota', 'HOTA', 'higher', 'fraction', ['hota']),
  def('mota', 'mota', 'MOTA', 'higher', 'fraction', ['mota']),
  def('idf1', 'idf1', 'IDF1', 'higher', 'fraction', ['idf1', 'id_f1']),
  def('pck', 'pck', 'PCK', 'higher', 'fraction', ['pck']),
  def('pck@0.2', 'pck', 'PCK@0.2', 'higher', 'fraction', ['pck@0.2']),
  def('pckh@0.7', 'pck', 'PCKh@0.7', 'higher', 'fraction', ['pckh@0.7']),
  def('pck_mean', 'pck', 'mean PCK', 'higher', 'fraction', ['pck_mean', 'mean_pck']),
  def('pck_mean@0.1', 'pck', 'mean PCK@0.1', 'higher', 'fraction', ['pck_mean@0.1', 'mean_pck@0.1']),
  def('pck_auc', 'auc', 'PCK AUC', 'higher', 'fraction', ['pck_auc']),
  ...(['body', 'foot', 'face', 'hand', 'whole-body'] as const).flatMap((part) => [
    def(`${part}_ap`, 'map', `${part} AP`, 'higher', 'fraction', [`${part}_ap`]),
    def(`${part}_ar`, 'ar', `${part} AR`, 'higher', 'fraction', [`${part}_ar`]),
  ]),
  def('epe', 'epe', 'end-point error', 'lower', 'raw', ['epe', 'end_point_error']),
  def('nme', 'nme', 'normalized mean error', 'lower', 'fraction', ['nme', 'normalized_mean_error']),
  def('mpjpe', 'mpjpe', 'MPJPE', 'lower', 'raw', ['mpjpe', 'mean_per_joint_position_error']),
  def('p-mpjpe', 'mpjpe', 'P-MPJPE', 'lower', 'raw', ['p-mpjpe', 'pa-mpjpe']),
  def('n-mpjpe', 'mpjpe', 'N-MPJPE', 'lower', 'raw', ['n-mpjpe']),
  def('mrrpe', 'mrrpe', 'MRRPE', 'lower', 'raw', ['mrrpe']),
  def('miou', 'miou', 'mIoU', 'higher', 'fraction', ['miou', 'mean_iou']),
  def('miou_ms_flip', 'miou', 'mIoU (multi-scale + flip)', 'higher', 'fraction', ['miou(ms+flip)', 'miou_ms_flip', 'miou_(ms+flip)']),
  def('mdice', 'dice', 'mDice', 'higher', 'fraction', ['mdice', 'mean_dice']),
  def('dice', 'dice', 'Dice', 'higher', 'fraction', ['dice']),
  // CIDEr is not bounded by 100 (good captioners score 120–150).
  def('cider', 'cider', 'CIDEr', 'higher', 'raw', ['cider']),
  def('recall@1', 'recall_at_k', 'recall@1', 'higher', 'fraction', ['recall@1', 'r@1']),
  def('recall@5', 'recall_at_k', 'recall@5', 'higher', 'fraction', ['recall@5', 'r@5']),
  def('recall@10', 'recall_at_k', 'recall@10', 'higher', 'fraction', ['recall@10', 'r@10']),
  def('median_rank', 'rank', 'median rank', 'lower', 'raw', ['median_rank', 'mdr', 'medr']),
  def('mean_rank', 'rank', 'mean rank', 'lower', 'raw', ['mean_rank', 'mnr', 'meanr']),
  def('rouge1', 'rouge', 'ROUGE-1', 'higher', 'fraction', ['rouge1', 'rouge-1', 'rouge_1']),
  def('rouge2', 'rouge', 'ROUGE-2', 'higher', 'fraction', ['rouge2', 'rouge-2', 'rouge_2']),
  def('rougeL', 'rouge', 'ROUGE-L', 'higher', 'fraction', ['rougel', 'rouge-l', 'rouge_l']),
  def('rougeLsum', 'rouge', 'ROUGE-Lsum', 'higher', 'fraction', ['rougelsum', 'rouge-lsum', 'rouge_lsum']),
  def('meteor', 'meteor', 'METEOR', 'higher', 'fraction', ['meteor']),
  def('bertscore', 'bertscore', 'BERTScore', 'higher', 'fraction', ['bertscore', 'bert_score', 'bertscore_f1']),
  def('wer', 'wer', 'word error rate', 'lower', 'fraction', ['wer', 'word_error_rate', 'test_wer', 'eval_wer']),
  def('cer', 'cer', 'character error rate', 'lower', 'fraction', ['cer', 'character_error_rate', 'test_cer', 'eval_cer']),
  def('error_rate', 'error_rate', 'error rate', 'lower', 'fraction', ['error_rate', 'error', 'err', 'top1_err', 'top1_error']),
  def('bleu', 'bleu', 'BLEU', 'higher', 'points', ['bleu', 'bleu4', 'bleu-4', 'eval_bleu']),
  def('sacrebleu', 'bleu', 'SacreBLEU', 'higher', 'points', ['sacrebleu', 'sacre_bleu', 'sacre-bleu']),
  def('chrf', 'chrf', 'chrF', 'higher', 'points', ['chrf', 'chrf++', 'chrf2']),
  def('ter', 'ter', 'translation edit rate', 'lower', 'points', ['ter']),
  def('perplexity', 'perplexity', 'perplexity', 'lower', 'raw', ['perplexity', 'ppl', 'eval_perplexity']),
  def('loss', 'loss', 'loss', 'lower', 'raw', ['loss', 'eval_loss', 'validation_loss', 'val_loss', 'test_loss']),
  def('mse', 'mse', 'mean squared error', 'lower', 'raw', ['mse', 'mean_squared_error']),
  def('rmse', 'rmse', 'root mean squared error', 'lower', 'raw', ['rmse', 'root_mean_squared_error']),
  def('mae', 'mae', 'mean absolute error', 'lower', 'raw', ['mae', 'mean_absolute_error']),
  def('matthews_correlation', 'matthews_correlation', 'Matthews correlation', 'higher', 'raw', ['matthews_correlation', 'mcc', 'matthews_corrcoef']),
  def('pearson', 'pearson', 'Pearson correlation', 'higher', 'raw', ['pearson', 'pearsonr']),
  def('spearman', 'spearman', 'Spearman correlation', 'higher', 'raw', ['spearman', 'spearmanr']),
  def('mer', 'mer', 'match error rate', 'lower', 'fraction', ['mer', 'match_error_rate']),
  def('eer', 'eer', 'equal error rate', 'lower', 'fraction', ['eer', 'equal_error_rate']),
  def('fid', 'fid', 'Fréchet inception distance', 'lower', 'raw', ['fid', 'frechet_inception_distance', 'fid_score']),
  def('nll', 'nll', 'negative log-likelihood', 'lower', 'raw', ['nll', 'negative_log_likelihood', 'neg_log_likelihood']),
  def('bits_per_byte', 'bits_per_byte', 'bits per byte', 'lower', 'raw', ['bits_per_byte', 'bpb', 'bits-per-byte']),
];

/** Lower-case, spaces and hyphens between words folded to underscores, so "Exact Match" finds exact_match. */
export function normalizeMetricKey(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '_');
}

const byAlias = new Map<string, MetricDefinition>();
for (const d of METRIC_DEFINITIONS) {
  for (const key of [d.id, d.name, ...d.aliases]) {
    const k = normalizeMetricKey(key);
    if (byAlias.has(k) && byAlias.get(k) !== d) throw new Error(`metricRegistry: alias "${k}" is defined twice`);
    byAlias.set(k, d);
    byAlias.set(k.replace(/-/g, '_'), d);
  }
}

/** Prefixes that say where a metric was logged, not what it is: "eval/wer", "test_wer", "Test WER". */
const LOG_PREFIX = /^(?:eval|evaluation|test|val|validation|dev|train)(?:[/_.:-])/;
/** A unit or scale note after the name: "wer (%)", "accuracy [%]", "bleu (points)", "WER %". */
const UNIT_SUFFIX = /\s*(?:\((?:%|percent|pct|points?|0-1|0–1|0-100)\)|\[(?:%|percent)\]|%)$/;

/** The forms a raw metric id is looked up under, most literal first. */
function lookupForms(raw: string): string[] {
  const forms: string[] = [];
  const base = raw.trim().toLowerCase();
  const noUnit = base.replace(UNIT_SUFFIX, '').trim();
  for (const k of [base, noUnit, base.replace(LOG_PREFIX, '').trim(), noUnit.replace(LOG_PREFIX, '').trim()]) {
    const n = normalizeMetricKey(k);
    if (n && !forms.includes(n)) forms.push(n, n.replace(/-/g, '_'));
  }
  return forms;
}

/**
 * Finds the definition for a metric as written in a card: by its `type` first, then its `name`, each
 * also without a unit note ("wer (%)") or a logging prefix ("eval/wer", "test_wer", "Test WER").
 * Returns undefined for metrics the registry does not know (they pass through under their own id).
 */
export function lookupMetric(type: string | undefined, name?: string): MetricDefinition | undefined {
  return lookupMemo(type, name);
}

/** Cards repeat the same few spellings, so each (type, name) is worked out once. */
const lookupMemo = memoizeByPair((type, name): MetricDefinition | undefined => {
  for (const raw of [type, name]) {
    if (!raw) continue;
    for (const k of lookupForms(raw)) {
      const found = byAlias.get(k);
      if (found) return found;
    }
  }
  return undefined;
});

/** Words that make an unknown metric lower-is-better: errors, distances, losses. */
const LOWER_WORDS = /(?:^|[^a-z])(?:wer|cer|mer|eer|fid|nme|epe|ade|fde|loss|nll|bpb|bits[_ ]per[_ ](?:byte|char|character)|perplexity|ppl|error|err|distance|rmse|mse|mae|mape|latency)(?:$|[^a-z])/;
/** Words that make an unknown metric higher-is-better: agreement and success measures. */
const HIGHER_WORDS = /(?:^|[^a-z])(?:acc|accuracy|f1|f-measure|precision|recall|auc|auroc|ap|map|miou|iou|dice|bleu|rouge|meteor|chrf|cider|spice|score|pass@\d+|success|win[_ ]?rate|exact|em|ndcg|mrr|hit@\d+|r@\d+|recall@\d+|pck|pq|sq|rq|kappa|correlation|tau)(?:$|[^a-z])/;

/**
 * A definition for a metric the registry does not know: its own id, unscaled, and a direction read
 * from its words where they say it (an error, a loss, a distance is lower-is-better; an accuracy,
 * a score higher), else "unknown": such a metric is listed but never ranked.
 */
export function unknownMetric(type: string | undefined, name?: string): MetricDefinition {
  const id = normalizeMetricKey(type || name || 'unknown');
  const words = `${type ?? ''} ${name ?? ''}`.toLowerCase();
  const direction: MetricDefinition['direction'] = LOWER_WORDS.test(words) ? 'lower' : HIGHER_WORDS.test(words) ? 'higher' : 'unknown';
  return { id, type: id, name: (name || type || id).trim(), direction, scale: 'raw', aliases: [] };
}
