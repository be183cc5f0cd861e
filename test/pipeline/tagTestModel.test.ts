import { describe, expect, it } from 'vitest';
import { tagTestModel } from '../../src/pipeline/tagTestModel.js';

describe('tagTestModel', () => {
  it('adds test-model when a timm repo is named test_*', () => {
    expect(tagTestModel('timm/test_vit.r160_in1k', ['timm', 'image-classification'])).toEqual(['timm', 'image-classification', 'test-model']);
    expect(tagTestModel('timm/test_convnext2.r160_in1k', [])).toEqual(['test-model']);
  });

  it('adds test-model when a test_* repo of another org carries the timm tag', () => {
    expect(tagTestModel('someone/test_resnet.r160_in1k', ['timm', 'pytorch'])).toEqual(['timm', 'pytorch', 'test-model']);
  });

  it('leaves the tags alone when the model is no timm test network or is tagged already', () => {
    const tags = ['timm'];
    expect(tagTestModel('timm/vit_base_patch16_224.augreg_in1k', tags)).toBe(tags);
    expect(tagTestModel('someone/test_model', ['transformers'])).toEqual(['transformers']);
    expect(tagTestModel('timm/latest_vit', ['timm'])).toEqual(['timm']);
    expect(tagTestModel('timm/test_vit.r160_in1k', ['timm', 'test-model'])).toEqual(['timm', 'test-model']);
  });
});
