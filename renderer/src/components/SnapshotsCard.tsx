// Snapshots on the status page: export the current dataset as one file, import one (checked by the
// server before anything changes), with the steps, the outcome and any problem in words.
import { TRPCClientError } from '@trpc/client';
import { useRef, useState, type ChangeEvent } from 'react';
import { useSnapshotTransfer } from '../lib/api';
import { downloadFile } from '../lib/downloadFile';
import { formatCount } from '../lib/format';
import { canCompress, formatBytes, gzipText, modelCountOf, parseSnapshotText, readSnapshotText, SnapshotReadError, snapshotFileName } from '../lib/snapshotFile';
import { BusyStep, describeError } from './Feedback';

type Action = 'export' | 'import';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; action: Action; step: string }
  | { kind: 'done'; action: Action; message: string; note?: string }
  | { kind: 'failed'; action: Action; message: string; note: string };

/** Whether a failed import certainly left the data as it was: refused by the server, or never sent. */
function leftDataUntouched(error: unknown): boolean {
  if (error instanceof SnapshotReadError) return true;
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    return status !== undefined && status >= 400 && status < 500;
  }
  return false;
}

export function SnapshotsCard({ refreshing }: { refreshing: boolean }) {
  const { exportSnapshot, importSnapshot } = useSnapshotTransfer();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const busy = state.kind === 'busy';

  async function onExport() {
    setState({ kind: 'busy', action: 'export', step: 'Preparing the snapshot…' });
    try {
      const snapshot = await exportSnapshot();
      const text = JSON.stringify(snapshot);
      const gzipped = canCompress();
      const name = snapshotFileName(new Date(), gzipped);
      let size: number;
      if (gzipped) {
        setState({ kind: 'busy', action: 'export', step: 'Compressing…' });
        const blob = await gzipText(text);
        size = blob.size;
        downloadFile(name, blob, 'application/gzip');
      } else {
        size = new Blob([text]).size;
        downloadFile(name, text, 'application/json');
      }
      setState({
        kind: 'done',
        action: 'export',
        message: `Exported ${name}: ${formatCount(snapshot.models.length)} models, ${formatBytes(size)}.`,
        note: [
          snapshot.origin === 'bundled' ? '' : 'It holds the fetched or imported data; the bundled snapshot every copy of the app has is not repeated in it.',
          gzipped ? '' : 'This browser cannot compress files, so the file is plain JSON.',
        ].filter(Boolean).join(' ') || undefined,
      });
    } catch (error) {
      setState({ kind: 'failed', action: 'export', message: `Could not export a snapshot: ${describeError(error)}`, note: 'Nothing was saved.' });
    }
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    // Cleared at once, so choosing the same file again (after fixing it) is noticed.
    e.target.value = '';
    if (!file) return;
    setState({ kind: 'busy', action: 'import', step: `Reading ${file.name}…` });
    try {
      const data = parseSnapshotText(await readSnapshotText(file));
      setState({ kind: 'busy', action: 'import', step: 'Validating…' });
      const status = await importSnapshot(data);
      setState({
        kind: 'done',
        action: 'import',
        message: `Imported ${formatCount(modelCountOf(data))} models; now serving ${formatCount(status.data_count)} models.`,
        note: 'The bundled snapshot stays underneath: models the file does not hold are still served from it.',
      });
    } catch (error) {
      setState({
        kind: 'failed',
        action: 'import',
        message: `Could not import ${file.name}: ${describeError(error)}`,
        note: leftDataUntouched(error) ? 'Nothing was imported; the current data is unchanged.' : 'The source above shows the data being served now.',
      });
    }
  }

  return (
    <section className="card" aria-labelledby="snapshots-h" aria-busy={busy}>
      <header className="row-wrap">
        <h2 id="snapshots-h">Snapshots</h2>
        <span className="spacer" />
        <button type="button" onClick={() => void onExport()} disabled={busy}>
          Export snapshot
        </button>
        <button
          type="button"
          onClick={() => input.current?.click()}
          disabled={busy || refreshing}
          title={refreshing ? 'Wait for the refresh to finish' : undefined}
          aria-describedby="snapshots-what"
        >
          Import snapshot…
        </button>
        <input ref={input} type="file" hidden accept=".json,.gz,.json.gz,application/json,application/gzip" onChange={(e) => void onFile(e)} data-testid="snapshot-file" />
      </header>
      <p className="muted small" style={{ margin: 0 }} id="snapshots-what">
        A snapshot is one file with the whole current dataset and its sources and dates, to explore it on another machine without network.
      </p>
      <div role="status" aria-live="polite" data-testid="snapshot-status">
        {state.kind === 'busy' && <BusyStep step={state.step} />}
        {state.kind === 'done' && (
          <div className="callout good small" style={{ marginTop: 10 }}>
            <strong>{state.message}</strong>
            {state.note && <div className="muted">{state.note}</div>}
          </div>
        )}
      </div>
      {state.kind === 'failed' && (
        <div className="callout bad small" role="alert" style={{ marginTop: 10 }} data-testid="snapshot-error">
          <strong>{state.message}</strong>
          <div>{state.note}</div>
        </div>
      )}
    </section>
  );
}
