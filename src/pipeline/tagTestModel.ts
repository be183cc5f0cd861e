// Marks timm's test networks ("timm/test_vit.r160_in1k"): tiny models built to test the library,
// listed on the Hub and in timm's results like any other, but not models anyone trained to be used.
import { MODEL_TAGS } from '../schemas/modelTags.js';

/** The tags of a Hub record, with `test-model` added when it is one of timm's `test_*` networks. */
export function tagTestModel(id: string, tags: string[]): string[] {
  const slash = id.indexOf('/');
  const name = slash >= 0 ? id.slice(slash + 1) : id;
  if (!name.startsWith('test_') || tags.includes(MODEL_TAGS.testModel)) return tags;
  const timm = (slash >= 0 && id.slice(0, slash) === 'timm') || tags.includes('timm');
  return timm ? [...tags, MODEL_TAGS.testModel] : tags;
}
