// Where a value came from, in words: model card or snapshot file, verified or not, synthetic never hidden.
import type { EvaluationResult } from '../../../src/schemas/benchmarkSchemas';
import { formatDate } from '../lib/format';

export function SyntheticBadge() {
  return (
    <span className="badge synthetic" title="Generated on request to fill a gap. Not a measurement.">
      synthetic
    </span>
  );
}

/** The Hub page of a result's open pull request, when the model is a Hub repo. */
export function pullRequestUrl(modelId: string, pr: number): string {
  return `https://huggingface.co/${modelId}/discussions/${pr}`;
}

/**
 * The compact marks a leaderboard row carries for its ranking result: verified, community (an open
 * pull request, linked), and a link to the source the value was published with.
 */
export function ResultMarks({ result, modelId }: { result: EvaluationResult | undefined; modelId: string }) {
  if (!result || result.source === 'synthetic') return null;
  return (
    <>
      {result.verified && (
        <span className="badge verified" data-testid="badge-verified" title="Verified on the Hub (an auditable run with a valid verify token, or a verified metric)">
          verified
        </span>
      )}
      {result.community && (
        <a
          className="badge community"
          data-testid="badge-community"
          href={result.pull_request ? pullRequestUrl(modelId, result.pull_request) : undefined}
          target="_blank"
          rel="noopener noreferrer"
          title="Community result: proposed by an open pull request on the model repo, not merged by its authors"
        >
          community{result.pull_request ? ` · PR #${result.pull_request}` : ''}
        </a>
      )}
      {/* Hub results link where they were published; snapshot and zoo rows name their file on the model page. */}
      {(result.source === 'community-evals' || result.source === 'model-card') && result.source_url && /^https?:\/\//i.test(result.source_url) && (
        <a className="badge source" data-testid="badge-source" href={result.source_url} target="_blank" rel="noopener noreferrer" title={`Source: ${result.source_name ?? result.source_url}`}>
          source ↗
        </a>
      )}
    </>
  );
}

/** Source kind, verification and a link to the publisher; snapshot and model-zoo results also name their file and date. */
export function ProvenanceBadges({ result, detailed = false }: { result: EvaluationResult; detailed?: boolean }) {
  if (result.source === 'synthetic') {
    return (
      <span className="prov">
        <SyntheticBadge />
        {detailed && <span className="muted small">invented to fill a gap; not measured</span>}
      </span>
    );
  }
  const publisher = result.source_name ? (
    result.source_url ? (
      <a href={result.source_url} target="_blank" rel="noopener noreferrer">
        {result.source_name}
      </a>
    ) : (
      <span>{result.source_name}</span>
    )
  ) : null;
  return (
    <span className="prov">
      {result.source === 'snapshot' ? (
        <span className="badge snapshot" title="From a bundled snapshot of a public results file">
          snapshot
        </span>
      ) : result.source === 'model-zoo' ? (
        <span className="badge snapshot" title="From a model zoo's published metafile (results table)">
          model zoo
        </span>
      ) : result.source === 'community-evals' ? (
        <span className="badge card" title="From the Hub's Community Evals (an .eval_results file of the model repo, or its benchmark leaderboard)">
          Community Evals
        </span>
      ) : (
        <span className="badge card" title="From the model card's model-index on the Hugging Face Hub">
          model card
        </span>
      )}
      {result.community && (
        <span className="badge community" title="Proposed by an open pull request on the model repo, not merged by its authors">
          community{result.pull_request ? ` · PR #${result.pull_request}` : ''}
        </span>
      )}
      {result.verified ? (
        <span className="badge verified" title="Marked verified on the Hub">
          verified
        </span>
      ) : result.source === 'model-card' ? (
        <span className="badge" title="Reported in the model card; not verified by the Hub">
          self-reported
        </span>
      ) : (
        <span className="badge" title="Published by the source below; not verified on the Hub">
          not Hub-verified
        </span>
      )}
      {detailed && publisher}
      {detailed && result.notes && <span className="muted small">setup: {result.notes}</span>}
      {detailed && result.eval_file && (
        <span className="muted small">
          <code>{result.eval_file}</code>
          {result.eval_date ? `, evaluated ${formatDate(result.eval_date)}` : ''}
        </span>
      )}
      {detailed && result.other_sources?.some((o) => o.source === 'community-evals') && result.source !== 'community-evals' && (
        <span className="muted small">also in Community Evals</span>
      )}
      {detailed && result.snapshot_file && (
        <span className="muted small">
          <code>{result.snapshot_file}</code>
          {result.snapshot_date ? `, data of ${formatDate(result.snapshot_date)}` : ''}
        </span>
      )}
    </span>
  );
}
