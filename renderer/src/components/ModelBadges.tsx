// Marks on a model wherever it is listed: the Open LLM Leaderboard flagged it, or it is a test network.
import { MODEL_TAGS } from '../../../src/schemas/modelTags';

export const FLAGGED_TEXT =
  'The Open LLM Leaderboard flagged this model (its maintainers marked it after a report, for example of contaminated training data or a faulty submission). Treat its scores with care.';
export const TEST_MODEL_TEXT = 'A tiny network built to test the timm library (timm/test_*), not a model trained to be used: its scores say nothing about a real architecture.';

export function FlaggedBadge() {
  return (
    <span className="badge flagged" title={FLAGGED_TEXT} data-badge="flagged">
      flagged
    </span>
  );
}

export function TestModelBadge() {
  return (
    <span className="badge test-model" title={TEST_MODEL_TEXT} data-badge="test-model">
      test model
    </span>
  );
}

/** The badges a model's tags call for; nothing when none applies. */
export function ModelBadges({ tags }: { tags: readonly string[] }) {
  const flagged = tags.includes(MODEL_TAGS.flagged);
  const test = tags.includes(MODEL_TAGS.testModel);
  if (!flagged && !test) return null;
  return (
    <>
      {flagged && <FlaggedBadge />}
      {test && <TestModelBadge />}
    </>
  );
}
