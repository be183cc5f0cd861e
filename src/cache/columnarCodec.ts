// Arrays of flat objects (records, results, leaderboard entries) as columns: strings as indexes into
// one table of unique strings, numbers in Float64Arrays, booleans in bytes, objects that belong to
// another table as row indexes. Decoding builds every row with one object literal per key order, so
// rows share their hidden class and every repeated string is one string in memory.

export type ColumnKind = 'str' | 'num' | 'bool' | 'json' | 'ref' | 'refs';

export interface ColumnSpec {
  key: string;
  kind: ColumnKind;
  /** For ref and refs: the table the rows point into. */
  table?: string;
  /** For refs: empty arrays were a shared frozen array (read-only placeholders) and decode as one. */
  sharedEmpty?: boolean;
  /** For str and json: the column's own dictionary (ids in the string table); rows hold indexes into it. */
  dict?: number[];
}

/** The layout of one table: its columns, key orders (shapes) and where its binary parts are. */
export interface TableSpec {
  name: string;
  rows: number;
  columns: ColumnSpec[];
  /** Each shape lists column positions in the rows' own key order. */
  shapes: number[][];
  /** Byte parts in the binary section, in order: shape ids, then one or two per column. */
  parts: { type: 'u8' | 'u16' | 'u32' | 'f64'; length: number }[];
}

type Typed = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** Unique strings, numbered in order of first use. */
export class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

export interface EncodeContext {
  strings: StringTable;
  /** Rows of tables already encoded, by object identity: a later table's column may point at them. */
  refTables: Map<string, Map<object, number>>;
  parts: Typed[];
}

/** Encoding runs beside a serving app: it lets requests in every 16k rows. */
const YIELD_EVERY = 0x3fff;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const isPlain = (v: unknown): v is object => typeof v === 'object' && v !== null;

function kindOf(value: unknown, refTables: Map<string, Map<object, number>>): { kind: ColumnKind; table?: string } {
  if (typeof value === 'string') return { kind: 'str' };
  if (typeof value === 'number') return { kind: 'num' };
  if (typeof value === 'boolean') return { kind: 'bool' };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'refs' };
    for (const [name, rows] of refTables) if (value.every((x) => isPlain(x) && rows.has(x))) return { kind: 'refs', table: name };
    return { kind: 'json' };
  }
  if (isPlain(value)) for (const [name, rows] of refTables) if (rows.has(value)) return { kind: 'ref', table: name };
  return { kind: 'json' };
}

/** Encodes `rows` as table `name`; its rows become a ref table later tables may point into. */
export async function encodeTable(name: string, rows: readonly object[], ctx: EncodeContext): Promise<TableSpec> {
  const columnOf = new Map<string, number>();
  const columns: ColumnSpec[] = [];
  const shapeIds = new Map<string, number>();
  const shapes: number[][] = [];
  const shapeOfRow = new Uint32Array(rows.length);
  // Pass 1: key orders and the kind of each column (a column that mixes kinds falls back to JSON).
  let lastKeys: string[] = [];
  let lastShape = -1;
  const seen: boolean[] = [];
  for (let r = 0; r < rows.length; r++) {
    if ((r & YIELD_EVERY) === YIELD_EVERY) await yieldToEventLoop();
    const row = rows[r] as Record<string, unknown>;
    const keys = Object.keys(row);
    let shape = lastShape;
    // Neighbouring rows mostly share their key order: compare before building a signature.
    if (keys.length !== lastKeys.length || keys.some((k, i) => k !== lastKeys[i])) {
      const sig = keys.join('\u0000');
      let found = shapeIds.get(sig);
      if (found === undefined) {
        found = shapes.length;
        shapeIds.set(sig, found);
        shapes.push(
          keys.map((k) => {
            let c = columnOf.get(k);
            if (c === undefined) {
              c = columns.length;
              columnOf.set(k, c);
              columns.push({ key: k, kind: 'str' });
              seen.push(false);
            }
            return c;
          }),
        );
      }
      shape = found;
      lastShape = found;
      lastKeys = keys;
    }
    shapeOfRow[r] = shape;
    const cols = shapes[shape];
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      const col = columns[c];
      if (col.kind === 'json') continue;
      const v = row[col.key];
      if (seen[c]) {
        // Fast paths: the value fits the column's kind as found so far.
        if (col.kind === 'str' ? typeof v === 'string' : col.kind === 'num' ? typeof v === 'number' : col.kind === 'bool' ? typeof v === 'boolean' : false) continue;
        if (col.kind === 'ref' && isPlain(v) && ctx.refTables.get(col.table!)!.has(v)) continue;
        if (col.kind === 'refs' && Array.isArray(v)) {
          if (v.length === 0) {
            if (!Object.isFrozen(v)) col.sharedEmpty = false;
            continue;
          }
          if (col.table !== undefined) {
            const target = ctx.refTables.get(col.table)!;
            if (v.every((x) => isPlain(x) && target.has(x))) continue;
          }
        }
      }
      const found = kindOf(v, ctx.refTables);
      if (!seen[c]) {
        seen[c] = true;
        col.kind = found.kind;
        col.table = found.table;
        if (found.kind === 'refs') col.sharedEmpty = !Array.isArray(v) || v.length > 0 || Object.isFrozen(v);
      } else if (col.kind === 'refs' && found.kind === 'refs' && (col.table === undefined || found.table === undefined || col.table === found.table)) {
        col.table ??= found.table;
        if (Array.isArray(v) && v.length === 0 && !Object.isFrozen(v)) col.sharedEmpty = false;
      } else {
        col.kind = 'json';
        col.table = undefined;
      }
    }
  }
  for (const col of columns) {
    // Only empty arrays: nothing to point at.
    if (col.kind === 'refs' && col.table === undefined) col.kind = 'json';
    if (col.kind !== 'refs') delete col.sharedEmpty;
    if (col.table === undefined) delete col.table;
  }
  // Pass 2: the columns' values.
  const n = rows.length;
  const data: Typed[] = columns.map((c) => (c.kind === 'num' ? new Float64Array(n) : c.kind === 'bool' ? new Uint8Array(n) : new Uint32Array(n)));
  const lists: number[][] = columns.map(() => []);
  for (let r = 0; r < n; r++) {
    if ((r & YIELD_EVERY) === YIELD_EVERY) await yieldToEventLoop();
    const row = rows[r] as Record<string, unknown>;
    for (const c of shapes[shapeOfRow[r]]) {
      const col = columns[c];
      const v = row[col.key];
      switch (col.kind) {
        case 'str':
          data[c][r] = ctx.strings.id(v as string);
          break;
        case 'num':
          data[c][r] = v as number;
          break;
        case 'bool':
          data[c][r] = v ? 1 : 0;
          break;
        case 'json':
          data[c][r] = ctx.strings.id(JSON.stringify(v));
          break;
        case 'ref':
          data[c][r] = ctx.refTables.get(col.table!)!.get(v as object)!;
          break;
        case 'refs': {
          const target = ctx.refTables.get(col.table!)!;
          const list = lists[c];
          for (const x of v as object[]) list.push(target.get(x)!);
          data[c][r] = list.length; // end offset of this row's refs
          break;
        }
      }
    }
  }
  const parts: TableSpec['parts'] = [];
  const push = (a: Typed) => {
    ctx.parts.push(a);
    parts.push({ type: a instanceof Float64Array ? 'f64' : a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : 'u32', length: a.length });
  };
  push(shapes.length <= 0xffff ? Uint16Array.from(shapeOfRow) : shapeOfRow);
  columns.forEach((col, c) => {
    if (col.kind === 'refs') {
      // Rows without this key carry the previous row's end offset, so each row's refs are [end(r-1), end(r)).
      const ends = data[c] as Uint32Array;
      for (let r = 1; r < n; r++) if (!shapes[shapeOfRow[r]].includes(c)) ends[r] = ends[r - 1];
      push(ends);
      push(Uint32Array.from(lists[c]));
    } else if (col.kind === 'str' || col.kind === 'json') {
      // Most columns hold a few distinct strings: the column keeps its own dictionary and narrow indexes.
      const ids = data[c] as Uint32Array;
      const local = new Map<number, number>();
      const dict: number[] = [];
      const out = new Uint32Array(n);
      for (let r = 0; r < n; r++) {
        const id = ids[r];
        let l = local.get(id);
        if (l === undefined) {
          l = dict.length;
          dict.push(id);
          local.set(id, l);
        }
        out[r] = l;
      }
      col.dict = dict;
      push(narrow(out, dict.length - 1));
    } else if (col.kind === 'num') {
      // Counts, ranks and sizes that are whole numbers fit narrower columns; anything else stays a double.
      const values = data[c] as Float64Array;
      let max = 0;
      for (let r = 0; r < n && max >= 0; r++) {
        const v = values[r];
        max = Number.isInteger(v) && v >= 0 && v <= 0xffffffff && !Object.is(v, -0) ? Math.max(max, v) : -1;
      }
      push(max >= 0 ? narrow(Uint32Array.from(values), max) : values);
    } else push(data[c]);
  });
  const refs = new Map<object, number>();
  rows.forEach((row, i) => refs.set(row, i));
  ctx.refTables.set(name, refs);
  return { name, rows: n, columns, shapes, parts };
}

/** The narrowest unsigned column that holds values up to `max`. */
function narrow(values: Uint32Array, max: number): Typed {
  if (max <= 0xff) return Uint8Array.from(values);
  if (max <= 0xffff) return Uint16Array.from(values);
  return values;
}

const UNSAFE_KEYS = new Set(['__proto__']);

/** The rows of a decoded table: each built on first use and then kept, so every reader shares it. */
export interface TableRows {
  readonly length: number;
  at(i: number): object;
  /** Every row, built now. */
  all(): object[];
  /** The distinct values of a string column, read from its dictionary without building a row. */
  distinct(key: string): string[] | undefined;
}

/** A list read item by item: an array, or a lazy column's list before its array is built. */
export interface ItemList<T> {
  readonly length: number;
  at(k: number): T | undefined;
}

/** The getters of lazy refs columns, each with how it reads its row's list item by item. */
const itemReaders = new WeakMap<object, (row: object) => ItemList<object>>();

/**
 * `row[key]` as an item list: while a lazy refs column's array is not built yet, a view that builds
 * only the items read — the same objects the array will hold; otherwise the value itself.
 */
export function itemsOf<T>(row: object, key: string): ItemList<T> {
  const getter = Object.getOwnPropertyDescriptor(row, key)?.get;
  const read = getter && itemReaders.get(getter);
  return (read ? read(row) : (row as Record<string, unknown>)[key]) as ItemList<T>;
}

/**
 * Reads one table from its parts; `decoded` holds the tables decoded before it. Rows are built on
 * first use (`at`), so tables nobody reads yet cost only their columns; `lazy` names refs columns
 * whose arrays are built when a row's property is first read (and kept as a plain value after);
 * until then `itemsOf` reads them item by item. A lazy property is one accessor shared by every row
 * of the column, which finds its row's index in a Map: an accessor per row (a getter in the object
 * literal) made building rows several times slower and left them in slow dictionary mode.
 */
export function decodeTable(
  spec: TableSpec,
  parts: Typed[],
  strings: readonly string[],
  decoded: Map<string, TableRows>,
  options: { lazy?: readonly string[] } = {},
): TableRows {
  // One generated function per table: an object literal with fixed keys per key order, reading the
  // columns directly, so rows of a shape share one hidden class and building stays monomorphic.
  const args: unknown[] = [strings, parts[0]];
  const names = ['S', 'shapeOf'];
  const exprs: string[] = [];
  const lazy = new Set(options.lazy ?? []);
  /** Row object → its index, for the lazy columns' shared accessors. */
  const indexOf = new Map<object, number>();
  let p = 1;
  spec.columns.forEach((col, c) => {
    const data = parts[p++];
    names.push(`c${c}`);
    args.push(data);
    switch (col.kind) {
      case 'str':
        names.push(`d${c}`);
        args.push(col.dict ? col.dict.map((id) => strings[id]) : strings);
        exprs.push(`d${c}[c${c}[r]]`);
        break;
      case 'num':
        exprs.push(`c${c}[r]`);
        break;
      case 'bool':
        exprs.push(`c${c}[r] === 1`);
        break;
      case 'json': {
        const dict = col.dict;
        // Equal JSON texts decode once and are shared (rows are read-only).
        const cache = new Map<number, unknown>();
        names.push(`j${c}`);
        args.push((local: number) => {
          const id = dict ? dict[local] : local;
          if (cache.has(id)) return cache.get(id);
          const v = JSON.parse(strings[id]) as unknown;
          cache.set(id, v);
          return v;
        });
        exprs.push(`j${c}(c${c}[r])`);
        break;
      }
      case 'ref': {
        const target = decoded.get(col.table!)!;
        names.push(`t${c}`);
        args.push((i: number) => target.at(i));
        exprs.push(`t${c}(c${c}[r])`);
        break;
      }
      case 'refs': {
        const target = decoded.get(col.table!)!;
        const flat = parts[p++];
        const empty = Object.freeze([]);
        const shared = col.sharedEmpty === true;
        const list = (r: number) => {
          const from = r === 0 ? 0 : data[r - 1];
          const to = data[r];
          if (from === to && shared) return empty;
          const out = new Array(to - from);
          for (let k = from; k < to; k++) out[k - from] = target.at(flat[k]);
          return out;
        };
        names.push(`l${c}`);
        args.push(list);
        exprs.push(`l${c}(r)`);
        if (lazy.has(col.key)) {
          const key = col.key;
          // Built on first read, then a plain data property like any other.
          const own = (row: object, value: unknown) => Object.defineProperty(row, key, { value, writable: true, enumerable: true, configurable: true });
          const get = function (this: object) {
            const value = list(indexOf.get(this)!);
            own(this, value);
            return value;
          };
          itemReaders.set(get, (row) => refItems(data, flat, target, indexOf.get(row)!));
          names.push(`a${c}`);
          args.push({ get, set(this: object, value: unknown) { own(this, value); }, enumerable: true, configurable: true });
        }
        break;
      }
    }
  });
  const prop = (c: number) => `${JSON.stringify(spec.columns[c].key)}: ${exprs[c]}`;
  const literal = (shape: number[]) => {
    const unsafe = shape.find((c) => UNSAFE_KEYS.has(spec.columns[c].key));
    if (unsafe !== undefined) throw new Error(`column name ${spec.columns[unsafe].key} is not allowed`);
    const firstLazy = shape.findIndex((c) => lazy.has(spec.columns[c].key));
    if (firstLazy < 0) return `return {${shape.map(prop).join(', ')}};`;
    // The keys before the first lazy one as a literal, then each key in order: the lazy ones as their
    // column's shared accessor, so rows of a shape keep one fast hidden class.
    const rest = shape.slice(firstLazy).map((c) => {
      const key = JSON.stringify(spec.columns[c].key);
      return lazy.has(spec.columns[c].key) ? `Object.defineProperty(o, ${key}, a${c});` : `o[${key}] = ${exprs[c]};`;
    });
    return `const o = {${shape.slice(0, firstLazy).map(prop).join(', ')}}; ${rest.join(' ')} I.set(o, r); return o;`;
  };
  const body =
    spec.shapes.length === 1
      ? literal(spec.shapes[0])
      : `switch (shapeOf[r]) { ${spec.shapes.map((shape, i) => `case ${i}: { ${literal(shape)} }`).join(' ')} }`;
  // Named after its table, so a profile tells the tables apart.
  const fn = `${spec.name.replace(/\W/g, '_')}Row`;
  const one = new Function(...names, 'I', `return function ${fn}(r) { ${body} };`)(...args, indexOf) as (r: number) => object;
  const rows = new Array<object | undefined>(spec.rows);
  const at = (i: number) => (rows[i] ??= one(i));
  return {
    length: spec.rows,
    at,
    all() {
      for (let i = 0; i < spec.rows; i++) at(i);
      return rows as object[];
    },
    distinct(key) {
      const col = spec.columns.find((c) => c.key === key);
      return col?.kind === 'str' && col.dict ? col.dict.map((id) => strings[id]) : undefined;
    },
  };
}

/** Row `r`'s refs as an item list, each item built (and kept by its table) only when read. */
function refItems(ends: Typed, flat: Typed, target: TableRows, r: number): ItemList<object> {
  const from = r === 0 ? 0 : ends[r - 1];
  const length = ends[r] - from;
  return { length, at: (k) => (k >= 0 && k < length ? target.at(flat[from + k]) : undefined) };
}
