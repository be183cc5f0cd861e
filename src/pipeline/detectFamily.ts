// Model family from, in order: config.model_type, config.architectures / timm's config.architecture
// (what the weights are), tags, then the name. An open set: any config model_type becomes a family;
// the lists below only fold spellings together and find families in tags and names. A family read
// from the architecture says so (source "architecture"): a Yi or SOLAR fine-tune built as
// LlamaForCausalLM is "llama" by its architecture, not by its lineage.
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
  mllama: 'llama', 'switch-transformers': 'switch-transformers', switchtransformers: 'switch-transformers', speecht5: 'speecht5',
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
/** …and variant prefixes in front of the family they modify ("wide_resnet50_2", "eca_resnext26ts"). */
const TIMM_VARIANT_PREFIXES = /^(wide|bat|gc|eca)_/;

/**
 * timm architectures whose family is not their first word: two-word names, attention hybrids named
 * after the attention, and families spelled several ways. Tried in order on the whole name.
 */
const TIMM_FAMILIES: [RegExp, string][] = [
  [/^tiny_vit/, 'tiny-vit'],
  [/^inception_next/, 'inception-next'],
  [/^lambda_resnet/, 'lambda-resnet'],
  [/^((dm|eca)_)?nfnet|^nf_/, 'nfnet'], // normalizer-free networks: dm_nfnet, eca_nfnet, nf_resnet, nf_regnet
  [/^cs3|^csp/, 'cspnet'], // cross-stage-partial networks: cspresnet, cspdarknet, cs3darknet, cs3edgenet
  [/darknet/, 'darknet'],
  [/regnet/, 'regnet'], // haloregnetz is a RegNetZ with halo attention
  [/halo/, 'halonet'], // halonet, sehalonet, eca_halonext, halo2botnet, lamhalobotnet
  [/bot(net|next)/, 'botnet'], // botnet, sebotnet, eca_botnext
  [/^res2ne[tx]/, 'res2net'],
  [/^(se)?mnasnet/, 'mnasnet'],
  [/^g?mixer/, 'mlp-mixer'],
  [/vovnet/, 'vovnet'],
  [/^fbnet/, 'fbnet'],
  [/^rexnet/, 'rexnet'],
  [/^coatne/, 'coatnet'], // coatnet, coatnext
  [/^densenet/, 'densenet'],
  [/^p?nasnet/, 'nasnet'],
];

/** Config stems that name no family ("LLMForSequenceRegression"); the tags or the name decide instead. */
const GENERIC_STEMS = new Set(['llm', 'lm', 'model', 'custom', 'base', 'auto', 'causal-lm', 'transformer']);

export function normalizeFamily(raw: string): string | undefined {
  const k = raw.trim().toLowerCase().replace(/_/g, '-');
  if (!k) return undefined;
  if (FAMILY_ALIASES[k]) return FAMILY_ALIASES[k];
  const compact = k.replace(/-/g, '');
  if (FAMILY_ALIASES[compact]) return FAMILY_ALIASES[compact];
  // A known family followed by a variant: "qwen2-vl", "xlm-roberta-xl", "falcon-mamba".
  const parts = k.split('-');
  for (let i = parts.length - 1; i >= 1; i--) {
    const head = FAMILY_ALIASES[parts.slice(0, i).join('-')];
    if (head) return head;
  }
  // Open set: drop version suffixes ("foo2", "foo-v3", "foo-moe") and keep the rest as the family.
  const stem = k.replace(/-moe$/, '').replace(/-?v?\d+(\.\d+)?$/, '');
  if (FAMILY_ALIASES[stem]) return FAMILY_ALIASES[stem];
  if (GENERIC_STEMS.has(stem)) return undefined;
  return stem.length >= 2 && /^[a-z][a-z0-9-]*$/.test(stem) ? stem : undefined;
}

/** Alias keys long enough to be found at the start of a class name ("LlamaMedIT" → llama). */
const ALIAS_PREFIXES = Object.keys(FAMILY_ALIASES)
  .filter((key) => key.length >= 4 && /^[a-z0-9]+$/.test(key))
  .sort((a, b) => b.length - a.length);

/**
 * A transformers class name's family: "LlamaForCausalLM" → "llama", "Qwen2Model" → "qwen",
 * "ChatGLMModelM" → "chatglm"; a known family followed by a variant joined on ("LlamaMedIT",
 * "Phi3Small", "Qwen2VL") is that family.
 */
export function familyFromArchitecture(arch: string): string | undefined {
  const stem = arch.replace(/For[A-Z]\w*$/, '').replace(/(LMHeadModel|Model[A-Z]?)$/, '');
  if (!stem) return undefined;
  const key = stem.toLowerCase();
  if (FAMILY_ALIASES[key]) return FAMILY_ALIASES[key];
  const prefix = ALIAS_PREFIXES.find((p) => key.startsWith(p));
  if (prefix) return FAMILY_ALIASES[prefix];
  return normalizeFamily(stem);
}

/** A timm name's first word without its version or size: "hgnetv2" → "hgnet", "resnet50d" → "resnet", "dla102x2" → "dla". */
function timmStem(token: string): string {
  return /^([a-z]+?)(?:v\d+[a-z]?|\d[a-z0-9]*)?$/.exec(token)?.[1] ?? token;
}

/**
 * timm's config.architecture: "eva02_large_patch14_448" → "eva", "hgnetv2_b0" → "hgnet",
 * "tiny_vit_21m_224" → "tiny-vit", "dm_nfnet_f0" → "nfnet". A test network ("test_vit") is in the
 * family of the architecture it instantiates.
 */
export function familyFromTimmArchitecture(arch: string): string | undefined {
  const name = arch.toLowerCase().replace(/^test_/, '').replace(TIMM_PREFIXES, '');
  for (const [re, family] of TIMM_FAMILIES) if (re.test(name)) return family;
  const token = name.replace(TIMM_VARIANT_PREFIXES, '').split(/[_.]/)[0];
  if (!token) return undefined;
  const stem = timmStem(token);
  const known = FAMILY_ALIASES[token] ?? FAMILY_ALIASES[stem];
  if (known) return known;
  for (const [re, family] of NAME_PATTERNS) if (re.test(token)) return family;
  return normalizeFamily(stem);
}

function familyFromText(text: string): string | undefined {
  const t = text.toLowerCase();
  for (const [re, family] of NAME_PATTERNS) if (re.test(t)) return family;
  return undefined;
}

/** The architecture a config names: transformers' config.architectures[0] or timm's config.architecture. */
export function configArchitecture(config: unknown): string | undefined {
  if (!config || typeof config !== 'object') return undefined;
  const c = config as Record<string, unknown>;
  const arch = Array.isArray(c.architectures) ? c.architectures[0] : c.architecture;
  return typeof arch === 'string' && arch.trim() && arch.length <= 200 ? arch.trim() : undefined;
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
      if (f) return { family: f, source: 'architecture' };
    }
    if (typeof config.architecture === 'string') {
      const f = familyFromTimmArchitecture(config.architecture);
      if (f) return { family: f, source: 'architecture' };
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
