// How model-zoo metafiles' words map to the app's: the zoos' task names → pipeline tags, dataset
// names → canonical benchmark ids, metric names → the metric registry. Data, not code paths: a new
// spelling is one line here (and data/README.md lists the tables).
import { lookupMetric, normalizeMetricKey, type MetricDefinition } from '../pipeline/metricRegistry.js';

/** Lower-case, straight quotes, single spaces: how task, dataset and metric names are looked up. */
export function normalizeName(raw: string): string {
  return raw.normalize('NFKC').replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** "Faster R-CNN" → "faster-r-cnn": ids for datasets and families that have no canonical one. */
export function slug(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.+]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface TaskMapping {
  /** The pipeline tag results of this task are listed under. */
  tag: string;
  /**
   * A model's pipeline tag is the tag of its highest-ranked task: an instance-segmentation model
   * also reports box AP, and is listed as a segmentation model (as the Hub lists such models).
   */
  rank: number;
  /** Written into dataset.config, for tasks that share a tag and a dataset but measure different things. */
  config?: string;
}

const task = (tag: string, rank = 1, config?: string): TaskMapping => ({ tag, rank, config });

/** The zoos' task names (normalized) → pipeline tags. Hub tags where one fits; kebab-case otherwise. */
export const TASKS: Readonly<Record<string, TaskMapping>> = {
  'object detection': task('object-detection'),
  'region proposal': task('object-detection'),
  'semi-supervised object detection': task('object-detection'),
  'instance segmentation': task('image-segmentation', 2),
  'panoptic segmentation': task('image-segmentation', 2),
  'semantic segmentation': task('image-segmentation', 2),
  'multiple object tracking': task('object-tracking', 3),
  'multi-object tracking': task('object-tracking', 3),
  'video instance segmentation': task('video-instance-segmentation', 3),
  'image classification': task('image-classification'),
  'multi-label classification': task('image-classification'),
  'image retrieval': task('image-feature-extraction'),
  'image caption': task('image-to-text'),
  'image captioning': task('image-to-text'),
  'visual question answering': task('visual-question-answering'),
  'visual grounding': task('visual-grounding'),
  nlvr: task('visual-reasoning'),
  // One model reports both directions on the same dataset and metric: the direction is the config.
  'image-to-text retrieval': task('image-text-retrieval', 1, 'image-to-text'),
  'text-to-image retrieval': task('image-text-retrieval', 1, 'text-to-image'),
  'depth estimation': task('depth-estimation'),
  'animal 2d keypoint': task('keypoint-detection'),
  'body 2d keypoint': task('keypoint-detection'),
  'face 2d keypoint': task('keypoint-detection'),
  'fashion 2d keypoint': task('keypoint-detection'),
  'hand 2d keypoint': task('keypoint-detection'),
  'wholebody 2d keypoint': task('keypoint-detection'),
  'body 3d keypoint': task('keypoint-detection-3d'),
  'hand 3d keypoint': task('keypoint-detection-3d'),
  'action recognition': task('video-classification'),
  'skeleton-based action recognition': task('skeleton-action-recognition'),
  'action detection': task('video-action-detection'),
  'spatio-temporal action detection': task('video-action-detection'),
  'temporal action localization': task('temporal-action-localization'),
  'video retrieval': task('video-text-retrieval'),
};

export function mapTask(raw: string): TaskMapping | undefined {
  return TASKS[normalizeName(raw)];
}

export interface DatasetMapping {
  /** Canonical benchmark id (dataset.type). */
  type: string;
  /** Display name (dataset.name): one per benchmark variant, so spellings of one set fold together. */
  name: string;
  config?: string;
  split?: string;
}

const ds = (type: string, name: string, config?: string, split?: string): DatasetMapping => ({ type, name, config, split });

/** Dataset names as the zoos write them (normalized) → canonical benchmark ids. */
export const DATASETS: Readonly<Record<string, DatasetMapping>> = {
  // detection, segmentation, tracking
  coco: ds('coco', 'COCO'),
  crowdhuman: ds('crowdhuman', 'CrowdHuman'),
  'lvis v0.5': ds('lvis', 'LVIS v0.5', 'v0.5'),
  'lvis v1': ds('lvis', 'LVIS v1', 'v1'),
  'open images v6': ds('open-images', 'Open Images v6', 'v6'),
  'open images challenge 2019w': ds('open-images', 'Open Images Challenge 2019', 'challenge-2019'),
  'mot17-half-val': ds('mot17', 'MOT17 (half val)', undefined, 'half-val'),
  'mot17-test': ds('mot17', 'MOT17 (test)', undefined, 'test'),
  mot17: ds('mot17', 'MOT17'),
  'mot20-test': ds('mot20', 'MOT20 (test)', undefined, 'test'),
  tao: ds('tao', 'TAO'),
  'youtube-vis 2021': ds('youtube-vis', 'YouTube-VIS 2021', '2021'),
  cityscapes: ds('cityscapes', 'Cityscapes'),
  ade20k: ds('ade20k', 'ADE20K'),
  'pascal voc 2012 + aug': ds('pascal-voc', 'Pascal VOC 2012 + Aug', '2012-aug'),
  'pascal voc 2007': ds('pascal-voc', 'PASCAL VOC 2007', '2007'),
  'pascal context': ds('pascal-context', 'Pascal Context'),
  'pascal context 59': ds('pascal-context', 'Pascal Context 59', '59'),
  'coco-stuff 164k': ds('coco-stuff', 'COCO-Stuff 164k', '164k'),
  'coco-stuff 10k': ds('coco-stuff', 'COCO-Stuff 10k', '10k'),
  loveda: ds('loveda', 'LoveDA'),
  potsdam: ds('isprs-potsdam', 'Potsdam'),
  vaihingen: ds('isprs-vaihingen', 'Vaihingen'),
  isaid: ds('isaid', 'iSAID'),
  'mapillary vistas v1.2': ds('mapillary-vistas', 'Mapillary Vistas v1.2', 'v1.2'),
  drive: ds('drive', 'DRIVE'),
  stare: ds('stare', 'STARE'),
  chase_db1: ds('chase-db1', 'CHASE_DB1'),
  hrf: ds('hrf', 'HRF'),
  nyu: ds('nyu-depth-v2', 'NYU Depth V2'),
  // classification, multimodal
  'imagenet-1k': ds('imagenet-1k', 'ImageNet-1k'),
  'cifar-10': ds('cifar-10', 'CIFAR-10'),
  cifar10: ds('cifar-10', 'CIFAR-10'),
  'cifar-100': ds('cifar-100', 'CIFAR-100'),
  cifar100: ds('cifar-100', 'CIFAR-100'),
  'cub-200-2011': ds('cub-200-2011', 'CUB-200-2011'),
  inshop: ds('deepfashion-inshop', 'DeepFashion In-shop'),
  refcoco: ds('refcoco', 'RefCOCO'),
  vqav2: ds('vqav2', 'VQAv2'),
  nlvr2: ds('nlvr2', 'NLVR2'),
  // keypoints
  'ap-10k': ds('ap-10k', 'AP-10K'),
  animalkingdom: ds('animal-kingdom', 'Animal Kingdom'),
  'animal-pose': ds('animal-pose', 'Animal-Pose'),
  'desert locust': ds('desert-locust', 'Desert Locust'),
  "grévy's zebra": ds('grevys-zebra', "Grévy's Zebra"),
  crowdpose: ds('crowdpose', 'CrowdPose'),
  body8: ds('body8', 'Body8'),
  'human-art': ds('human-art', 'Human-Art'),
  'human-art(gt)': ds('human-art', 'Human-Art (ground-truth boxes)', 'gt-boxes'),
  mpii: ds('mpii', 'MPII'),
  'ai challenger': ds('ai-challenger', 'AI Challenger'),
  exlpose: ds('exlpose', 'ExLPose'),
  jhmdb: ds('jhmdb', 'JHMDB'),
  posetrack18: ds('posetrack18', 'PoseTrack18'),
  'human3.6m': ds('human3.6m', 'Human3.6M'),
  'human3.6m (motionbert)': ds('human3.6m', 'Human3.6M (MotionBERT protocol)', 'motionbert'),
  'coco-wholebody': ds('coco-wholebody', 'COCO-WholeBody'),
  'coco-wholebody-face': ds('coco-wholebody', 'COCO-WholeBody-Face', 'face'),
  'coco-wholebody-hand': ds('coco-wholebody', 'COCO-WholeBody-Hand', 'hand'),
  face6: ds('face6', 'Face6'),
  hand5: ds('hand5', 'Hand5'),
  wflw: ds('wflw', 'WFLW'),
  '300w': ds('300w', '300W'),
  '300w-lp': ds('300w-lp', '300W-LP'),
  aflw: ds('aflw', 'AFLW'),
  cofw: ds('cofw', 'COFW'),
  deepfashion: ds('deepfashion', 'DeepFashion'),
  deepfashion2: ds('deepfashion2', 'DeepFashion2'),
  freihand: ds('freihand', 'FreiHAND'),
  onehand10k: ds('onehand10k', 'OneHand10K'),
  rhd: ds('rhd', 'RHD'),
  'interhand2.6m (h+m)': ds('interhand2.6m', 'InterHand2.6M (H+M)', 'h+m'),
  'interhand2.6m (m)': ds('interhand2.6m', 'InterHand2.6M (M)', 'm'),
  // video
  'kinetics-400': ds('kinetics-400', 'Kinetics-400'),
  kinetic400: ds('kinetics-400', 'Kinetics-400'),
  'kinetics-600': ds('kinetics-600', 'Kinetics-600'),
  'kinetics-700': ds('kinetics-700', 'Kinetics-700'),
  'kinetics-710': ds('kinetics-710', 'Kinetics-710'),
  sthv1: ds('something-something-v1', 'Something-Something V1'),
  sthv2: ds('something-something-v2', 'Something-Something V2'),
  ucf101: ds('ucf101', 'UCF101'),
  hmdb51: ds('hmdb51', 'HMDB51'),
  'moments in time v1': ds('moments-in-time', 'Moments in Time V1', 'v1'),
  'activitynet v1.3': ds('activitynet', 'ActivityNet v1.3', 'v1.3'),
  msrvtt: ds('msr-vtt', 'MSR-VTT'),
  'ava v2.1': ds('ava', 'AVA v2.1', 'v2.1'),
  'ava v2.2': ds('ava', 'AVA v2.2', 'v2.2'),
  multisports: ds('multisports', 'MultiSports'),
  finegym: ds('finegym', 'FineGYM'),
  'ntu60-xsub': ds('ntu-rgbd-60', 'NTU60 XSub', 'xsub'),
  'ntu60-xsub-2d': ds('ntu-rgbd-60', 'NTU60 XSub (2D skeleton)', 'xsub-2d'),
  'ntu60-xsub-3d': ds('ntu-rgbd-60', 'NTU60 XSub (3D skeleton)', 'xsub-3d'),
  'ntu120-xsub-2d': ds('ntu-rgbd-120', 'NTU120 XSub (2D skeleton)', 'xsub-2d'),
  'ntu120-xsub-3d': ds('ntu-rgbd-120', 'NTU120 XSub (3D skeleton)', 'xsub-3d'),
};

export function mapDataset(raw: string): DatasetMapping | undefined {
  return DATASETS[normalizeName(raw)];
}

/**
 * A "dataset" that is a leaked markdown heading ("# HRNet backbone", in mmsegmentation's ocrnet
 * metafile) is no dataset name; the model's own name says which set it was evaluated on when it
 * names exactly one known set as a token ("ocrnet_hr18_4xb2-40k_cityscapes-512x1024").
 */
export function datasetFromModelName(modelName: string): DatasetMapping | undefined {
  const tokens = new Set(modelName.toLowerCase().split(/[_\-.]+/));
  const found = new Map<string, DatasetMapping>();
  for (const [key, mapping] of Object.entries(DATASETS)) {
    if (/^[a-z0-9]+$/.test(key) && key.length >= 4 && tokens.has(key)) found.set(mapping.name, mapping);
  }
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/** Splits written into a metric's name: "Accuracy (testA)", "NME pose", "MPJPE-single". */
const SPLIT_IN_NAME: readonly RegExp[] = [
  /^(?<metric>.+?)\s*\((?<split>testA|testB|val|test|test-dev|minival|dev)\)$/i,
  /^(?<metric>NME) (?<split>[a-z]+)$/i,
  /^(?<metric>MPJPE)-(?<split>all|interacting|single)$/i,
];

export function splitFromMetricName(raw: string): { metric: string; split?: string } {
  const name = raw.trim();
  for (const re of SPLIT_IN_NAME) {
    const m = re.exec(name);
    if (m?.groups) return { metric: m.groups.metric, split: m.groups.split };
  }
  return { metric: name };
}

/** Metric names whose meaning depends on the task: "AUC" of PCK in keypoints, of AR-AN in localization. */
const METRICS_BY_TASK: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'keypoint-detection': { auc: 'pck_auc', mean: 'pck_mean', 'mean@0.1': 'pck_mean@0.1' },
  'temporal-action-localization': { auc: 'ar_an_auc' },
};

/** Spellings the zoos use for registry metrics that the registry does not list. */
const METRIC_SPELLINGS: Readonly<Record<string, string>> = {
  'ap@0.5': 'map@0.5',
  'ap@0.75': 'map@0.75',
  'body ap': 'body_ap',
  'body ar': 'body_ar',
  'foot ap': 'foot_ap',
  'foot ar': 'foot_ar',
  'face ap': 'face_ap',
  'face ar': 'face_ar',
  'hand ap': 'hand_ap',
  'hand ar': 'hand_ar',
  'whole ap': 'whole-body_ap',
  'whole ar': 'whole-body_ar',
};

/** The registry entry for a metafile metric name in a task, or undefined (it passes through, counted). */
export function mapMetric(raw: string, taskTag: string): MetricDefinition | undefined {
  const key = normalizeName(raw);
  const id = METRICS_BY_TASK[taskTag]?.[key] ?? METRIC_SPELLINGS[key];
  if (id) return lookupMetric(id);
  // Per-joint columns ("Head", "Sho", "Wri", …) and other bare words are not registry metrics.
  return lookupMetric(normalizeMetricKey(raw));
}
