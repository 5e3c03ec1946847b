/**
 * The app icons, drawn from code so the package has no binary sources and every build is
 * byte-identical: two interlocking rings (two counterparts) in white. Only node:zlib is used.
 *
 * - color.png: 192×192, white rings on the accent colour, symbol inside the central 96×96 area.
 * - outline.png: 32×32, white rings on a transparent background, as Teams requires.
 */
import zlib from 'node:zlib';

export const ACCENT = [0x1f, 0x5f, 0x8b];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Minimal PNG encoder: 8-bit RGBA, no interlace, filter type 0 on every row. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Share of a pixel covered by the rings, from 4×4 samples, for smooth edges without a graphics library. */
function ringCoverage(x, y, rings) {
  let inside = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const px = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      if (rings.some(({ cx, cy, r, width }) => Math.abs(Math.hypot(px - cx, py - cy) - r) <= width / 2)) inside++;
    }
  }
  return inside / 16;
}

function draw(size, rings, background) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cover = ringCoverage(x, y, rings);
      const i = (y * size + x) * 4;
      if (background) {
        for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(background[c] * (1 - cover) + 255 * cover);
        rgba[i + 3] = 255;
      } else {
        rgba.fill(255, i, i + 3);
        rgba[i + 3] = Math.round(255 * cover);
      }
    }
  }
  return encodePng(size, size, rgba);
}

export function colorIcon() {
  return draw(
    192,
    [
      { cx: 78, cy: 96, r: 30, width: 9 },
      { cx: 114, cy: 96, r: 30, width: 9 },
    ],
    ACCENT,
  );
}

export function outlineIcon() {
  return draw(
    32,
    [
      { cx: 12, cy: 16, r: 7.5, width: 2.2 },
      { cx: 20, cy: 16, r: 7.5, width: 2.2 },
    ],
    undefined,
  );
}
