// A benchmark dataset's `eval.yaml`: `name`, `description`, `evaluation_framework`, `tasks[]{id,
// config?, split?}`. Written by hand, so every field is checked on its own: a task without an id is
// skipped and counted, an unknown field is kept, and a file that is not YAML says so instead of throwing.
import { parseYamlText } from './parseYamlText.js';
import type { BenchmarkTask } from '../schemas/communityEvalsSchemas.js';

export interface ParsedEvalYaml {
  ok: boolean;
  name?: string;
  description?: string;
  evaluation_framework?: string;
  lower_is_better?: boolean;
  tasks: BenchmarkTask[];
  /** Top-level fields this app does not know yet, kept when they are plain values (text, number, yes/no). */
  extra?: Record<string, string | number | boolean>;
  /** Entries not used, by reason. */
  skipped: Record<string, number>;
  problems: string[];
}

const MAX_TEXT = 2000;

const str = (v: unknown, max = MAX_TEXT): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t ? t.slice(0, max) : undefined;
};

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** `lower_is_better: true`, `higher_is_better: false` or `direction: lower` say lower is better; nothing says nothing. */
function lowerIsBetter(o: Record<string, unknown>): boolean | undefined {
  if (typeof o.lower_is_better === 'boolean') return o.lower_is_better;
  if (typeof o.higher_is_better === 'boolean') return !o.higher_is_better;
  const d = str(o.direction)?.toLowerCase();
  if (d === 'lower' || d === 'min' || d === 'minimize') return true;
  if (d === 'higher' || d === 'max' || d === 'maximize') return false;
  return undefined;
}

export function parseEvalYaml(text: string): ParsedEvalYaml {
  const skipped: Record<string, number> = {};
  const problems: string[] = [];
  const count = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
  let doc: unknown;
  try {
    doc = parseYamlText(text, { maxAliasCount: 100 });
  } catch (error) {
    count('eval_yaml_not_yaml');
    return { ok: false, tasks: [], skipped, problems: [`eval.yaml is not YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  const root = obj(doc);
  if (!root) {
    count('eval_yaml_not_a_mapping');
    return { ok: false, tasks: [], skipped, problems: ['eval.yaml is not a mapping of fields'] };
  }
  const tasks: BenchmarkTask[] = [];
  const seen = new Set<string>();
  const rawTasks = root.tasks;
  if (rawTasks !== undefined && !Array.isArray(rawTasks)) {
    count('tasks_not_a_list');
    problems.push('eval.yaml: tasks is not a list');
  }
  for (const [i, raw] of (Array.isArray(rawTasks) ? rawTasks : []).entries()) {
    const t = obj(raw);
    const id = str(t?.id, 200);
    if (!t || !id) {
      count('task_without_id');
      problems.push(`eval.yaml: task ${i + 1} has no id`);
      continue;
    }
    if (seen.has(id)) {
      count('duplicate_task');
      problems.push(`eval.yaml: task "${id}" is listed twice`);
      continue;
    }
    seen.add(id);
    // Unknown fields stay (the format is young); the known ones are checked.
    const task: BenchmarkTask = { ...t, id };
    for (const key of ['name', 'config', 'split'] as const) {
      const v = str(t[key], 200);
      if (v) task[key] = v;
      else delete task[key];
    }
    delete task.lower_is_better;
    const lower = lowerIsBetter(t);
    if (lower !== undefined) task.lower_is_better = lower;
    tasks.push(task);
  }
  const out: ParsedEvalYaml = { ok: true, tasks, skipped, problems };
  const name = str(root.name, 200);
  if (name) out.name = name;
  const description = str(root.description);
  if (description) out.description = description;
  const framework = str(root.evaluation_framework, 200);
  if (framework) out.evaluation_framework = framework;
  const lower = lowerIsBetter(root);
  if (lower !== undefined) out.lower_is_better = lower;
  const known = new Set(['name', 'description', 'evaluation_framework', 'tasks', 'lower_is_better', 'higher_is_better', 'direction']);
  const extra = Object.entries(root).filter(([k, v]) => !known.has(k) && (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string'));
  if (extra.length > 0) out.extra = Object.fromEntries(extra.slice(0, 50).map(([k, v]) => [k.slice(0, 100), typeof v === 'string' ? v.slice(0, MAX_TEXT) : v])) as Record<string, string | number | boolean>;
  return out;
}
