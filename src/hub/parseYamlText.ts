// YAML parsing, loaded on first use: a server start reads no YAML (eval.yaml files come with a
// refresh, model-zoo metafiles with an import), and loading the library costs ~40 ms of start-up.
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let yaml: Yaml | undefined;

/** `yaml`'s parse, the library loaded the first time it is asked for. */
export function parseYamlText(text: string, options: { maxAliasCount: number }): unknown {
  yaml ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yaml.parse(text, options);
}
