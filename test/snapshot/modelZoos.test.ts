import { describe, expect, it } from 'vitest';
import { identifyZoo } from '../../src/snapshot/modelZoos.js';

const file = (text: string) => ({ path: 'metafile.yml', text });

describe('identifyZoo', () => {
  it('uses the zoo it is given, with a known zoo\'s name and repository', () => {
    expect(identifyZoo([file('Models: []')], { zoo: 'openmmlab/mmdet', fallbackName: 'x' })).toEqual({
      id: 'openmmlab/mmdet', name: 'OpenMMLab MMDetection model zoo (imported metafiles)', library: 'mmdet', repoUrl: 'https://github.com/open-mmlab/mmdetection',
    });
    expect(identifyZoo([file('Models: []')], { zoo: 'My-Lab/Zoo', fallbackName: 'x' })).toEqual({ id: 'my-lab/zoo', name: 'my-lab/zoo model zoo (imported metafiles)' });
  });

  it('recognises an OpenMMLab zoo by where its weights are, even when code links point at other repositories', () => {
    const text = [
      'Weights: https://download.openmmlab.com/mmclassification/v0/resnet/resnet50.pth',
      'Code: https://github.com/google-research/vision_transformer',
      'Code: https://github.com/google-research/vision_transformer',
    ].join('\n');
    expect(identifyZoo([file(text)], { fallbackName: 'x' }).id).toBe('openmmlab/mmpretrain');
  });

  it('names an unknown zoo after the GitHub repository its files point at most, else after the folder', () => {
    const text = 'Code: https://github.com/Example-Lab/lab-zoo/blob/v1/x.py\nPaper: https://github.com/other/repo';
    expect(identifyZoo([file(text), file('URL: https://github.com/example-lab/lab-zoo')], { fallbackName: 'x' })).toMatchObject({ id: 'example-lab/lab-zoo', repoUrl: 'https://github.com/example-lab/lab-zoo' });
    expect(identifyZoo([file('Models: []')], { fallbackName: 'My Zoo.yml' }).id).toBe('local/my-zoo');
  });
});
