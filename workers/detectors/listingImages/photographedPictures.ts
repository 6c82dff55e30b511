/**
 * Test tooling: a print photographed on a surface, and the copies a reseller makes of a photo
 * (cropped, turned, brightened, recompressed), for the picture comparison's tests.
 */
import sharp from 'sharp';

/** A photo of `print` lying on a coloured, unevenly lit surface, turned by `angle` degrees: 1000x750. */
export async function photographed(print: Buffer, { angle, surface, light, left, top }: { angle: number; surface: [string, string]; light: number; left: number; top: number }): Promise<Buffer> {
  const background = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="750"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${surface[0]}"/><stop offset="1" stop-color="${surface[1]}"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/></svg>`,
  );
  const turned = await sharp(print).resize(640).rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  return await sharp(background).composite([{ input: turned, left, top }]).linear(light, 0).jpeg({ quality: 88 }).toBuffer();
}

/** What a buyer does to another buyer's photo: crops `crop` of each side, turns it, recompresses it. */
export async function copied(photo: Buffer, { crop, angle }: { crop: number; angle: number }): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(photo).metadata();
  const cropped = await sharp(photo)
    .extract({ left: Math.round(width * crop), top: Math.round(height * crop), width: Math.round(width * (1 - 2 * crop)), height: Math.round(height * (1 - 2 * crop)) })
    .toBuffer();
  return await sharp(cropped).rotate(angle, { background: '#000' }).modulate({ brightness: 1.08 }).jpeg({ quality: 72 }).toBuffer();
}

/** A printed label: words, a code-like block pattern and a rule, on cream paper. */
export async function printedLabel(serial: string): Promise<Buffer> {
  const blocks = Array.from({ length: 144 }, (_, i) => ((i * 7919) % 13) % 3 === 0 ? `<rect x="${760 + (i % 12) * 25}" y="${380 + Math.floor(i / 12) * 25}" width="25" height="25"/>` : '').join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="100%" height="100%" fill="#f4efe4"/>
    <text x="60" y="140" font-family="sans-serif" font-size="90" font-weight="bold">BRUSH CO</text>
    <text x="60" y="240" font-family="sans-serif" font-size="44">Detangling brush, model DB-200</text>
    <text x="60" y="300" font-family="monospace" font-size="40">S/N ${serial}</text>
    <rect x="60" y="700" width="1080" height="12" fill="#b03a2e"/>${blocks}</svg>`;
  return await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}
