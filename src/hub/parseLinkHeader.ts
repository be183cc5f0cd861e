// Reads an RFC 8288 Link header; the Hub puts the next page of a listing in `rel="next"`.

export interface LinkValue {
  url: string;
  params: Record<string, string>;
}

/**
 * Splits a Link header into its links. Commas and semicolons inside `<…>` or quoted strings belong
 * to the value (Hub cursors are base64 and URLs may hold commas), so the header is scanned, not split.
 */
export function parseLinkHeader(header: string | readonly string[] | undefined): LinkValue[] {
  if (header === undefined) return [];
  const text = typeof header === 'string' ? header : header.join(', ');
  const links: LinkValue[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const open = text.indexOf('<', i);
    if (open === -1) break;
    const close = text.indexOf('>', open + 1);
    if (close === -1) break;
    const url = text.slice(open + 1, close).trim();
    const params: Record<string, string> = {};
    i = close + 1;
    // Parameters run until a comma outside quotes.
    while (i < n) {
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      if (text[i] === ',') {
        i++;
        break;
      }
      if (text[i] !== ';') {
        i++;
        continue;
      }
      i++;
      const eq = scanUntil(text, i, '=;,');
      const name = text.slice(i, eq).trim().toLowerCase();
      i = eq;
      let value = '';
      if (text[i] === '=') {
        i++;
        while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
        if (text[i] === '"') {
          let j = i + 1;
          let out = '';
          while (j < n && text[j] !== '"') {
            if (text[j] === '\\' && j + 1 < n) j++;
            out += text[j];
            j++;
          }
          value = out;
          i = j + 1;
        } else {
          const end = scanUntil(text, i, ';,');
          value = text.slice(i, end).trim();
          i = end;
        }
      }
      if (name && !(name in params)) params[name] = value;
    }
    links.push({ url, params });
  }
  return links;
}

function scanUntil(text: string, from: number, stops: string): number {
  let i = from;
  while (i < text.length && !stops.includes(text[i])) i++;
  return i;
}

/** The absolute URL of the `rel="next"` link, resolved against the URL that was fetched. */
export function nextLinkUrl(header: string | readonly string[] | undefined, base: string): string | undefined {
  for (const link of parseLinkHeader(header)) {
    const rels = (link.params.rel ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('next')) continue;
    try {
      return new URL(link.url, base).toString();
    } catch {
      return undefined;
    }
  }
  return undefined;
}
