// The model zoos the app knows by name (the five OpenMMLab zoos bundled in data/sources/openmmlab),
// and how an imported set of metafiles is told which zoo it belongs to.
import type { ModelZoo, MetafileText } from './convertMetafiles.js';
import { slug } from './metafileMappings.js';

export interface KnownZoo extends ModelZoo {
  /** Folder under data/sources/openmmlab/. */
  folder: string;
  /** owner/name on GitHub. */
  repo: string;
  /** First path segment of the zoo's weights on download.openmmlab.com. */
  weightsPaths: readonly string[];
  license: string;
}

const zoo = (z: Omit<KnownZoo, 'repoUrl'>): KnownZoo => ({ ...z, repoUrl: `https://github.com/${z.repo}` });

/**
 * The bundled zoos. `commit` is set only where every metafile comes from that commit, so links
 * built from relative paths (metafiles, configs) point at the version that was read; mmdetection
 * and mmsegmentation mix metafiles from several commits (their SOURCE.txt), so they get none.
 */
export const OPENMMLAB_ZOOS: readonly KnownZoo[] = [
  zoo({ id: 'openmmlab/mmdet', name: 'OpenMMLab MMDetection model zoo', library: 'mmdet', folder: 'mmdetection', repo: 'open-mmlab/mmdetection', weightsPaths: ['mmdetection'], license: 'Apache-2.0' }),
  zoo({ id: 'openmmlab/mmpretrain', name: 'OpenMMLab MMPretrain model zoo', library: 'mmpretrain', folder: 'mmpretrain', repo: 'open-mmlab/mmpretrain', weightsPaths: ['mmpretrain', 'mmclassification'], license: 'Apache-2.0', commit: 'ee7f2e88501f61aa95c742dd5f429f039935ee90', date: '2024-11-01T00:00:00.000Z' }),
  zoo({ id: 'openmmlab/mmseg', name: 'OpenMMLab MMSegmentation model zoo', library: 'mmseg', folder: 'mmsegmentation', repo: 'open-mmlab/mmsegmentation', weightsPaths: ['mmsegmentation'], license: 'Apache-2.0' }),
  zoo({ id: 'openmmlab/mmpose', name: 'OpenMMLab MMPose model zoo', library: 'mmpose', folder: 'mmpose', repo: 'open-mmlab/mmpose', weightsPaths: ['mmpose'], license: 'Apache-2.0', commit: '759b39c13fea6ba094afc1fa932f51dc1b11cbf9', date: '2025-08-04T00:00:00.000Z' }),
  zoo({ id: 'openmmlab/mmaction2', name: 'OpenMMLab MMAction2 model zoo', library: 'mmaction2', folder: 'mmaction2', repo: 'open-mmlab/mmaction2', weightsPaths: ['mmaction'], license: 'Apache-2.0', commit: '4d6c93474730cad2f25e51109adcf96824efc7a3', date: '2023-10-12T00:00:00.000Z' }),
];

/** A zoo id as users may write it: "openmmlab/mmdet", "my-lab/zoo". */
export const ZOO_ID = /^[a-z0-9][a-z0-9._-]{0,63}(\/[a-z0-9][a-z0-9._-]{0,63})?$/;

const GITHUB = /https?:\/\/github\.com\/([\w.-]+)\/([\w.-]+)/gi;
const OPENMMLAB_WEIGHTS = /https?:\/\/download\.openmmlab\.com\/([\w.-]+)\//gi;

/** The GitHub repo the files point at most often (Code, Paper links aside), and openmmlab weight folders. */
function evidence(files: readonly MetafileText[]): { repos: Map<string, number>; weights: Map<string, number> } {
  const repos = new Map<string, number>();
  const weights = new Map<string, number>();
  for (const f of files) {
    for (const m of f.text.matchAll(GITHUB)) {
      const repo = `${m[1]}/${m[2].replace(/\.git$/, '')}`.toLowerCase();
      repos.set(repo, (repos.get(repo) ?? 0) + 1);
    }
    for (const m of f.text.matchAll(OPENMMLAB_WEIGHTS)) weights.set(m[1].toLowerCase(), (weights.get(m[1].toLowerCase()) ?? 0) + 1);
  }
  return { repos, weights };
}

const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];

/**
 * The zoo an import belongs to: the one named (a known zoo's id, or any id), else the known zoo the
 * files' weight or code links point at, else the GitHub repo they point at most, else `local/<fallback>`.
 * Imported files carry no commit, so relative config paths do not become links.
 */
export function identifyZoo(files: readonly MetafileText[], options: { zoo?: string; fallbackName: string }): ModelZoo {
  const imported = (z: Pick<ModelZoo, 'id' | 'name' | 'library' | 'repoUrl'>): ModelZoo => ({
    id: z.id,
    name: `${z.name} (imported metafiles)`,
    ...(z.library ? { library: z.library } : {}),
    ...(z.repoUrl ? { repoUrl: z.repoUrl } : {}),
  });
  if (options.zoo) {
    const id = options.zoo.trim().toLowerCase();
    const known = OPENMMLAB_ZOOS.find((z) => z.id === id);
    return imported(known ?? { id, name: `${id} model zoo` });
  }
  const { repos, weights } = evidence(files);
  // Weights on OpenMMLab's server name the zoo; code links also point at the repos models were converted from.
  const byWeights = OPENMMLAB_ZOOS.find((z) => z.weightsPaths.includes(top(weights) ?? ''));
  if (byWeights) return imported(byWeights);
  const byRepo = OPENMMLAB_ZOOS.find((z) => z.repo === top(repos));
  if (byRepo) return imported(byRepo);
  const repo = top(repos);
  if (repo) return imported({ id: repo, name: `${repo} model zoo`, repoUrl: `https://github.com/${repo}` });
  const id = `local/${slug(options.fallbackName.replace(/\.ya?ml$/i, '')) || 'metafiles'}`.slice(0, 120);
  return imported({ id, name: `${id} model zoo` });
}
