// Draws the app icon (build/icon.png, 1024×1024: a rounded tile with a rising bar chart and a
// trend dot) without any image tooling, so it can be rebuilt anywhere: `tsx scripts/makeIcon.ts`.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function drawIcon(): Buffer {
  const px = Buffer.alloc(SIZE * SIZE * 4);
  const set = (x: number, y: number, [r, g, b, a]: number[]) => {
    const i = (y * SIZE + x) * 4;
    px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
  };
  const radius = 200;
  const margin = 48;
  const inTile = (x: number, y: number) => {
    const lo = margin + radius;
    const hi = SIZE - margin - radius;
    const cx = Math.min(Math.max(x, lo), hi);
    const cy = Math.min(Math.max(y, lo), hi);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= margin && y >= margin && x < SIZE - margin && y < SIZE - margin;
  };
  const bars = [
    { x: 250, w: 130, h: 260, color: [125, 211, 252, 255] },
    { x: 447, w: 130, h: 420, color: [56, 189, 248, 255] },
    { x: 644, w: 130, h: 580, color: [14, 165, 233, 255] },
  ];
  const base = 820;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      if (!inTile(x, y)) continue;
      // Vertical gradient: deep slate to indigo.
      const t = y / SIZE;
      set(x, y, [Math.round(15 + 25 * t), Math.round(23 + 20 * t), Math.round(42 + 60 * t), 255]);
      for (const b of bars) if (x >= b.x && x < b.x + b.w && y <= base && y > base - b.h) set(x, y, b.color);
      if ((x - 790) ** 2 + (y - 190) ** 2 <= 60 ** 2) set(x, y, [250, 204, 21, 255]);
    }
  }
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) px.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.resolve('build', 'icon.png');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, drawIcon());
console.log(`wrote ${out}`);
