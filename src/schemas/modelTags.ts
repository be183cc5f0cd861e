// Tags with a meaning the explorer relies on: the Open LLM Leaderboard's model types and flags (set
// by the snapshot converter from its export) and the mark of a test network. Shared by the
// converters that write them, the query filters and the UI badges that read them.

export const MODEL_TAGS = {
  /** The leaderboard's model types, one per language model of the export. */
  types: ['pretrained', 'continuously-pretrained', 'fine-tuned', 'chat', 'merges-and-moerges', 'multimodal', 'other'],
  /** The leaderboard's flags. */
  merge: 'merge',
  moe: 'moe',
  flagged: 'flagged',
  officialProvider: 'official-provider',
  adapter: 'adapter',
  /** A network built to test a library (timm's `test_*`), not a model anyone trained to be used. */
  testModel: 'test-model',
} as const;

export type ModelTypeTag = (typeof MODEL_TAGS.types)[number];
