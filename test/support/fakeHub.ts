// A fake Hugging Face Hub on a real loopback HTTP server (Hub JSON shapes, Link paging, 429 headers,
// injectable faults) plus a seeded generator of Hub-shaped models, shared by tests and the benchmark.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_TASKS, HUB_PLACEHOLDER_CREATED_AT, type HubModel } from '../../src/schemas/hubSchemas.js';

// ---------------------------------------------------------------------------------------------
// Model generator
// ---------------------------------------------------------------------------------------------

export interface MakeHubModelsOptions {
  count: number;
  /** Pipeline tags, assigned round-robin so every task gets models. Defaults to the nine default tasks. */
  tasks?: readonly string[];
  seed?: number;
}

const PLACEHOLDER_CREATED_AT = HUB_PLACEHOLDER_CREATED_AT;
const PLACEHOLDER_MS = Date.parse(PLACEHOLDER_CREATED_AT);
const LATEST_MS = Date.parse('2025-09-30T00:00:00.000Z');
const GENERATOR_TASKS = DEFAULT_TASKS;

type Rng = () => number;

/** mulberry32: small, fast, and good enough for test data. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const lerp = (lo: number, hi: number, q: number) => lo + (hi - lo) * q;
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const POW10 = [1, 10, 100, 1000, 10_000, 100_000];
const round = (x: number, decimals: number) => Math.round(x * POW10[decimals]) / POW10[decimals];
const hex8 = (rng: Rng) => Math.floor(rng() * 4294967296).toString(16).padStart(8, '0');

interface Family {
  modelType: string;
  architecture: string;
  library?: 'transformers' | 'timm';
  orgs: readonly string[];
  /** `{s}` is replaced by the size label. */
  names: readonly string[];
  sizes: readonly (readonly [label: string, params: number])[];
  since: string;
  dtype: 'BF16' | 'F32' | 'F16';
  licenses?: readonly string[];
  /** Share of repos that only carry GGUF files (quantized re-uploads). */
  ggufShare?: number;
}

type Metric = { type: string; value: number | string; name?: string; verified?: boolean };
type Dataset = Readonly<{ name: string; type: string; config?: string; split?: string; args?: unknown }>;
type Result = { task: Readonly<{ type: string; name?: string }>; dataset: Dataset; metrics: Metric[]; source?: { name: string; url: string } };

interface ResultContext {
  rng: Rng;
  /** 0–1, larger models of a family score higher. */
  q: number;
  id: string;
}

interface TaskProfile {
  families: readonly Family[];
  /** Share of models whose card has a model-index. */
  withResults: number;
  results: (ctx: ResultContext) => Result[];
}

const DEFAULT_LICENSES = ['apache-2.0', 'apache-2.0', 'mit', 'cc-by-4.0', 'cc-by-nc-4.0', 'openrail'] as const;
const ds = (d: Dataset): Dataset => Object.freeze(d);
const taskRef = (type: string, name: string) => Object.freeze({ type, name });

/**
 * A metric value as cards write it: mostly a number, sometimes "20.0 ± 1.2" or "85.3%".
 * `x` is on the scale the card uses; fractions are shown as percents in the string forms.
 */
function metricValue(rng: Rng, x: number, percentScale: boolean, decimals = 4): number | string {
  const r = rng();
  const shown = percentScale ? x : x * 100;
  if (r < 0.06) return `${shown.toFixed(1)} ± ${(0.2 + rng() * 1.4).toFixed(1)}`;
  if (r < 0.11) return `${shown.toFixed(1)}%`;
  return round(x, decimals);
}

function metric(rng: Rng, type: string, x: number, percentScale: boolean, name?: string): Metric {
  const m: Metric = { type, value: metricValue(rng, x, percentScale) };
  if (name) m.name = name;
  if (rng() < 0.05) m.verified = true;
  return m;
}

const noisy = (rng: Rng, q: number, spread = 0.08) => clamp01(q + (rng() - 0.5) * spread);

// Datasets, frozen and shared by all generated models.
const D = {
  sst2: ds({ name: 'glue', type: 'glue', config: 'sst2', split: 'validation', args: 'sst2' }),
  mnli: ds({ name: 'glue', type: 'glue', config: 'mnli', split: 'validation_matched', args: 'mnli' }),
  imdb: ds({ name: 'imdb', type: 'imdb', config: 'plain_text', split: 'test' }),
  tweetEval: ds({ name: 'tweet_eval', type: 'tweet_eval', config: 'sentiment', split: 'test' }),
  imagenet: ds({ name: 'ImageNet-1k', type: 'imagenet-1k', split: 'validation' }),
  cifar10: ds({ name: 'cifar10', type: 'cifar10', config: 'plain_text', split: 'test' }),
  beans: ds({ name: 'beans', type: 'beans', split: 'validation' }),
  arc: ds({ name: 'AI2 Reasoning Challenge (25-Shot)', type: 'ai2_arc', config: 'ARC-Challenge', split: 'test', args: { num_few_shot: 25 } }),
  hellaswag: ds({ name: 'HellaSwag (10-Shot)', type: 'hellaswag', split: 'validation', args: { num_few_shot: 10 } }),
  mmlu: ds({ name: 'MMLU (5-Shot)', type: 'cais/mmlu', config: 'all', split: 'test', args: { num_few_shot: 5 } }),
  truthfulqa: ds({ name: 'TruthfulQA (0-shot)', type: 'truthful_qa', config: 'multiple_choice', split: 'validation', args: { num_few_shot: 0 } }),
  winogrande: ds({ name: 'Winogrande (5-shot)', type: 'winogrande', config: 'winogrande_xl', split: 'validation', args: { num_few_shot: 5 } }),
  gsm8k: ds({ name: 'GSM8k (5-shot)', type: 'gsm8k', config: 'main', split: 'test', args: { num_few_shot: 5 } }),
  ifeval: ds({ name: 'IFEval (0-Shot)', type: 'HuggingFaceH4/ifeval', args: { num_few_shot: 0 } }),
  bbh: ds({ name: 'BBH (3-Shot)', type: 'BBH', args: { num_few_shot: 3 } }),
  math: ds({ name: 'MATH Lvl 5 (4-Shot)', type: 'hendrycks/competition_math', args: { num_few_shot: 4 } }),
  gpqa: ds({ name: 'GPQA (0-shot)', type: 'Idavidrein/gpqa', args: { num_few_shot: 0 } }),
  musr: ds({ name: 'MuSR (0-shot)', type: 'TAUR-Lab/MuSR', args: { num_few_shot: 0 } }),
  mmluPro: ds({ name: 'MMLU-PRO (5-shot)', type: 'TIGER-Lab/MMLU-Pro', config: 'main', split: 'test', args: { num_few_shot: 5 } }),
  squad: ds({ name: 'squad', type: 'squad', config: 'plain_text', split: 'validation' }),
  squad2: ds({ name: 'squad_v2', type: 'squad_v2', config: 'squad_v2', split: 'validation' }),
  conll: ds({ name: 'conll2003', type: 'conll2003', config: 'conll2003', split: 'validation', args: 'conll2003' }),
  wikiann: ds({ name: 'wikiann', type: 'wikiann', config: 'en', split: 'test' }),
  wmt16: ds({ name: 'wmt16', type: 'wmt16', config: 'ro-en', split: 'test', args: 'ro-en' }),
  wmt14: ds({ name: 'wmt14', type: 'wmt14', config: 'de-en', split: 'test' }),
  cnn: ds({ name: 'cnn_dailymail', type: 'cnn_dailymail', config: '3.0.0', split: 'test' }),
  samsum: ds({ name: 'samsum', type: 'samsum', config: 'samsum', split: 'test' }),
  xsum: ds({ name: 'xsum', type: 'xsum', config: 'default', split: 'test' }),
  coco: ds({ name: 'COCO 2017', type: 'coco', split: 'validation' }),
  cppe5: ds({ name: 'cppe-5', type: 'cppe-5', split: 'test' }),
  libriClean: ds({ name: 'LibriSpeech (clean)', type: 'librispeech_asr', config: 'clean', split: 'test', args: { language: 'en' } }),
  libriOther: ds({ name: 'LibriSpeech (other)', type: 'librispeech_asr', config: 'other', split: 'test', args: { language: 'en' } }),
  commonVoice: ds({ name: 'Common Voice 11.0', type: 'mozilla-foundation/common_voice_11_0', config: 'en', split: 'test', args: 'en' }),
};

const T = {
  textClassification: taskRef('text-classification', 'Text Classification'),
  imageClassification: taskRef('image-classification', 'Image Classification'),
  textGeneration: taskRef('text-generation', 'Text Generation'),
  questionAnswering: taskRef('question-answering', 'Question Answering'),
  tokenClassification: taskRef('token-classification', 'Token Classification'),
  translation: taskRef('translation', 'Translation'),
  summarization: taskRef('summarization', 'Summarization'),
  objectDetection: taskRef('object-detection', 'Object Detection'),
  asr: taskRef('automatic-speech-recognition', 'Automatic Speech Recognition'),
};

type BoardEntry = readonly [dataset: Dataset, metricType: string, metricName: string | undefined, low: number, high: number];

const LEADERBOARD_V1: readonly BoardEntry[] = [
  [D.arc, 'acc_norm', 'normalized accuracy', 35, 72],
  [D.hellaswag, 'acc_norm', 'normalized accuracy', 55, 88],
  [D.mmlu, 'acc', 'accuracy', 25, 80],
  [D.truthfulqa, 'mc2', undefined, 35, 65],
  [D.winogrande, 'acc', 'accuracy', 60, 84],
  [D.gsm8k, 'acc', 'accuracy', 1, 80],
];
const LEADERBOARD_V2: readonly BoardEntry[] = [
  [D.ifeval, 'inst_level_strict_acc and prompt_level_strict_acc', 'strict accuracy', 20, 85],
  [D.bbh, 'acc_norm', 'normalized accuracy', 5, 55],
  [D.math, 'exact_match', 'exact match', 0, 40],
  [D.gpqa, 'acc_norm', 'acc_norm', 0, 20],
  [D.musr, 'acc_norm', 'acc_norm', 2, 25],
  [D.mmluPro, 'acc', 'accuracy', 5, 55],
];

const PROFILES: Record<string, TaskProfile> = {
  'text-classification': {
    withResults: 0.75,
    families: [
      { modelType: 'distilbert', architecture: 'DistilBertForSequenceClassification', orgs: ['distilbert', 'lvwerra', 'lxyuan', 'textattack', 'bhadresh-savani'], names: ['distilbert-{s}-uncased-finetuned-sst-2-english', 'distilbert-{s}-uncased-imdb', 'distilbert-{s}-multilingual-cased-sentiments'], sizes: [['base', 66_955_010]], since: '2020-01-01', dtype: 'F32' },
      { modelType: 'roberta', architecture: 'RobertaForSequenceClassification', orgs: ['cardiffnlp', 'FacebookAI', 'SamLowe', 'j-hartmann'], names: ['twitter-roberta-{s}-sentiment-latest', 'roberta-{s}-mnli', 'roberta-{s}-go_emotions'], sizes: [['base', 124_647_170], ['large', 355_362_819]], since: '2020-06-01', dtype: 'F32', licenses: ['mit', 'cc-by-4.0'] },
      { modelType: 'deberta-v2', architecture: 'DebertaV2ForSequenceClassification', orgs: ['MoritzLaurer', 'sileod', 'microsoft'], names: ['deberta-v3-{s}-mnli-fever-anli', 'deberta-v3-{s}-tasksource-nli'], sizes: [['base', 184_423_682], ['large', 435_063_811]], since: '2021-11-01', dtype: 'F32', licenses: ['mit'] },
      { modelType: 'bert', architecture: 'BertForSequenceClassification', orgs: ['nlptown', 'ProsusAI', 'bhadresh-savani', 'nateraw'], names: ['bert-{s}-multilingual-uncased-sentiment', 'bert-{s}-uncased-emotion', 'finbert-{s}'], sizes: [['base', 109_483_778], ['large', 335_143_938]], since: '2019-06-01', dtype: 'F32' },
    ],
    results: ({ rng, q }) => {
      const r = rng();
      if (r < 0.45) {
        const acc = lerp(0.86, 0.965, noisy(rng, q));
        return [{ task: T.textClassification, dataset: D.sst2, metrics: [metric(rng, 'accuracy', acc, false, 'Accuracy'), metric(rng, 'f1', acc - 0.004 * rng(), false, 'F1')] }];
      }
      if (r < 0.7) return [{ task: T.textClassification, dataset: D.imdb, metrics: [metric(rng, 'accuracy', lerp(0.88, 0.96, noisy(rng, q)), false, 'Accuracy')] }];
      if (r < 0.85) {
        const acc = lerp(0.65, 0.74, noisy(rng, q));
        return [{ task: T.textClassification, dataset: D.tweetEval, metrics: [metric(rng, 'accuracy', acc, false), metric(rng, 'f1_macro', acc - 0.02, false, 'Macro F1')] }];
      }
      return [{ task: T.textClassification, dataset: D.mnli, metrics: [metric(rng, 'accuracy', lerp(0.78, 0.91, noisy(rng, q)), false, 'Accuracy')] }];
    },
  },
  'image-classification': {
    withResults: 0.6,
    families: [
      { modelType: 'vit', architecture: 'ViTForImageClassification', orgs: ['google', 'nateraw', 'aaraki'], names: ['vit-{s}-patch16-224', 'vit-{s}-patch16-224-in21k-finetuned-cifar10', 'vit-{s}-beans'], sizes: [['base', 86_567_656], ['large', 304_326_632]], since: '2021-03-01', dtype: 'F32' },
      { modelType: 'convnext', architecture: 'ConvNextForImageClassification', orgs: ['facebook'], names: ['convnext-{s}-224', 'convnext-{s}-224-22k'], sizes: [['tiny', 28_589_128], ['base', 88_591_464], ['large', 197_767_336]], since: '2022-01-01', dtype: 'F32' },
      { modelType: 'swin', architecture: 'SwinForImageClassification', orgs: ['microsoft'], names: ['swin-{s}-patch4-window7-224'], sizes: [['tiny', 28_288_354], ['base', 87_768_224]], since: '2021-12-01', dtype: 'F32' },
      { modelType: 'resnet', architecture: 'resnet', library: 'timm', orgs: ['timm'], names: ['resnet{s}.a1_in1k', 'resnet{s}.tv_in1k'], sizes: [['50', 25_557_032], ['101', 44_549_160]], since: '2021-01-01', dtype: 'F32' },
    ],
    results: ({ rng, q }) => {
      const r = rng();
      if (r < 0.5) {
        // ImageNet results are usually published as percents (81.2).
        const top1 = lerp(72, 88, noisy(rng, q));
        const metrics = [metric(rng, 'accuracy', top1, true, 'Top 1 Accuracy')];
        if (rng() < 0.5) metrics.push(metric(rng, 'top5', Math.min(99, top1 + 13), true, 'Top 5 Accuracy'));
        return [{ task: T.imageClassification, dataset: D.imagenet, metrics }];
      }
      if (r < 0.8) return [{ task: T.imageClassification, dataset: D.cifar10, metrics: [metric(rng, 'accuracy', lerp(0.95, 0.99, noisy(rng, q)), false, 'Accuracy')] }];
      return [{ task: T.imageClassification, dataset: D.beans, metrics: [metric(rng, 'accuracy', lerp(0.93, 0.99, noisy(rng, q)), false, 'Accuracy')] }];
    },
  },
  'text-generation': {
    withResults: 0.55,
    families: [
      { modelType: 'llama', architecture: 'LlamaForCausalLM', orgs: ['meta-llama', 'NousResearch', 'unsloth', 'allenai', 'VAGOsolutions', 'mlabonne'], names: ['Llama-3.1-{s}-Instruct', 'Meta-Llama-3-{s}', 'Llama-2-{s}-chat-hf', 'Llama-3.2-{s}-Instruct'], sizes: [['1B', 1_235_814_400], ['3B', 3_212_749_824], ['8B', 8_030_261_248], ['13B', 13_015_864_320], ['70B', 70_553_706_496]], since: '2023-02-24', dtype: 'BF16', licenses: ['llama3.1', 'llama2', 'llama3.2', 'other'], ggufShare: 0.2 },
      { modelType: 'qwen2', architecture: 'Qwen2ForCausalLM', orgs: ['Qwen', 'unsloth', 'deepseek-ai', 'Orion-zhen'], names: ['Qwen2.5-{s}-Instruct', 'Qwen2-{s}', 'Qwen2.5-Coder-{s}-Instruct'], sizes: [['0.5B', 494_032_768], ['1.5B', 1_543_714_304], ['7B', 7_615_616_512], ['14B', 14_770_033_664], ['72B', 72_706_203_648]], since: '2024-06-01', dtype: 'BF16', licenses: ['apache-2.0', 'other'], ggufShare: 0.2 },
      { modelType: 'mistral', architecture: 'MistralForCausalLM', orgs: ['mistralai', 'HuggingFaceH4', 'teknium', 'cognitivecomputations'], names: ['Mistral-{s}-Instruct-v0.3', 'zephyr-{s}-beta', 'OpenHermes-2.5-Mistral-{s}'], sizes: [['7B', 7_241_732_096]], since: '2023-09-27', dtype: 'BF16', licenses: ['apache-2.0', 'mit'], ggufShare: 0.25 },
      { modelType: 'gemma2', architecture: 'Gemma2ForCausalLM', orgs: ['google', 'princeton-nlp'], names: ['gemma-2-{s}-it', 'gemma-2-{s}'], sizes: [['2b', 2_614_341_888], ['9b', 9_241_705_984], ['27b', 27_227_128_320]], since: '2024-06-27', dtype: 'BF16', licenses: ['gemma'], ggufShare: 0.15 },
      { modelType: 'phi3', architecture: 'Phi3ForCausalLM', orgs: ['microsoft'], names: ['Phi-3-{s}-instruct', 'Phi-3.5-{s}-instruct'], sizes: [['mini', 3_821_079_552], ['medium', 13_960_238_080]], since: '2024-04-23', dtype: 'BF16', licenses: ['mit'], ggufShare: 0.1 },
      { modelType: 'gpt2', architecture: 'GPT2LMHeadModel', orgs: ['openai-community', 'distilbert', 'EleutherAI'], names: ['gpt2-{s}', 'gpt2-{s}-finetuned-wikitext2'], sizes: [['small', 124_439_808], ['medium', 354_823_168], ['large', 774_030_080], ['xl', 1_557_611_200]], since: '2019-11-01', dtype: 'F32', licenses: ['mit'] },
    ],
    results: ({ rng, q, id }) => {
      const source = { name: 'Open LLM Leaderboard', url: `https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard?query=${id}` };
      const board = rng() < 0.5 ? LEADERBOARD_V1 : LEADERBOARD_V2;
      return board.map(([dataset, type, name, lo, hi]) => ({
        task: T.textGeneration,
        dataset,
        metrics: [metric(rng, type, lerp(lo, hi, noisy(rng, q, 0.2)), true, name)],
        source,
      }));
    },
  },
  'question-answering': {
    withResults: 0.7,
    families: [
      { modelType: 'distilbert', architecture: 'DistilBertForQuestionAnswering', orgs: ['distilbert', 'deepset'], names: ['distilbert-{s}-cased-distilled-squad', 'distilbert-{s}-uncased-distilled-squad'], sizes: [['base', 66_364_418]], since: '2020-01-01', dtype: 'F32' },
      { modelType: 'roberta', architecture: 'RobertaForQuestionAnswering', orgs: ['deepset'], names: ['roberta-{s}-squad2', 'tinyroberta-{s}-squad2'], sizes: [['base', 124_056_578], ['large', 354_312_194]], since: '2020-06-01', dtype: 'F32', licenses: ['cc-by-4.0'] },
      { modelType: 'bert', architecture: 'BertForQuestionAnswering', orgs: ['google-bert', 'csarron', 'deepset'], names: ['bert-{s}-uncased-whole-word-masking-finetuned-squad', 'bert-{s}-cased-squad-v1'], sizes: [['base', 108_893_186], ['large', 334_094_338]], since: '2019-06-01', dtype: 'F32' },
      { modelType: 'deberta-v2', architecture: 'DebertaV2ForQuestionAnswering', orgs: ['deepset', 'timpal0l'], names: ['deberta-v3-{s}-squad2'], sizes: [['base', 183_833_090], ['large', 434_013_186]], since: '2022-01-01', dtype: 'F32', licenses: ['cc-by-4.0', 'mit'] },
    ],
    results: ({ rng, q }) => {
      // SQuAD scores are published as percents.
      const v2 = rng() < 0.4;
      const em = v2 ? lerp(65, 85, noisy(rng, q)) : lerp(72, 88, noisy(rng, q));
      return [{ task: T.questionAnswering, dataset: v2 ? D.squad2 : D.squad, metrics: [metric(rng, 'exact_match', em, true, 'Exact Match'), metric(rng, 'f1', em + lerp(3, 9, rng()), true, 'F1')] }];
    },
  },
  'token-classification': {
    withResults: 0.7,
    families: [
      { modelType: 'bert', architecture: 'BertForTokenClassification', orgs: ['dslim', 'dbmdz', 'elastic'], names: ['bert-{s}-NER', 'bert-{s}-cased-finetuned-conll03-english'], sizes: [['base', 107_726_601], ['large', 332_538_889]], since: '2020-01-01', dtype: 'F32', licenses: ['mit', 'apache-2.0'] },
      { modelType: 'xlm-roberta', architecture: 'XLMRobertaForTokenClassification', orgs: ['Davlan', 'FacebookAI', 'Babelscape'], names: ['xlm-roberta-{s}-ner-hrl', 'xlm-roberta-{s}-finetuned-conll03-english'], sizes: [['base', 277_462_281], ['large', 558_850_057]], since: '2020-11-01', dtype: 'F32', licenses: ['afl-3.0', 'mit'] },
      { modelType: 'distilbert', architecture: 'DistilBertForTokenClassification', orgs: ['elastic', 'dslim'], names: ['distilbert-{s}-cased-finetuned-conll03-english', 'distilbert-{s}-NER'], sizes: [['base', 65_198_601]], since: '2020-06-01', dtype: 'F32' },
    ],
    results: ({ rng, q }) => {
      const conll = rng() < 0.75;
      const f1 = conll ? lerp(0.88, 0.95, noisy(rng, q)) : lerp(0.8, 0.9, noisy(rng, q));
      return [{
        task: T.tokenClassification,
        dataset: conll ? D.conll : D.wikiann,
        metrics: [
          metric(rng, 'precision', f1 - 0.006, false, 'Precision'),
          metric(rng, 'recall', f1 + 0.006, false, 'Recall'),
          metric(rng, 'f1', f1, false, 'F1'),
          metric(rng, 'accuracy', lerp(0.975, 0.992, q), false, 'Accuracy'),
        ],
      }];
    },
  },
  translation: {
    withResults: 0.55,
    families: [
      { modelType: 'marian', architecture: 'MarianMTModel', orgs: ['Helsinki-NLP'], names: ['opus-mt-en-de', 'opus-mt-fr-en', 'opus-mt-zh-en', 'opus-mt-en-es', 'opus-mt-ru-en'], sizes: [['base', 74_410_496]], since: '2020-05-01', dtype: 'F32', licenses: ['apache-2.0', 'cc-by-4.0'] },
      { modelType: 't5', architecture: 'T5ForConditionalGeneration', orgs: ['google-t5', 'google'], names: ['t5-{s}', 'flan-t5-{s}'], sizes: [['small', 60_506_624], ['base', 222_903_552], ['large', 737_668_096]], since: '2019-10-01', dtype: 'F32' },
      { modelType: 'm2m_100', architecture: 'M2M100ForConditionalGeneration', orgs: ['facebook'], names: ['m2m100_{s}', 'nllb-200-distilled-{s}'], sizes: [['418M', 483_905_536], ['1.2B', 1_239_470_080]], since: '2021-03-01', dtype: 'F32', licenses: ['mit', 'cc-by-nc-4.0'] },
      { modelType: 'mbart', architecture: 'MBartForConditionalGeneration', orgs: ['facebook'], names: ['mbart-{s}-50-many-to-many-mmt'], sizes: [['large', 610_879_488]], since: '2020-11-01', dtype: 'F32', licenses: ['mit'] },
    ],
    results: ({ rng, q }) => {
      const wmt16 = rng() < 0.6;
      const bleu = wmt16 ? lerp(22, 38, noisy(rng, q)) : lerp(25, 42, noisy(rng, q));
      const metrics = [metric(rng, 'bleu', bleu, true, 'BLEU')];
      if (rng() < 0.4) metrics.push(metric(rng, 'chrf', bleu + lerp(20, 28, rng()), true, 'chrF'));
      return [{ task: T.translation, dataset: wmt16 ? D.wmt16 : D.wmt14, metrics }];
    },
  },
  summarization: {
    withResults: 0.6,
    families: [
      { modelType: 'bart', architecture: 'BartForConditionalGeneration', orgs: ['facebook', 'sshleifer', 'philschmid'], names: ['bart-{s}-cnn', 'bart-{s}-xsum', 'distilbart-{s}-cnn-12-6'], sizes: [['base', 139_420_416], ['large', 406_291_456]], since: '2020-03-01', dtype: 'F32', licenses: ['mit', 'apache-2.0'] },
      { modelType: 'pegasus', architecture: 'PegasusForConditionalGeneration', orgs: ['google'], names: ['pegasus-{s}', 'pegasus-{s}-cnn_dailymail', 'pegasus-{s}-xsum'], sizes: [['large', 570_797_056]], since: '2020-08-01', dtype: 'F32' },
      { modelType: 't5', architecture: 'T5ForConditionalGeneration', orgs: ['mrm8488', 'philschmid'], names: ['t5-{s}-finetuned-summarize-news', 'flan-t5-{s}-samsum'], sizes: [['small', 60_506_624], ['base', 247_577_856]], since: '2020-06-01', dtype: 'F32' },
      { modelType: 'led', architecture: 'LEDForConditionalGeneration', orgs: ['allenai', 'pszemraj'], names: ['led-{s}-16384', 'led-{s}-book-summary'], sizes: [['base', 161_844_480], ['large', 459_832_320]], since: '2021-01-01', dtype: 'F32' },
    ],
    results: ({ rng, q }) => {
      const r = rng();
      const dataset = r < 0.55 ? D.cnn : r < 0.85 ? D.samsum : D.xsum;
      const rouge1 = dataset === D.cnn ? lerp(0.38, 0.45, noisy(rng, q)) : lerp(0.4, 0.54, noisy(rng, q));
      // About half the cards write ROUGE as a percent (44.2), the rest as a fraction.
      const percent = rng() < 0.5;
      const scale = (x: number) => (percent ? x * 100 : x);
      return [{
        task: T.summarization,
        dataset,
        metrics: [
          metric(rng, 'rouge1', scale(rouge1), percent, 'Rouge1'),
          metric(rng, 'rouge2', scale(rouge1 * 0.48), percent, 'Rouge2'),
          metric(rng, 'rougeL', scale(rouge1 * 0.72), percent, 'RougeL'),
          metric(rng, 'rougeLsum', scale(rouge1 * 0.92), percent, 'RougeLsum'),
        ],
      }];
    },
  },
  'object-detection': {
    withResults: 0.5,
    families: [
      { modelType: 'detr', architecture: 'DetrForObjectDetection', orgs: ['facebook'], names: ['detr-{s}', 'detr-{s}-dc5'], sizes: [['resnet-50', 41_578_400], ['resnet-101', 60_570_656]], since: '2020-06-01', dtype: 'F32' },
      { modelType: 'yolos', architecture: 'YolosForObjectDetection', orgs: ['hustvl'], names: ['yolos-{s}'], sizes: [['tiny', 6_488_640], ['small', 30_654_720], ['base', 127_726_336]], since: '2022-04-01', dtype: 'F32' },
      { modelType: 'conditional_detr', architecture: 'ConditionalDetrForObjectDetection', orgs: ['microsoft'], names: ['conditional-detr-{s}'], sizes: [['resnet-50', 43_524_292]], since: '2022-09-01', dtype: 'F32' },
      { modelType: 'rt_detr', architecture: 'RTDetrForObjectDetection', orgs: ['PekingU'], names: ['rtdetr_{s}', 'rtdetr_{s}_coco_o365'], sizes: [['r18vd', 20_184_464], ['r50vd', 42_862_860], ['r101vd', 76_567_836]], since: '2024-06-01', dtype: 'F32' },
    ],
    results: ({ rng, q }) => {
      const coco = rng() < 0.7;
      const map = coco ? lerp(0.28, 0.55, noisy(rng, q)) : lerp(0.2, 0.45, noisy(rng, q));
      const percent = rng() < 0.4;
      const scale = (x: number) => (percent ? x * 100 : x);
      const metrics = [metric(rng, 'mAP', scale(map), percent, 'mAP')];
      if (rng() < 0.6) metrics.push(metric(rng, 'AP50', scale(Math.min(0.95, map + 0.18)), percent, 'AP@0.5'));
      return [{ task: T.objectDetection, dataset: coco ? D.coco : D.cppe5, metrics }];
    },
  },
  'automatic-speech-recognition': {
    withResults: 0.65,
    families: [
      { modelType: 'whisper', architecture: 'WhisperForConditionalGeneration', orgs: ['openai', 'distil-whisper', 'sanchit-gandhi'], names: ['whisper-{s}', 'whisper-{s}.en', 'whisper-{s}-finetuned-common-voice'], sizes: [['tiny', 37_760_640], ['base', 72_593_920], ['small', 241_734_912], ['medium', 763_857_920], ['large-v3', 1_543_490_560]], since: '2022-09-21', dtype: 'F16' },
      { modelType: 'wav2vec2', architecture: 'Wav2Vec2ForCTC', orgs: ['facebook', 'jonatasgrosman'], names: ['wav2vec2-{s}-960h', 'wav2vec2-{s}-xlsr-53-english', 'wav2vec2-{s}-960h-lv60-self'], sizes: [['base', 94_396_320], ['large', 315_461_792]], since: '2021-01-01', dtype: 'F32' },
      { modelType: 'hubert', architecture: 'HubertForCTC', orgs: ['facebook'], names: ['hubert-{s}-ls960-ft'], sizes: [['large', 315_438_720], ['xlarge', 964_333_440]], since: '2021-06-01', dtype: 'F32' },
    ],
    results: ({ rng, q }) => {
      // WER is usually written in percent (3.4); some cards use fractions (0.034).
      const percent = rng() < 0.75;
      const scale = (x: number) => (percent ? x : x / 100);
      if (rng() < 0.7) {
        const clean = lerp(8, 2, noisy(rng, q));
        const results: Result[] = [{ task: T.asr, dataset: D.libriClean, metrics: [metric(rng, 'wer', scale(clean), percent, 'Test WER')] }];
        if (rng() < 0.6) results.push({ task: T.asr, dataset: D.libriOther, metrics: [metric(rng, 'wer', scale(clean * 2.1), percent, 'Test WER')] });
        return results;
      }
      const metrics = [metric(rng, 'wer', scale(lerp(30, 9, noisy(rng, q))), percent, 'Test WER')];
      if (rng() < 0.3) metrics.push(metric(rng, 'cer', scale(lerp(12, 3, noisy(rng, q))), percent, 'Test CER'));
      return [{ task: T.asr, dataset: D.commonVoice, metrics }];
    },
  },
};

function fallbackProfile(task: string): TaskProfile {
  const taskObj = taskRef(task, task.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()));
  const dataset = ds({ name: `${task}-eval`, type: `${task}-eval`, split: 'test' });
  return {
    withResults: 0.5,
    families: [
      { modelType: 'bert', architecture: 'BertModel', orgs: ['sentence-transformers', 'google-bert', 'intfloat'], names: [`bert-{s}-${task}`], sizes: [['base', 109_482_240], ['large', 335_141_888]], since: '2020-01-01', dtype: 'F32' },
    ],
    results: ({ rng, q }) => [{ task: taskObj, dataset, metrics: [metric(rng, 'accuracy', lerp(0.6, 0.95, noisy(rng, q)), false, 'Accuracy')] }],
  };
}

const GGUF_ORGS = ['TheBloke', 'bartowski', 'QuantFactory', 'mradermacher', 'lmstudio-community'] as const;
const LANG_EN = Object.freeze(['en']);
const LANG_MULTI = Object.freeze(['en', 'de', 'fr', 'es', 'zh']);

// Tag strings repeat across thousands of models: keep one copy of each.
const internTable = new Map<string, string>();
function interned(s: string): string {
  const known = internTable.get(s);
  if (known !== undefined) return known;
  internTable.set(s, s);
  return s;
}

/** Configs are the same for every repo of a family and size, so they are shared (and frozen). */
const configCache = new Map<string, unknown>();
function configOf(family: Family, sizeLabel: string): unknown {
  const key = `${family.architecture}\u0000${sizeLabel}`;
  let config = configCache.get(key);
  if (config === undefined) {
    config =
      family.library === 'timm'
        ? Object.freeze({ architecture: `${family.architecture}${sizeLabel}`, num_classes: 1000, num_features: 2048 })
        : Object.freeze({ model_type: family.modelType, architectures: Object.freeze([family.architecture]) });
    configCache.set(key, config);
  }
  return config;
}

const sinceCache = new Map<Family, number>();
function sinceMsOf(family: Family): number {
  let ms = sinceCache.get(family);
  if (ms === undefined) {
    ms = Date.parse(family.since);
    sinceCache.set(family, ms);
  }
  return ms;
}

function isoBetween(rng: Rng, fromMs: number, toMs: number): string {
  return new Date(Math.floor(lerp(fromMs, toMs, rng()) / 1000) * 1000).toISOString();
}

function makeModel(index: number, task: string, profile: TaskProfile, seed: number): HubModel {
  const rng = mulberry32(fmix32(fmix32(seed) ^ Math.imul(index + 1, 0x9e3779b1)));
  const family = pick(rng, profile.families);
  const sizeIndex = Math.floor(rng() * family.sizes.length);
  const [sizeLabel, baseParams] = family.sizes[sizeIndex];
  const q = family.sizes.length > 1 ? clamp01(0.2 + (0.6 * sizeIndex) / (family.sizes.length - 1) + (rng() - 0.5) * 0.3) : clamp01(0.3 + rng() * 0.5);
  const gguf = family.ggufShare !== undefined && rng() < family.ggufShare;
  const org = gguf ? pick(rng, GGUF_ORGS) : pick(rng, family.orgs);
  // The base-36 index keeps ids unique however many models are asked for.
  const id = `${org}/${pick(rng, family.names).replace('{s}', sizeLabel)}${gguf ? '-GGUF' : ''}-${index.toString(36)}`;
  const params = family.dtype === 'BF16' || gguf ? baseParams : baseParams + Math.floor(rng() * 4096);
  const license = pick(rng, family.licenses ?? DEFAULT_LICENSES);
  const library = gguf ? undefined : (family.library ?? 'transformers');

  const sinceMs = sinceMsOf(family);
  const placeholder = sinceMs < PLACEHOLDER_MS && rng() < 0.15;
  const createdMs = placeholder ? PLACEHOLDER_MS : lerp(sinceMs, LATEST_MS, rng() ** 1.5);
  const createdAt = placeholder ? PLACEHOLDER_CREATED_AT : new Date(Math.floor(createdMs / 1000) * 1000).toISOString();
  const lastModified = isoBetween(rng, createdMs, Math.min(LATEST_MS, createdMs + 400 * 86_400_000));

  // Heavy-tailed, like the Hub: most repos have a handful of downloads, a few have millions.
  const downloads = Math.floor(Math.exp(rng() ** 1.7 * Math.log(3e7))) - 1;
  const likes = Math.floor(Math.sqrt(downloads) * rng() * 0.8);

  const results = !gguf && rng() < profile.withResults ? profile.results({ rng, q, id }) : undefined;
  const weightsTag = gguf ? 'gguf' : rng() < 0.9 ? 'safetensors' : 'pytorch';
  const datasetTypes: string[] = [];
  if (results) for (const r of results) if (!datasetTypes.includes(r.dataset.type)) datasetTypes.push(r.dataset.type);
  const tags: string[] = [];
  if (library) tags.push(library);
  tags.push(weightsTag, family.modelType, task);
  if (task === 'translation' || family.modelType === 'xlm-roberta') tags.push(...LANG_MULTI);
  else tags.push('en');
  for (const type of datasetTypes) tags.push(interned(`dataset:${type}`));
  if (results) tags.push('model-index');
  if (task === 'text-generation' && !gguf) tags.push('conversational', 'text-generation-inference');
  tags.push('autotrain_compatible', 'endpoints_compatible', interned(`license:${license}`), 'region:us');

  const model: HubModel = {
    _id: `${hex8(rng)}${hex8(rng)}${hex8(rng)}`,
    id,
    pipeline_tag: task,
    tags,
    downloads,
    likes,
    createdAt,
    lastModified,
    private: false,
  };
  if (library) model.library_name = library;
  if (!gguf) model.config = configOf(family, sizeLabel);
  const cardData: Record<string, unknown> = { license, language: task === 'translation' ? LANG_MULTI : LANG_EN };
  if (datasetTypes.length) cardData.datasets = datasetTypes;
  if (results) cardData['model-index'] = [{ name: id.slice(id.indexOf('/') + 1), results }];
  model.cardData = cardData;
  if (gguf) {
    model.gguf = { total: params, architecture: family.modelType, context_length: family.modelType === 'llama' ? 131_072 : 32_768 };
  } else if (weightsTag === 'safetensors') {
    model.safetensors = { parameters: { [family.dtype]: params }, total: params };
  }
  return model;
}

/** Hub-shaped models, one at a time; model i depends only on (seed, i, its task), so this streams. */
export function* generateHubModels({ count, tasks = GENERATOR_TASKS, seed = 1 }: MakeHubModelsOptions): Generator<HubModel> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`generateHubModels: count must be a non-negative integer, got ${count}`);
  if (tasks.length === 0) throw new RangeError('generateHubModels: tasks must not be empty');
  const profiles = tasks.map((t) => PROFILES[t] ?? fallbackProfile(t));
  for (let i = 0; i < count; i++) yield makeModel(i, tasks[i % tasks.length], profiles[i % tasks.length], seed);
}

/** Deterministic, realistic Hub models (no Math.random): same options, same models. */
export function makeHubModels(options: MakeHubModelsOptions): HubModel[] {
  const out = new Array<HubModel>(options.count);
  let i = 0;
  for (const model of generateHubModels(options)) out[i++] = model;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fake clock
// ---------------------------------------------------------------------------------------------

export interface FakeClock {
  now: () => number;
  /** Advances the clock instead of waiting, and records every wait. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  sleeps: number[];
}

/** A clock for the client's `now`/`sleep` and the fake Hub's `now`, so waits are counted, not spent. */
export function createFakeClock(start = 0): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      t += ms;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Fake Hub server
// ---------------------------------------------------------------------------------------------

/** A fault that hits `times` requests, after letting `after` matching requests through; `task` narrows it to one pipeline_tag. */
export interface CountedFault {
  times: number;
  after?: number;
  task?: string;
}

export interface FakeHubFaults {
  /** 429 with `RateLimit: "api";r=0;t=<resetSeconds>` and `RateLimit-Policy`. */
  rateLimit?: CountedFault & { resetSeconds: number };
  /** 429 with only `Retry-After: <seconds>`. */
  retryAfter?: CountedFault & { seconds: number };
  serverError?: CountedFault & { status?: 500 | 502 | 503 };
  /** Headers and the start of a body, then nothing. */
  stall?: CountedFault;
  /** The socket is destroyed before any answer. */
  reset?: CountedFault;
  /** 200 with the first half of the JSON body. */
  truncatedJson?: CountedFault;
  /** 200 with a JSON object instead of the list (listings only). */
  nonArray?: CountedFault;
  /** Added before every answer. */
  latencyMs?: number;
  /** The next link of page `fromPage` points back to page `toPage` (1-based). */
  loop?: { fromPage: number; toPage: number };
  /** Every n-th model served has a broken model-index. */
  malformedModelIndex?: { every: number };
  /** Every n-th model served lacks its id (fails HubModelSchema). */
  invalidItems?: { every: number };
  /** Listings of these pipeline tags always answer 500. */
  failTask?: string | readonly string[];
  /** The Hub's own limit: `limit` calls per fixed window, then 429 with RateLimit headers until it ends. */
  quota?: { limit: number; windowMs: number };
}

/** A benchmark dataset on the fake Hub: its eval.yaml (absent: 404), its leaderboard rows, gating. */
export interface FakeBenchmark {
  id: string;
  /** Listed by `filter=benchmark:official`. */
  official?: boolean;
  /** The eval.yaml text; undefined serves 404 EntryNotFound like the Hub for a missing file. */
  evalYaml?: string;
  /** Rows as the Hub sends them, in rank order; `fineTune: true` rows appear only with `base_model=false` (the flag is not sent). */
  leaderboard?: readonly (Record<string, unknown> & { fineTune?: boolean })[];
  /** Without an Authorization header: 401 GatedRepo for its files and leaderboard. */
  gated?: boolean;
}

export interface FakeHubOptions {
  models?: readonly HubModel[];
  /** Benchmark datasets (`/api/datasets`, `/api/datasets/{id}/leaderboard`, `/datasets/{id}/resolve/main/eval.yaml`). */
  benchmarks?: readonly FakeBenchmark[];
  /** Whether listings fill `evalResults` when asked (not confirmed for the real Hub; single models always do). */
  evalResultsOnListings?: boolean;
  /** Largest page served (the Hub's is about 500). */
  pageSize?: number;
  faults?: FakeHubFaults;
  /** Origin written into Link headers instead of this server's own. */
  linkBase?: string;
  /** Clock for the request log and the quota window (defaults to Date.now). */
  now?: () => number;
}

export interface FakeHubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** 0 when no answer was sent (reset, stall, client gone). */
  status: number;
  at: number;
  authorization?: string;
  userAgent?: string;
  fault?: string;
}

export interface FakeHub {
  url: string;
  requests: FakeHubRequest[];
  requestCount(): number;
  /** Most requests that were being answered at the same time. */
  maxInFlight(): number;
  clearRequests(): void;
  setModels(models: readonly HubModel[]): void;
  setBenchmarks(benchmarks: readonly FakeBenchmark[]): void;
  /** Replaces all faults and restarts their counters. */
  setFaults(faults: FakeHubFaults): void;
  close(): Promise<void>;
}

type CountedKind = 'reset' | 'stall' | 'rateLimit' | 'retryAfter' | 'serverError' | 'truncatedJson' | 'nonArray';
const COUNTED_ORDER: readonly CountedKind[] = ['reset', 'stall', 'rateLimit', 'retryAfter', 'serverError', 'truncatedJson', 'nonArray'];
const LIST_ONLY: ReadonlySet<CountedKind> = new Set(['nonArray']);

const DEFAULT_LIST_FIELDS = ['likes', 'private', 'downloads', 'tags', 'pipeline_tag', 'library_name', 'createdAt'] as const;

const MALFORMED_MODEL_INDEX: readonly ((id: string) => unknown)[] = [
  () => 'see the paper',
  (id) => [{ name: id }],
  (id) => [{ name: id, results: [{ task: { type: 'text-classification' }, dataset: { name: 'glue' }, metrics: [{ type: 'accuracy', value: 'N/A' }, { value: 0.91 }] }] }],
  () => ({ results: [] }),
  (id) => [{ name: id, results: [{ dataset: null, metrics: 'accuracy: 0.9' }] }],
];

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ $offset: offset })).toString('base64url');

function decodeCursor(cursor: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const offset = (parsed as { $offset?: unknown })?.$offset;
    return Number.isInteger(offset) && (offset as number) >= 0 ? (offset as number) : undefined;
  } catch {
    return undefined;
  }
}

function objectIdFor(id: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < id.length; i++) {
    h1 = Math.imul(h1 ^ id.charCodeAt(i), 0x01000193);
    h2 = Math.imul(h2 + id.charCodeAt(i), 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}${fmix32(h1 ^ h2).toString(16).padStart(8, '0')}`;
}

function compareBy(field: string, direction: number) {
  return (a: HubModel, b: HubModel) => {
    const x = a[field as keyof HubModel] as number | string | null | undefined;
    const y = b[field as keyof HubModel] as number | string | null | undefined;
    if (x === y || (x == null && y == null)) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    if (x == null) return 1;
    if (y == null) return -1;
    return (x < y ? -1 : 1) * direction;
  };
}

export async function startFakeHub(options: FakeHubOptions = {}): Promise<FakeHub> {
  const now = options.now ?? Date.now;
  const pageCap = options.pageSize ?? 500;
  let models: readonly HubModel[] = options.models ?? [];
  let benchmarks = new Map<string, FakeBenchmark>((options.benchmarks ?? []).map((b) => [b.id, b]));
  let byId = new Map<string, HubModel>();
  let sorted = new Map<string, HubModel[]>();
  const requests: FakeHubRequest[] = [];
  let faults: FakeHubFaults = {};
  let counted = new Map<CountedKind, { seen: number; fired: number }>();
  let quotaWindow = { start: Number.NEGATIVE_INFINITY, used: 0 };
  let inFlight = 0;
  let maxInFlight = 0;
  let baseUrl = '';

  const setModels = (next: readonly HubModel[]) => {
    models = next;
    byId = new Map(next.map((m) => [m.id, m]));
    sorted = new Map();
  };
  const setFaults = (next: FakeHubFaults) => {
    faults = next;
    counted = new Map(COUNTED_ORDER.map((k) => [k, { seen: 0, fired: 0 }]));
    quotaWindow = { start: Number.NEGATIVE_INFINITY, used: 0 };
  };
  setModels(models);
  setFaults(options.faults ?? {});

  function listFor(tag: string | null, sort: string, direction: number): HubModel[] {
    const key = `${tag ?? ''}\u0000${sort}\u0000${direction}`;
    let list = sorted.get(key);
    if (!list) {
      // Repos without a pipeline_tag still show up under the task they are tagged with.
      const listed = (m: HubModel) => m.pipeline_tag === tag || (m.pipeline_tag == null && (m.tags?.includes(tag!) ?? false));
      list = (tag === null ? [...models] : models.filter(listed)).sort(compareBy(sort, direction));
      sorted.set(key, list);
    }
    return list;
  }

  function pickFault(task: string | null, isList: boolean): CountedKind | undefined {
    for (const kind of COUNTED_ORDER) {
      const spec = faults[kind];
      if (!spec) continue;
      if (LIST_ONLY.has(kind) && !isList) continue;
      if (spec.task !== undefined && spec.task !== task) continue;
      const state = counted.get(kind)!;
      state.seen++;
      if (state.seen > (spec.after ?? 0) && state.fired < spec.times) {
        state.fired++;
        return kind;
      }
    }
    return undefined;
  }

  function project(model: HubModel, expand: readonly string[], flags: { full: boolean; cardData: boolean; config: boolean; single: boolean }): Record<string, unknown> {
    const source = model as Record<string, unknown>;
    const modelIndex = source['model-index'] ?? (source.cardData as Record<string, unknown> | undefined)?.['model-index'];
    const out: Record<string, unknown> = { _id: source._id ?? objectIdFor(model.id), id: model.id };
    const copy = (key: string) => {
      const value = key === 'model-index' ? modelIndex : key === 'author' ? model.id.split('/')[0] : source[key];
      if (value !== undefined) out[key] = value;
    };
    if (expand.length > 0) {
      for (const key of expand) copy(key);
    } else if (flags.single) {
      for (const key of Object.keys(source)) if (key !== '_id' && key !== 'id') copy(key);
      copy('author');
      copy('model-index');
      out.modelId = model.id;
    } else {
      for (const key of DEFAULT_LIST_FIELDS) copy(key);
      out.modelId = model.id;
      if (flags.full) {
        copy('author');
        copy('lastModified');
        copy('safetensors');
        copy('gguf');
      }
      if (flags.full || flags.cardData) copy('cardData');
      if (flags.full || flags.config) copy('config');
    }
    return out;
  }

  function breakItem(item: Record<string, unknown>, position: number): void {
    const malformed = faults.malformedModelIndex;
    if (malformed && malformed.every > 0 && (position + 1) % malformed.every === 0) {
      const broken = MALFORMED_MODEL_INDEX[position % MALFORMED_MODEL_INDEX.length](String(item.id));
      if ('model-index' in item) item['model-index'] = broken;
      if (item.cardData && typeof item.cardData === 'object') item.cardData = { ...(item.cardData as object), 'model-index': broken };
    }
    const invalid = faults.invalidItems;
    if (invalid && invalid.every > 0 && (position + 1) % invalid.every === 0) delete item.id;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const entry: FakeHubRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      status: 0,
      at: now(),
      authorization: req.headers.authorization,
      userAgent: req.headers['user-agent'],
    };
    requests.push(entry);

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      entry.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...quotaHeaders(), ...headers });
      res.end(text);
    };
    const quotaHeaders = (): Record<string, string> => {
      const quota = faults.quota;
      if (!quota) return {};
      const left = Math.max(0, quota.limit - quotaWindow.used);
      const reset = Math.max(0, Math.ceil((quotaWindow.start + quota.windowMs - now()) / 1000));
      return { ratelimit: `"api";r=${left};t=${reset}`, 'ratelimit-policy': `"fixed window";"api";q=${quota.limit};w=${Math.round(quota.windowMs / 1000)}` };
    };

    if (faults.latencyMs && faults.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, faults.latencyMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (res.destroyed || res.writableEnded) return;
    }

    const isList = url.pathname === '/api/models' || url.pathname === '/api/models/';
    const isModel = !isList && url.pathname.startsWith('/api/models/');
    const isDatasetList = url.pathname === '/api/datasets';
    const leaderboardOf = /^\/api\/datasets\/(.+)\/leaderboard$/.exec(url.pathname);
    const fileOf = /^\/datasets\/(.+?)\/resolve\/main\/(.+)$/.exec(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'Method not allowed' });
    if (!isList && !isModel && !isDatasetList && !leaderboardOf && !fileOf) return send(404, { error: "Sorry, we can't find the page you are looking for." });
    const task = isList ? url.searchParams.get('pipeline_tag') : null;

    const quota = faults.quota;
    if (quota) {
      const t = now();
      if (t >= quotaWindow.start + quota.windowMs) quotaWindow = { start: t, used: 0 };
      quotaWindow.used++;
      if (quotaWindow.used > quota.limit) {
        entry.fault = 'quota';
        return send(429, { error: 'You have exceeded our hourly quotas for action: api. Please retry later.' });
      }
    }

    const fault = pickFault(task, isList);
    if (fault) entry.fault = fault;
    switch (fault) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'stall':
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.write('[{"_id":"');
        return;
      case 'rateLimit': {
        const seconds = faults.rateLimit!.resetSeconds;
        return send(429, { error: 'You have exceeded our hourly quotas for action: api. Please retry later.' }, {
          ratelimit: `"api";r=0;t=${seconds}`,
          'ratelimit-policy': `"fixed window";"api";q=500;w=300`,
        });
      }
      case 'retryAfter':
        return send(429, { error: 'Too Many Requests' }, { 'retry-after': String(faults.retryAfter!.seconds) });
      case 'serverError': {
        const status = faults.serverError!.status ?? 500;
        return send(status, status === 500 ? { error: 'Internal Error' } : `<html><body><h1>${status}</h1></body></html>`);
      }
      default:
        break;
    }
    const failing = faults.failTask === undefined ? [] : typeof faults.failTask === 'string' ? [faults.failTask] : faults.failTask;
    if (task !== null && failing.includes(task)) {
      entry.fault = 'failTask';
      return send(500, { error: 'Internal Error' });
    }

    const q = url.searchParams;
    const expand = [...q.getAll('expand'), ...q.getAll('expand[]')];
    const flags = { full: q.has('full'), cardData: q.has('cardData'), config: q.has('config'), single: isModel };
    if (expand.length > 0 && (flags.full || flags.cardData || flags.config)) {
      return send(400, { error: '"expand" cannot be used together with "full", "cardData" or "config"' });
    }

    let body: unknown;
    const headers: Record<string, string> = {};
    if (isDatasetList || leaderboardOf || fileOf) {
      return serveBenchmarks(url, leaderboardOf ?? fileOf, req, send, fault === 'truncatedJson', res, entry);
    }
    if (isModel) {
      const id = url.pathname.slice('/api/models/'.length).split('/').map(decodeURIComponent).join('/');
      const model = byId.get(id);
      if (!model) return send(404, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' });
      const item = project(model, expand, flags);
      breakItem(item, 0);
      body = item;
    } else {
      const limitParam = q.get('limit');
      const limit = limitParam === null ? pageCap : Number.parseInt(limitParam, 10);
      if (!Number.isInteger(limit) || limit < 1) return send(400, { error: 'Invalid limit' });
      const size = Math.min(limit, pageCap);
      const cursor = q.get('cursor');
      const offset = cursor === null ? 0 : decodeCursor(cursor);
      if (offset === undefined) return send(400, { error: 'Invalid cursor' });
      const list = listFor(task, q.get('sort') ?? 'downloads', q.get('direction') === '1' ? 1 : -1);
      const items = list.slice(offset, offset + size).map((m, k) => {
        const item = project(m, expand, flags);
        if (!options.evalResultsOnListings) delete item.evalResults;
        breakItem(item, offset + k);
        return item;
      });
      const page = Math.floor(offset / size) + 1;
      let nextOffset: number | undefined = offset + size < list.length ? offset + size : undefined;
      if (faults.loop && page === faults.loop.fromPage) nextOffset = (faults.loop.toPage - 1) * size;
      if (nextOffset !== undefined) {
        const next = new URL(`/api/models?${q.toString()}`, options.linkBase ?? baseUrl);
        next.searchParams.set('cursor', encodeCursor(nextOffset));
        headers.link = `<${next.toString()}>; rel="next"`;
      }
      body = fault === 'nonArray' ? { models: items, numTotalItems: list.length } : items;
    }

    if (fault === 'truncatedJson') {
      // Complete at the HTTP level (chunked, properly ended), broken as JSON.
      const text = JSON.stringify(body);
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...quotaHeaders(), ...headers });
      res.end(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    return send(200, body, headers);
  }

  /** The benchmark endpoints: official listing (paged), leaderboards, eval.yaml files. */
  function serveBenchmarks(
    url: URL,
    /** The leaderboard or file path's match: the repo id, then the file's path for a file. */
    repoPath: RegExpExecArray | null,
    req: IncomingMessage,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
    truncate: boolean,
    res: ServerResponse,
    entry: FakeHubRequest,
  ): void {
    const reply = (body: unknown, headers: Record<string, string> = {}) => {
      if (!truncate) return send(200, body, headers);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(text.slice(0, Math.floor(text.length / 2)));
    };
    if (url.pathname === '/api/datasets') {
      const filter = url.searchParams.get('filter');
      const all = [...benchmarks.values()].filter((b) => filter !== 'benchmark:official' || b.official).sort((a, b) => (a.id < b.id ? -1 : 1));
      const size = Math.min(Number.parseInt(url.searchParams.get('limit') ?? String(pageCap), 10) || pageCap, pageCap);
      const cursor = url.searchParams.get('cursor');
      const offset = cursor === null ? 0 : decodeCursor(cursor);
      if (offset === undefined) return send(400, { error: 'Invalid cursor' });
      const items = all.slice(offset, offset + size).map((b) => ({ _id: objectIdFor(b.id), id: b.id, author: b.id.split('/')[0], gated: b.gated ? 'auto' : false, tags: b.official ? ['benchmark:official'] : [] }));
      const headers: Record<string, string> = {};
      if (offset + size < all.length) {
        const next = new URL(`/api/datasets?${url.searchParams.toString()}`, baseUrl);
        next.searchParams.set('cursor', encodeCursor(offset + size));
        headers.link = `<${next.toString()}>; rel="next"`;
      }
      return reply(items, headers);
    }
    const [, rawId, file] = repoPath ?? [];
    const id = rawId.split('/').map(decodeURIComponent).join('/');
    const b = benchmarks.get(id);
    if (!b) return send(404, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' });
    if (b.gated && !req.headers.authorization) return send(401, { error: 'Access to this dataset is restricted' }, { 'x-error-code': 'GatedRepo' });
    if (file !== undefined) {
      if (file !== 'eval.yaml' || b.evalYaml === undefined) return send(404, { error: 'Entry not found' }, { 'x-error-code': 'EntryNotFound' });
      if (res.destroyed) return;
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(b.evalYaml) });
      res.end(b.evalYaml);
      return;
    }
    const fineTunes = url.searchParams.get('base_model') === 'false';
    const rows = (b.leaderboard ?? []).filter((r) => fineTunes || !r?.fineTune)
      .map((r) => (r !== null && typeof r === 'object' && !Array.isArray(r) ? Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'fineTune')) : r));
    return reply(rows);
  }

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => inFlight--);
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    requests,
    requestCount: () => requests.length,
    maxInFlight: () => maxInFlight,
    clearRequests: () => {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    setModels,
    setBenchmarks: (next) => {
      benchmarks = new Map(next.map((b) => [b.id, b]));
    },
    setFaults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
