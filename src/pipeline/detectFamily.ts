// Model family from, in order: config.model_type / architectures (what the weights are), tags,
// then the name. An open set: any config model_type becomes a family; the lists below only fold
// spellings together and find families in tags and names.
import type { ModelInfo } from '../schemas/benchmarkSchemas.js';

export type FamilySource = ModelInfo['family_source'];

/** Spellings that name the same family. Keys are normalized (lower-case, '_' → '-'). */
const FAMILY_ALIASES: Record<string, string> = {
  'gpt-neox': 'gpt-neox', gptneox: 'gpt-neox', 'gpt-neo': 'gpt-neo', gptneo: 'gpt-neo', 'gpt-j': 'gpt-j', gptj: 'gpt-j',
  gpt2: 'gpt2', 'gpt-bigcode': 'starcoder', gptbigcode: 'starcoder', 'open-llama': 'llama', llama: 'llama',
  mistral: 'mistral', mixtral: 'mixtral', qwen: 'qwen', qwen2: 'qwen', qwen3: 'qwen', 'qwen2-moe': 'qwen', 'qwen3-moe': 'qwen', qwen2moe: 'qwen', qwen3moe: 'qwen',
  phi: 'phi', phi3: 'phi', phi4: 'phi', phimoe: 'phi', 'phi-msft': 'phi', gemma: 'gemma', gemma2: 'gemma', gemma3: 'gemma', 'gemma3-text': 'gemma',
  falcon: 'falcon', rw: 'falcon', refinedweb: 'falcon', refinedwebmodel: 'falcon', bloom: 'bloom', opt: 'opt', mpt: 'mpt', olmo: 'olmo', olmo2: 'olmo',
  stablelm: 'stablelm', 'stablelm-epoch': 'stablelm', internlm: 'internlm', internlm2: 'internlm', baichuan: 'baichuan', chatglm: 'chatglm', glm: 'glm', glm4: 'glm',
  deepseek: 'deepseek', 'deepseek-v2': 'deepseek', 'deepseek-v3': 'deepseek', deepseekv2: 'deepseek', deepseekv3: 'deepseek', cohere: 'command-r', cohere2: 'command-r', exaone: 'exaone', granite: 'granite', granitemoe: 'granite',
  yi: 'yi', jamba: 'jamba', mamba: 'mamba', mamba2: 'mamba', rwkv: 'rwkv', rwkv5: 'rwkv', rwkv6: 'rwkv', recurrentgemma: 'gemma', persimmon: 'persimmon', fuyu: 'fuyu',
  bert: 'bert', roberta: 'roberta', 'xlm-roberta': 'xlm-roberta', xlmroberta: 'xlm-roberta', distilbert: 'distilbert', albert: 'albert', electra: 'electra',
  'deberta-v2': 'deberta', deberta: 'deberta', debertav2: 'deberta', xlnet: 'xlnet', camembert: 'camembert', mpnet: 'mpnet', modernbert: 'modernbert',
  t5: 't5', mt5: 't5', umt5: 't5', longt5: 't5', flan: 't5', bart: 'bart', mbart: 'bart', pegasus: 'pegasus', marian: 'marian', m2m100: 'm2m100', nllb: 'nllb', 'nllb-moe': 'nllb',
  whisper: 'whisper', wav2vec2: 'wav2vec2', wav2vec: 'wav2vec2', 'wav2vec2-conformer': 'wav2vec2', hubert: 'hubert', wavlm: 'wavlm', 'speech-to-text': 'speech2text', speech2text: 'speech2text', seamless: 'seamless',
  vit: 'vit', deit: 'deit', beit: 'beit', swin: 'swin', swinv2: 'swin', convnext: 'convnext', convnextv2: 'convnext', resnet: 'resnet', resnetv2: 'resnet', resnext: 'resnext',
  efficientnet: 'efficientnet', efficientnetv2: 'efficientnet', mobilenet: 'mobilenet', mobilenetv2: 'mobilenet', mobilenetv3: 'mobilenet', mobilenetv4: 'mobilenet', regnet: 'regnet', regnetx: 'regnet', regnety: 'regnet', regnetz: 'regnet',
  eva: 'eva', eva02: 'eva', dinov2: 'dinov2', dino: 'dino', clip: 'clip', siglip: 'siglip', densenet: 'densenet', inception: 'inception', xception: 'xception', vgg: 'vgg',
  detr: 'detr', 'conditional-detr': 'detr', 'deformable-detr': 'detr', 'rt-detr': 'rt-detr', rtdetr: 'rt-detr', yolos: 'yolos', yolo: 'yolo', yolov5: 'yolo', yolov8: 'yolo', yolov10: 'yolo', yolo11: 'yolo',
};

/** Families worth finding in tags and names. Longer and more specific spellings come first. */
const NAME_PATTERNS: [RegExp, string][] = [
  [/distilbert/, 'distilbert'], [/xlm-?roberta/, 'xlm-roberta'], [/roberta/, 'roberta'], [/deberta/, 'deberta'], [/modernbert/, 'modernbert'],
  [/albert/, 'albert'], [/camembert/, 'camembert'], [/electra/, 'electra'], [/bert/, 'bert'], [/xlnet/, 'xlnet'],
  [/mixtral/, 'mixtral'], [/mistral/, 'mistral'], [/llama/, 'llama'], [/qwen/, 'qwen'], [/gemma/, 'gemma'], [/(^|[-_.])phi[-_.]?\d/, 'phi'],
  [/falcon/, 'falcon'], [/bloom/, 'bloom'], [/deepseek/, 'deepseek'], [/internlm/, 'internlm'], [/baichuan/, 'baichuan'], [/(^|[-_.])yi[-_.]/, 'yi'],
  [/gpt-?neox/, 'gpt-neox'], [/gpt-?neo/, 'gpt-neo'], [/gpt-?j/, 'gpt-j'], [/gpt-?2/, 'gpt2'], [/starcoder/, 'starcoder'], [/(^|[-_.])opt[-_.]\d/, 'opt'], [/olmo/, 'olmo'], [/granite/, 'granite'],
  [/flan-?t5|(^|[-_.])(mt|umt|long|byt)?t5([-_.]|$)/, 't5'], [/mbart|(^|[-_.])bart([-_.]|$)/, 'bart'], [/pegasus/, 'pegasus'], [/opus-mt|marian/, 'marian'], [/nllb/, 'nllb'], [/m2m100/, 'm2m100'],
  [/whisper/, 'whisper'], [/wav2vec/, 'wav2vec2'], [/hubert/, 'hubert'], [/wavlm/, 'wavlm'],
  [/(^|[-_.])vit([-_.]|$)/, 'vit'], [/deit/, 'deit'], [/beit/, 'beit'], [/swin/, 'swin'], [/convnext/, 'convnext'], [/resnext/, 'resnext'], [/resnet/, 'resnet'],
  [/efficientnet/, 'efficientnet'], [/mobilenet/, 'mobilenet'], [/regnet/, 'regnet'], [/dinov2/, 'dinov2'], [/siglip/, 'siglip'], [/(^|[-_.])clip([-_.]|$)/, 'clip'],
  [/rt-?detr/, 'rt-detr'], [/detr/, 'detr'], [/yolos/, 'yolos'], [/yolo/, 'yolo'],
];

/** timm names carry framework prefixes ("tf_efficientnet_b0") that are not the family. */
const TIMM_PREFIXES = /^(tf|tv|gluon|legacy|ig|ssl|swsl|timm|hf|ens|adv|fb)_/;

export function normalizeFamily(raw: string): string | undefined {
  const k = raw.trim().toLowerCase().replace(/_/g, '-');
  if (!k) return undefined;
  if (FAMILY_ALIASES[k]) return FAMILY_ALIASES[k];
  const compact = k.replace(/-/g, '');
  if (FAMILY_ALIASES[compact]) return FAMILY_ALIASES[compact];
  // Open set: drop version suffixes ("foo2", "foo-v3", "foo-moe") and keep the rest as the family.
  const stem = k.replace(/-moe$/, '').replace(/-?v?\d+(\.\d+)?$/, '');
  if (FAMILY_ALIASES[stem]) return FAMILY_ALIASES[stem];
  return stem.length >= 2 && /^[a-z][a-z0-9-]*$/.test(stem) ? stem : undefined;
}

/** "LlamaForCausalLM" → "llama", "Qwen2Model" → "qwen". */
function familyFromArchitecture(arch: string): string | undefined {
  const stem = arch.replace(/For[A-Z]\w*$/, '').replace(/(LMHeadModel|Model)$/, '');
  return stem ? normalizeFamily(stem) : undefined;
}

/** timm's config.architecture: "eva02_large_patch14_448" → "eva". */
function familyFromTimmArchitecture(arch: string): string | undefined {
  const token = arch.toLowerCase().replace(TIMM_PREFIXES, '').split(/[_.]/)[0];
  if (!token) return undefined;
  const known = FAMILY_ALIASES[token] ?? FAMILY_ALIASES[token.replace(/\d+[a-z]?$/, '')];
  if (known) return known;
  for (const [re, family] of NAME_PATTERNS) if (re.test(token)) return family;
  return normalizeFamily(token.replace(/\d+[a-z]?$/, '') || token);
}

function familyFromText(text: string): string | undefined {
  const t = text.toLowerCase();
  for (const [re, family] of NAME_PATTERNS) if (re.test(t)) return family;
  return undefined;
}

export function detectFamily(input: {
  id: string;
  config?: unknown;
  tags?: readonly string[] | null;
}): { family: string; source: FamilySource } {
  const config = input.config && typeof input.config === 'object' ? (input.config as Record<string, unknown>) : undefined;
  if (config) {
    if (typeof config.model_type === 'string') {
      const f = normalizeFamily(config.model_type);
      if (f) return { family: f, source: 'config' };
    }
    if (Array.isArray(config.architectures) && typeof config.architectures[0] === 'string') {
      const f = familyFromArchitecture(config.architectures[0]);
      if (f) return { family: f, source: 'config' };
    }
    if (typeof config.architecture === 'string') {
      const f = familyFromTimmArchitecture(config.architecture);
      if (f) return { family: f, source: 'config' };
    }
  }
  for (const tag of input.tags ?? []) {
    if (tag.includes(':')) continue; // license:…, dataset:…, base_model:… name other repos
    const k = tag.toLowerCase();
    const f = FAMILY_ALIASES[k] ?? FAMILY_ALIASES[k.replace(/_/g, '-')];
    if (f) return { family: f, source: 'tags' };
  }
  const name = input.id.includes('/') ? input.id.slice(input.id.indexOf('/') + 1) : input.id;
  const f = familyFromText(name);
  if (f) return { family: f, source: 'name' };
  return { family: 'other', source: 'unknown' };
}
