// Draws images/icon.png (128x128, the extension's icon): a shield with a check mark on a dark
// rounded square. No image library: shapes sampled 4x4 per pixel, written as an RGBA PNG with zlib.
// Run: node images/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SUB = 4;
const BG = [35, 47, 62]; // dark slate
const SHIELD = [255, 153, 0]; // orange
const CHECK = [255, 255, 255];

function roundedSquare(x, y, r = 22, m = 2) {
  const lo = m + r;
  const hi = SIZE - m - r;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return x >= m && x <= SIZE - m && y >= m && y <= SIZE - m && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

// The shield: a polygon from a flat top with rounded shoulders down to a point.
const shieldPoly = (() => {
  const pts = [];
  const top = 18;
  const left = 28;
  const right = 100;
  const mid = 64;
  const waist = 66;
  const tip = 112;
  pts.push([left, top + 8], [mid - 14, top + 2], [mid, top - 4], [mid + 14, top + 2], [right, top + 8]);
  for (let i = 0; i <= 20; i++) {
    const t = i / 20; // right side: straight to the waist, then a curve to the tip
    pts.push([right, top + 8 + (waist - top - 8) * t]);
  }
  for (let i = 1; i <= 30; i++) {
    const t = i / 30;
    const a = (t * Math.PI) / 2;
    pts.push([mid + (right - mid) * Math.cos(a), waist + (tip - waist) * Math.sin(a)]);
  }
  for (let i = 1; i <= 30; i++) {
    const t = i / 30;
    const a = Math.PI / 2 + (t * Math.PI) / 2;
    pts.push([mid + (mid - left) * Math.cos(a), waist + (tip - waist) * Math.sin(a)]);
  }
  for (let i = 1; i < 20; i++) pts.push([left, waist - (waist - top - 8) * (i / 20)]);
  return pts;
})();

function inPoly(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segDist(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const checkPts = [[46, 64], [59, 78], [84, 49]];
const inCheck = (x, y) => segDist(x, y, checkPts[0], checkPts[1]) <= 6 || segDist(x, y, checkPts[1], checkPts[2]) <= 6;

function colourAt(x, y) {
  if (inCheck(x, y) && inPoly(x, y, shieldPoly)) return [...CHECK, 255];
  if (inPoly(x, y, shieldPoly)) return [...SHIELD, 255];
  if (roundedSquare(x, y)) return [...BG, 255];
  return [0, 0, 0, 0];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SUB; sy++) {
      for (let sx = 0; sx < SUB; sx++) {
        const c = colourAt(x + (sx + 0.5) / SUB, y + (sy + 0.5) / SUB);
        // premultiplied, so that transparent samples do not darken the edge
        acc[0] += c[0] * c[3];
        acc[1] += c[1] * c[3];
        acc[2] += c[2] * c[3];
        acc[3] += c[3];
      }
    }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    const a = acc[3];
    raw[o] = a ? Math.round(acc[0] / a) : 0;
    raw[o + 1] = a ? Math.round(acc[1] / a) : 0;
    raw[o + 2] = a ? Math.round(acc[2] / a) : 0;
    raw[o + 3] = Math.round(a / (SUB * SUB));
  }
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
