/**
 * Real pictures for the image-matching evaluation: photographs and artwork shipped in Debian's
 * desktop background packages, stand-ins for product photos that our composed pictures
 * (fixtures/listing-screening/images/compose.ts) cannot imitate: natural texture, gradients,
 * depth of field, large smooth areas. They are not committed (tens of MB, other licences): the
 * first test, evaluation or benchmark run downloads the packages with `apt-get download` (no root
 * needed), unpacks them with `dpkg-deb` and keeps a copy of each chosen picture, at most 1600 px
 * on its longer side, under the cache folder outside the clone.
 *
 * The evaluation gives each picture its role (gallery or distractor, tune or holdout) by its
 * position in `debianPictureNames()` (fixtures/listing-screening/images/set.ts): add pictures at
 * the end of the list, so the roles of those already there stay as they are.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { cacheRoot } from './goToolchain.ts';
import { run } from './processes.ts';

/**
 * A picture inside a package, and for the translucent ones the gradient the desktop draws behind
 * them (from the package's mate-background-properties/*.xml): flattened onto white, MATE's
 * abstract overlays are blank pages.
 */
interface Chosen {
  file: string;
  /** first and second colour, and whether they run left to right or top to bottom */
  ground?: [string, string, 'horizontal' | 'vertical'];
}

const mateBlueGreen = (direction: 'horizontal' | 'vertical', reversed = false): [string, string, 'horizontal' | 'vertical'] => (reversed ? ['#627F5A', '#27587E', direction] : ['#27587E', '#627F5A', direction]);

/** Packages and the pictures taken from each, by path inside the package. */
const chosen: Record<string, (string | Chosen)[]> = {
  'mate-backgrounds': [
    ...['Aqua', 'Blinds', 'Dune', 'FreshFlower', 'Garden', 'GreenMeadow', 'LadyBird', 'RainDrops', 'Storm', 'TwoWings', 'Wood', 'YellowFlower'].map((name) => `usr/share/backgrounds/mate/nature/${name}.jpg`),
    'usr/share/backgrounds/mate/abstract/Elephants.jpg',
    { file: 'usr/share/backgrounds/mate/abstract/Flow.png', ground: mateBlueGreen('horizontal') },
    { file: 'usr/share/backgrounds/mate/abstract/Gulp.png', ground: mateBlueGreen('horizontal', true) },
    { file: 'usr/share/backgrounds/mate/abstract/Silk.png', ground: mateBlueGreen('horizontal') },
    { file: 'usr/share/backgrounds/mate/abstract/Spring.png', ground: mateBlueGreen('vertical') },
    { file: 'usr/share/backgrounds/mate/abstract/Waves.png', ground: mateBlueGreen('horizontal') },
    'usr/share/backgrounds/mate/desktop/Float-into-MATE.png',
    'usr/share/backgrounds/mate/desktop/GreenTraditional.jpg',
    { file: 'usr/share/backgrounds/mate/desktop/Stripes.png', ground: ['#5891BC', '#44A52A', 'vertical'] },
    'usr/share/backgrounds/mate/desktop/Ubuntu-Mate-Warm-no-logo.png',
  ],
  // the dark variants only: a light variant is the same artwork recoloured, neither a match nor a stranger
  'gnome-backgrounds': ['adwaita', 'grid', 'licorice', 'pixels', 'symbolic', 'truchet', 'wood'].map((name) => `usr/share/backgrounds/gnome/${name}-d.webp`),
  'sway-backgrounds': ['usr/share/backgrounds/sway/Sway_Wallpaper_Blue_1920x1080.png'],
  'debian-edu-artwork-emerald': ['usr/share/desktop-base/debian-edu-emerald-theme/grub/grub-16x9.png'],
};

const longestSide = 1600;
/** Written beside the pictures; a folder made by another recipe (say, before the grounds) is made again. */
const recipe = 'pictures 2: at most 1600 px, JPEG quality 92, translucent pictures on their desktop gradient';
const recipeFile = '.recipe';

const entries = (pkg: string) => chosen[pkg]!.map((entry) => (typeof entry === 'string' ? { file: entry } : entry));
const keptName = (pkg: string, file: string) => `${pkg}--${path.basename(file).replace(/\.\w+$/, '')}.jpg`;

export function debianPicturesFolder(): string {
  return process.env.BONAFIDE_DEBIAN_PICTURES ?? path.join(cacheRoot(), 'debian-pictures');
}

/** The file names of the chosen pictures in the folder, in a fixed order. */
export function debianPictureNames(): string[] {
  return Object.keys(chosen).flatMap((pkg) => entries(pkg).map(({ file }) => keptName(pkg, file)));
}

async function download(pkg: string, into: string, log: (line: string) => void): Promise<string> {
  // As root apt hands the download to its _apt user, who cannot write into a private cache
  // folder; it then downloads as root anyway with a warning, which this says up front.
  const args = [...(process.getuid?.() === 0 ? ['-o', 'APT::Sandbox::User=root'] : []), 'download', pkg];
  try {
    await run('apt-get', args, { cwd: into, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    // A fresh machine may have no package lists yet; only root can fetch them.
    if (process.getuid?.() !== 0) throw new Error(`apt-get download ${pkg} failed (${(error as Error).message}); run: sudo apt-get update`);
    log('apt-get update (no package lists yet)');
    await run('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
    await run('apt-get', args, { cwd: into, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const deb = (await readdir(into)).find((name) => name.startsWith(`${pkg}_`) && name.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${pkg} left no .deb`);
  return path.join(into, deb);
}

/** One picture from the unpacked package: upright, at most `longestSide`, on its ground, as JPEG. */
async function keptPicture(source: string, ground: Chosen['ground']): Promise<Buffer> {
  let picture = sharp(source, { limitInputPixels: 40_000_000 }).rotate().resize({ width: longestSide, height: longestSide, fit: 'inside', withoutEnlargement: true });
  if (ground) {
    const { data, info } = await picture.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const [from, to, direction] = ground;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${info.width}" height="${info.height}"><defs><linearGradient id="g" x1="0" y1="0" x2="${direction === 'horizontal' ? 1 : 0}" y2="${direction === 'vertical' ? 1 : 0}"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="${info.width}" height="${info.height}" fill="url(#g)"/></svg>`;
    picture = sharp(Buffer.from(svg)).composite([{ input: data, raw: { width: info.width, height: info.height, channels: 4 } }]);
  }
  return await picture.flatten({ background: '#ffffff' }).jpeg({ quality: 92 }).toBuffer();
}

async function isComplete(folder: string, names: string[]): Promise<boolean> {
  if (!names.every((name) => existsSync(path.join(folder, name)))) return false;
  return existsSync(path.join(folder, recipeFile)) && (await readFile(path.join(folder, recipeFile), 'utf8')) === recipe;
}

/**
 * Makes sure every chosen picture is in the folder; downloads what is missing (all of it when
 * the folder was made by another recipe). Returns the folder; throws, saying what to do, when
 * the packages cannot be had.
 */
export async function ensureDebianPictures(log: (line: string) => void = () => undefined): Promise<string> {
  const folder = debianPicturesFolder();
  const names = debianPictureNames();
  if (await isComplete(folder, names)) return folder;
  await mkdir(folder, { recursive: true });
  const stale = !existsSync(path.join(folder, recipeFile)) || (await readFile(path.join(folder, recipeFile), 'utf8')) !== recipe;
  if (stale) await rm(path.join(folder, recipeFile), { force: true });
  const work = await mkdtemp(path.join(folder, '.download-'));
  try {
    for (const pkg of Object.keys(chosen)) {
      if (!stale && entries(pkg).every(({ file }) => existsSync(path.join(folder, keptName(pkg, file))))) continue;
      log(`downloading Debian package ${pkg} (pictures for the image-matching evaluation)`);
      const deb = await download(pkg, work, log);
      const unpacked = path.join(work, pkg);
      await run('dpkg-deb', ['-x', deb, unpacked]);
      for (const { file, ground } of entries(pkg)) {
        const name = keptName(pkg, file);
        // written under a temporary name first: a run stopped halfway leaves no truncated picture
        await writeFile(path.join(work, name), await keptPicture(path.join(unpacked, file), ground));
        await rename(path.join(work, name), path.join(folder, name));
      }
      await rm(deb, { force: true });
      await rm(unpacked, { recursive: true, force: true });
    }
    await writeFile(path.join(folder, recipeFile), recipe);
  } catch (error) {
    throw new Error(
      `could not fetch the Debian pictures of the image-matching evaluation into ${folder}: ${(error as Error).message}. ` +
        'They come from Debian packages through apt-get download and dpkg-deb (a Debian or Ubuntu machine with its package sources reachable; as root, `apt-get update` runs first if needed). ' +
        'Or fill that folder (or BONAFIDE_DEBIAN_PICTURES) by hand: see scripts/debianPictures.ts.',
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return folder;
}
