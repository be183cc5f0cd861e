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
      ) : (
        <span className="badge card" title="From the model card's model-index on the Hugging Face Hub">
          model card
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
      {detailed && result.snapshot_file && (
        <span className="muted small">
          <code>{result.snapshot_file}</code>
          {result.snapshot_date ? `, data of ${formatDate(result.snapshot_date)}` : ''}
        </span>
      )}
    </span>
  );
}
