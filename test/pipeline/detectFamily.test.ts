import { describe, expect, it } from 'vitest';
import { detectFamily, familyFromArchitecture, familyFromTimmArchitecture, normalizeFamily } from '../../src/pipeline/detectFamily.js';
import { bundledSnapshotPath } from '../../src/snapshot/bundledSnapshotPath.js';
import { readSnapshotFile } from '../../src/snapshot/readSnapshotFile.js';

describe('detectFamily', () => {
  it('uses config.model_type first and says it came from the config', () => {
    expect(detectFamily({ id: 'org/my-bert-finetune', config: { model_type: 'qwen2' } })).toEqual({ family: 'qwen', source: 'config' });
  });

  it.each([
    ['LlamaForCausalLM', 'llama'],
    ['Qwen2ForCausalLM', 'qwen'],
    ['GPTNeoXForCausalLM', 'gpt-neox'],
    ['Gemma2ForCausalLM', 'gemma'],
    ['Phi3ForCausalLM', 'phi'],
    ['MixtralForCausalLM', 'mixtral'],
    ['GPT2LMHeadModel', 'gpt2'],
    ['RWForCausalLM', 'falcon'],
  ])('reads the family from architecture %s and says it came from the architecture', (arch, family) => {
    expect(detectFamily({ id: 'org/x', config: { architectures: [arch] } })).toEqual({ family, source: 'architecture' });
  });

  it('says "architecture" when a fine-tune of another lineage is built on Llama (01-ai/Yi-1.5-34B)', () => {
    expect(detectFamily({ id: '01-ai/Yi-1.5-34B', config: { architectures: ['LlamaForCausalLM'] } })).toEqual({ family: 'llama', source: 'architecture' });
  });

  it.each([
    ['eva02_large_patch14_448', 'eva'],
    ['resnet50', 'resnet'],
    ['tf_efficientnet_b0', 'efficientnet'],
    ['vit_base_patch16_224', 'vit'],
    ['convnextv2_huge', 'convnext'],
  ])('reads timm architecture %s as %s', (architecture, family) => {
    expect(detectFamily({ id: `timm/${architecture}.x`, config: { architecture } })).toEqual({ family, source: 'architecture' });
  });

  // Each of these came out as a truncated or meaningless token before (the family in the comment).
  it.each([
    ['timm/hgnetv2_b0.ssld_stage1_in22k_in1k', 'hgnetv2_b0', 'hgnet'], // hgnetv
    ['timm/mobilevitv2_050.cvnets_in1k', 'mobilevitv2_050', 'mobilevit'], // mobilevitv
    ['timm/poolformerv2_m36.sail_in1k', 'poolformerv2_m36', 'poolformer'], // poolformerv
    ['timm/efficientformerv2_l.snap_dist_in1k', 'efficientformerv2_l', 'efficientformer'], // efficientformerv
    ['timm/ghostnetv2_100.in1k', 'ghostnetv2_100', 'ghostnet'], // ghostnetv
    ['timm/mvitv2_base.fb_in1k', 'mvitv2_base', 'mvit'], // mvitv
    ['timm/maxxvitv2_nano_rw_256.sw_in1k', 'maxxvitv2_nano_rw_256', 'maxxvit'], // maxxvitv
    ['timm/fbnetv3_b.ra2_in1k', 'fbnetv3_b', 'fbnet'], // fbnetv
    ['timm/fbnetc_100.rmsp_in1k', 'fbnetc_100', 'fbnet'], // fbnetc
    ['timm/tiny_vit_11m_224.in1k', 'tiny_vit_11m_224', 'tiny-vit'], // tiny
    ['timm/inception_next_tiny.sail_in1k', 'inception_next_tiny', 'inception-next'], // inception
    ['timm/dm_nfnet_f0.dm_in1k', 'dm_nfnet_f0', 'nfnet'], // dm
    ['timm/eca_nfnet_l0.ra2_in1k', 'eca_nfnet_l0', 'nfnet'], // eca
    ['timm/nf_resnet50.ra2_in1k', 'nf_resnet50', 'nfnet'], // nf
    ['timm/eca_halonext26ts.c1_in1k', 'eca_halonext26ts', 'halonet'], // eca
    ['timm/eca_botnext26ts_256.c1_in1k', 'eca_botnext26ts_256', 'botnet'], // eca
    ['timm/eca_resnext26ts.ch_in1k', 'eca_resnext26ts', 'resnext'], // eca
    ['timm/halo2botnet50ts_256.a1h_in1k', 'halo2botnet50ts_256', 'halonet'], // halo2botnet50ts
    ['timm/lamhalobotnet50ts_256.a1h_in1k', 'lamhalobotnet50ts_256', 'halonet'], // lamhalobotnet50ts
    ['timm/sebotnet33ts_256.a1h_in1k', 'sebotnet33ts_256', 'botnet'], // sebotnet33ts
    ['timm/wide_resnet50_2.racm_in1k', 'wide_resnet50_2', 'resnet'], // wide
    ['timm/bat_resnext26ts.ch_in1k', 'bat_resnext26ts', 'resnext'], // bat
    ['timm/gc_efficientnetv2_rw_t.agc_in1k', 'gc_efficientnetv2_rw_t', 'efficientnet'], // gc
    ['timm/ese_vovnet19b_dw.ra_in1k', 'ese_vovnet19b_dw', 'vovnet'], // ese
    ['timm/cs3darknet_focus_l.c2ns_in1k', 'cs3darknet_focus_l', 'cspnet'], // cs3darknet
    ['timm/cs3se_edgenet_x.c2ns_in1k', 'cs3se_edgenet_x', 'cspnet'], // cs3se
    ['timm/darknetaa53.c2ns_in1k', 'darknetaa53', 'darknet'], // darknetaa
    ['timm/densenetblur121d.ra_in1k', 'densenetblur121d', 'densenet'], // densenetblur
    ['timm/dla102x2.in1k', 'dla102x2', 'dla'], // dla102x
    ['timm/lambda_resnet26t.c1_in1k', 'lambda_resnet26t', 'lambda-resnet'], // lambda
    ['timm/mixer_b16_224.goog_in21k_ft_in1k', 'mixer_b16_224', 'mlp-mixer'], // mixer
    ['timm/gmixer_24_224.ra3_in1k', 'gmixer_24_224', 'mlp-mixer'], // gmixer
    ['timm/nasnetalarge.tf_in1k', 'nasnetalarge', 'nasnet'], // nasnetalarge
    ['timm/pnasnet5large.tf_in1k', 'pnasnet5large', 'nasnet'], // pnasnet5large
    ['timm/res2next50.in1k', 'res2next50', 'res2net'], // res2next
    ['timm/rexnetr_200.sw_in12k_ft_in1k', 'rexnetr_200', 'rexnet'], // rexnetr
    ['timm/semnasnet_075.rmsp_in1k', 'semnasnet_075', 'mnasnet'], // semnasnet
    ['timm/coatnext_nano_rw_224.sw_in1k', 'coatnext_nano_rw_224', 'coatnet'], // coatnext
    ['timm/test_vit.r160_in1k', 'test_vit', 'vit'], // test
    ['timm/test_byobnet.r160_in1k', 'test_byobnet', 'byobnet'], // test
  ])('reads %s as a real family name', (id, architecture, family) => {
    expect(detectFamily({ id, config: { architecture } })).toEqual({ family, source: 'architecture' });
  });

  it.each([
    ['THUDM/glm-4-9b', 'ChatGLMModelM', 'chatglm'], // chatglmmodelm
    ['meditsolutions/Llama-3.2-SUN-1B-Instruct', 'LlamaMedITForCausalLM', 'llama'], // llamamedit
    ['microsoft/Phi-3-small-8k-instruct', 'Phi3SmallForCausalLM', 'phi'], // phi3small
    ['Qwen/Qwen2-VL-7B-Instruct', 'Qwen2VLForConditionalGeneration', 'qwen'], // qwen2vl
    ['Bllossom/llama-3.2-Korean-Bllossom-AICA-5B', 'MllamaForConditionalGeneration', 'llama'], // mllama
    ['tiiuae/falcon-mamba-7b', 'FalconMambaForCausalLM', 'falcon'], // falconmamba
    ['allenai/OLMoE-1B-7B-0924', 'OlmoeForCausalLM', 'olmo'], // olmoe
    ['google/switch-base-8', 'SwitchTransformersForConditionalGeneration', 'switch-transformers'], // switchtransformers
  ])('reads %s (%s) as %s', (id, arch, family) => {
    expect(detectFamily({ id, config: { architectures: [arch] } })).toEqual({ family, source: 'architecture' });
  });

  it('passes over an architecture that names no family (kaist-ai/janus-rm-7b: LLMForSequenceRegression)', () => {
    expect(detectFamily({ id: 'kaist-ai/janus-rm-7b', config: { architectures: ['LLMForSequenceRegression'] } })).toEqual({ family: 'other', source: 'unknown' });
    expect(detectFamily({ id: 'org/mistral-rm', config: { architectures: ['LLMForSequenceRegression'] } })).toEqual({ family: 'mistral', source: 'name' });
  });

  it('uses a family tag when config says nothing', () => {
    expect(detectFamily({ id: 'org/something', tags: ['license:mit', 'whisper', 'pytorch'] })).toEqual({ family: 'whisper', source: 'tags' });
  });

  it.each([
    ['distilbert-base-uncased', 'distilbert'],
    ['FacebookAI/roberta-large', 'roberta'],
    ['google/flan-t5-base', 't5'],
    ['mistralai/Mixtral-8x7B-v0.1', 'mixtral'],
    ['microsoft/phi-2', 'phi'],
    ['openai/whisper-large-v3', 'whisper'],
  ])('falls back to the name for %s', (id, family) => {
    expect(detectFamily({ id })).toEqual({ family, source: 'name' });
  });

  it('says "other" when nothing is known', () => {
    expect(detectFamily({ id: 'org/mystery-model' })).toEqual({ family: 'other', source: 'unknown' });
  });

  it('keeps a new model_type as its own family (open set)', () => {
    expect(detectFamily({ id: 'org/x', config: { model_type: 'brandnewarch' } })).toEqual({ family: 'brandnewarch', source: 'config' });
  });

  it('gives every model of the bundled snapshot a family that is a name, not a fragment', async () => {
    const { models } = await readSnapshotFile(bundledSnapshotPath());
    const families = new Set(models.map((m) => detectFamily({ id: m.id, config: m.config, tags: m.tags as string[] }).family));
    // The fragments the rules used to produce from this snapshot.
    for (const fragment of ['hgnetv', 'mobilevitv', 'poolformerv', 'tiny', 'chatglmmodelm', 'llamamedit', 'test', 'dm', 'eca', 'nf', 'gc', 'wide', 'bat', 'ese', 'llm', 'lambda', 'mixer', 'cs3se']) {
      expect(families.has(fragment), fragment).toBe(false);
    }
    // No family ends in a bare version marker ("…v") or a digit-letter tail ("dla102x"). Names whose
    // own spelling ends that way are real: 2D/3D networks of the model zoos (C3D, I3D, X3D, R(2+1)D,
    // PoseC3D, VideoPose3D, SimpleBaseline2D/3D) and SwAV.
    const real = ['gpt2', 't5', 'rwkv', 'swav'];
    expect([...families].filter((f) => /v$|\d[a-z]?$/.test(f) && !/\dd$/.test(f) && !real.includes(f))).toEqual([]);
  });
});

describe('familyFromArchitecture', () => {
  it('strips the task head and the Model suffix', () => {
    expect(familyFromArchitecture('ChatGLMModel')).toBe('chatglm');
    expect(familyFromArchitecture('Qwen2Model')).toBe('qwen');
    expect(familyFromArchitecture('OpenLMModel')).toBe('openlm');
  });
});

describe('familyFromTimmArchitecture', () => {
  it('keeps tinynet and tiny_vit apart', () => {
    expect(familyFromTimmArchitecture('tinynet_a')).toBe('tinynet');
    expect(familyFromTimmArchitecture('tiny_vit_21m_224')).toBe('tiny-vit');
  });
});

describe('normalizeFamily', () => {
  it('folds version suffixes and separators', () => {
    expect(normalizeFamily('deberta-v2')).toBe('deberta');
    expect(normalizeFamily('qwen2_moe')).toBe('qwen');
    expect(normalizeFamily('xlm_roberta')).toBe('xlm-roberta');
  });

  it('reads a known family followed by a variant as that family', () => {
    expect(normalizeFamily('qwen2_vl')).toBe('qwen');
    expect(normalizeFamily('xlm-roberta-xl')).toBe('xlm-roberta');
  });

  it('refuses stems that name no family', () => {
    expect(normalizeFamily('llm')).toBeUndefined();
    expect(normalizeFamily('speecht5')).toBe('speecht5');
  });
});
