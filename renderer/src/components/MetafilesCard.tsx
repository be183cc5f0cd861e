// Model-zoo metafiles on the status page: import a zoo's results tables (a folder with its
// model-index.yml, or chosen YAML files). The server checks them before anything changes and says
// which files it could not use and why.
import { TRPCClientError } from '@trpc/client';
import { useRef, useState, type ChangeEvent } from 'react';
import { useMetafileImport, type MetafileImportOutput } from '../lib/api';
import { formatCount } from '../lib/format';
import { BusyStep, describeError } from './Feedback';

/** The server's bounds (src/snapshot/readMetafileTree.ts), checked here so a wrong folder is not uploaded. */
const MAX_FILES = 5000;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
const YAML_FILE = /\.ya?ml$/i;
const INDEX_FILE = /^model-index\.ya?ml$/i;

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; step: string }
  | { kind: 'done'; out: MetafileImportOutput; note?: string }
  | { kind: 'failed'; message: string; untouched: boolean };

class PickError extends Error {}

/** A picked file's path: relative to the chosen folder (folder picker), else its name. */
const pathOf = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;

export function MetafilesCard({ refreshing }: { refreshing: boolean }) {
  const importMetafiles = useMetafileImport();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const busy = state.kind === 'busy';

  async function onPick(e: ChangeEvent<HTMLInputElement>) {
    const picked = [...(e.target.files ?? [])];
    // Cleared at once, so picking the same files again (after fixing them) is noticed.
    e.target.value = '';
    if (picked.length === 0) return;
    let yaml = picked.filter((f) => YAML_FILE.test(f.name));
    let note: string | undefined;
    // Files chosen one by one come without their folders: an index's Import list cannot be followed.
    const flat = yaml.every((f) => !(f as File & { webkitRelativePath?: string }).webkitRelativePath);
    if (flat && yaml.some((f) => INDEX_FILE.test(f.name)) && yaml.length > 1) {
      yaml = yaml.filter((f) => !INDEX_FILE.test(f.name));
      note = 'model-index.yml was left out: its Import list needs the zoo’s folder (use “…from a folder” to import a whole zoo).';
    }
    try {
      if (yaml.length === 0) throw new PickError('no .yml or .yaml file was chosen');
      if (yaml.length > MAX_FILES) throw new PickError(`${formatCount(yaml.length)} YAML files; at most ${formatCount(MAX_FILES)} in one import (choose the zoo's folder)`);
      const total = yaml.reduce((n, f) => n + f.size, 0);
      if (total > MAX_TOTAL_BYTES) throw new PickError('the YAML files together are larger than 64 MB');
      setState({ kind: 'busy', step: `Reading ${formatCount(yaml.length)} file${yaml.length === 1 ? '' : 's'}…` });
      // Several chosen files may share a name (every algorithm's "metafile.yml"): number them apart.
      const seen = new Map<string, number>();
      const files = await Promise.all(
        yaml.map(async (f) => {
          const p = pathOf(f);
          const n = (seen.get(p) ?? 0) + 1;
          seen.set(p, n);
          return { path: n === 1 ? p : `${n}/${p}`, text: await f.text() };
        }),
      );
      const top = files[0].path.includes('/') ? files[0].path.split('/')[0] : undefined;
      const label = top && files.every((f) => f.path.startsWith(`${top}/`)) ? top : files.length === 1 ? files[0].path : `${files.length} metafiles`;
      setState({ kind: 'busy', step: 'Checking and importing…' });
      const out = await importMetafiles({ files, label });
      setState({ kind: 'done', out, note });
    } catch (error) {
      const status = error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
      setState({
        kind: 'failed',
        message: error instanceof PickError ? error.message : describeError(error),
        untouched: error instanceof PickError || (status !== undefined && status >= 400 && status < 500),
      });
    }
  }

  return (
    <section className="card" aria-labelledby="metafiles-h" aria-busy={busy}>
      <header className="row-wrap">
        <h2 id="metafiles-h">Model-zoo metafiles</h2>
        <span className="spacer" />
        <button type="button" onClick={() => filesInput.current?.click()} disabled={busy || refreshing} title={refreshing ? 'Wait for the refresh to finish' : undefined} aria-describedby="metafiles-what">
          Import model-zoo metafiles…
        </button>
        <button type="button" onClick={() => folderInput.current?.click()} disabled={busy || refreshing} aria-label="Import model-zoo metafiles from a folder…" aria-describedby="metafiles-what">
          …from a folder
        </button>
        <input ref={filesInput} type="file" hidden multiple accept=".yml,.yaml" onChange={(e) => void onPick(e)} data-testid="metafile-files" />
        <input
          ref={folderInput}
          type="file"
          hidden
          onChange={(e) => void onPick(e)}
          data-testid="metafile-folder"
          {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
        />
      </header>
      <p className="muted small" style={{ margin: 0 }} id="metafiles-what">
        Results tables that model zoos publish in the Papers-with-Code format (<code>model-index.yml</code> and the <code>metafile.yml</code> files it lists). Choose the zoo’s folder, or the
        YAML files themselves. Imported models are kept in a layer of their own, across restarts and in exports; importing a model again replaces it.
      </p>
      <div role="status" aria-live="polite" data-testid="metafile-status">
        {state.kind === 'busy' && <BusyStep step={state.step} />}
        {state.kind === 'done' && <ImportReport out={state.out} note={state.note} />}
      </div>
      {state.kind === 'failed' && (
        <div className="callout bad small" role="alert" style={{ marginTop: 10 }} data-testid="metafile-error">
          <strong>Could not import the metafiles: {state.message}</strong>
          <div>{state.untouched ? 'Nothing was imported; the current data is unchanged.' : 'The source above shows the data being served now.'}</div>
        </div>
      )}
    </section>
  );
}

function ImportReport({ out, note }: { out: MetafileImportOutput; note?: string }) {
  const r = out.report;
  return (
    <div className="callout good small" style={{ marginTop: 10 }}>
      <strong>
        Imported {formatCount(r.models)} models ({formatCount(r.results)} results) as {r.zoo.id}; now serving {formatCount(out.status.data_count)} models.
      </strong>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {Object.entries(r.by_task).map(([task, c]) => (
          <li key={task}>
            {task}: {formatCount(c.models)} model{c.models === 1 ? '' : 's'}, {formatCount(c.results)} result{c.results === 1 ? '' : 's'}
          </li>
        ))}
      </ul>
      {note && <div className="muted">{note}</div>}
      {r.file_errors.length > 0 && (
        <div style={{ marginTop: 6 }} data-testid="metafile-file-errors">
          Not used ({r.file_errors.length}):
          <ul style={{ margin: '2px 0 0', paddingLeft: 18 }}>
            {r.file_errors.map((e) => (
              <li key={e.file}>
                <code>{e.file}</code>: {e.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
