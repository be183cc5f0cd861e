// The raw layers a dataset version is built from (bundled snapshot, fetched or imported data,
// imported metafiles). Their descriptions stay in memory; their models only until the version built
// from them is saved: after that they are read back from their files when a rebuild or an export
// needs them, so the server does not hold the raw Hub JSON next to the enriched records.
import type { SnapshotFile } from '../schemas/snapshotSchemas.js';

export const LAYER_NAMES = ['bundled', 'fetched', 'metafiles'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** A layer without its models: what status, provenance and exports need to know of it. */
export type LayerHead = Omit<SnapshotFile, 'models'> & { model_count: number };

export function headOf(snapshot: SnapshotFile): LayerHead {
  const { models, ...rest } = snapshot;
  return { ...rest, model_count: models.length };
}

export interface DatasetLayers {
  head(name: LayerName): LayerHead | undefined;
  heads(): Partial<Record<LayerName, LayerHead>>;
  /** Puts a layer in place; `onDisk` says whether its file holds exactly this data. */
  set(name: LayerName, snapshot: SnapshotFile, onDisk: boolean): void;
  /** Layers known only by their heads (a saved version was opened): all read from their files. */
  setHeads(heads: Partial<Record<LayerName, LayerHead>>): void;
  markOnDisk(name: LayerName): void;
  /** True when every layer's file holds exactly the layer in use (a version built from them may be saved). */
  allOnDisk(): boolean;
  /** The whole layer, read back from its file when its models are not in memory. */
  full(name: LayerName): Promise<SnapshotFile | undefined>;
  /** Every layer there is, oldest first, whole. */
  all(): Promise<SnapshotFile[]>;
  /** Forgets the models of layers whose files hold them. */
  dropRaw(): void;
  /** Saves and restores the slots, for a rebuild that may fail. */
  snapshot(): () => void;
}

interface Slot {
  head: LayerHead;
  full?: SnapshotFile;
  onDisk: boolean;
}

export function createDatasetLayers(read: Record<LayerName, () => Promise<SnapshotFile | undefined>>): DatasetLayers {
  let slots: Partial<Record<LayerName, Slot>> = {};
  async function fullOf(name: LayerName, slot: Slot | undefined): Promise<SnapshotFile | undefined> {
    if (!slot) return undefined;
    if (slot.full) return slot.full;
    const snapshot = await read[name]();
    if (!snapshot) throw new Error(`the ${name} data could not be read back from its file`);
    // Kept while in use; dropRaw forgets it again once a version built from it is saved.
    if (slots[name] === slot) slots = { ...slots, [name]: { ...slot, full: snapshot } };
    return snapshot;
  }
  const layers: DatasetLayers = {
    head: (name) => slots[name]?.head,
    heads() {
      const out: Partial<Record<LayerName, LayerHead>> = {};
      for (const name of LAYER_NAMES) if (slots[name]) out[name] = slots[name].head;
      return out;
    },
    set(name, snapshot, onDisk) {
      slots = { ...slots, [name]: { head: headOf(snapshot), full: snapshot, onDisk } };
    },
    setHeads(heads) {
      slots = {};
      for (const name of LAYER_NAMES) if (heads[name]) slots[name] = { head: heads[name], onDisk: true };
    },
    markOnDisk(name) {
      const slot = slots[name];
      if (slot) slots = { ...slots, [name]: { ...slot, onDisk: true } };
    },
    full: (name) => fullOf(name, slots[name]),
    allOnDisk: () => LAYER_NAMES.every((name) => !slots[name] || slots[name].onDisk),
    async all() {
      // The layers as they are now, even if a refresh swaps one while they are read.
      const current = slots;
      const out: SnapshotFile[] = [];
      for (const name of LAYER_NAMES) {
        const layer = await fullOf(name, current[name]);
        if (layer) out.push(layer);
      }
      return out;
    },
    dropRaw() {
      const next: Partial<Record<LayerName, Slot>> = {};
      for (const name of LAYER_NAMES) {
        const slot = slots[name];
        if (slot) next[name] = slot.onDisk ? { head: slot.head, onDisk: true } : slot;
      }
      slots = next;
    },
    snapshot() {
      const saved = slots;
      return () => {
        slots = saved;
      };
    },
  };
  return layers;
}
