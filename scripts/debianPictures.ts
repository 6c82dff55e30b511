/**
 * Real pictures for the image-matching evaluation: photographs and artwork shipped in Debian's
 * desktop background packages, stand-ins for product photos that our composed pictures
 * (fixtures/listing-screening/images/compose.ts) cannot imitate: natural texture, gradients,
 * depth of field, large smooth areas. They are not committed (tens of MB, other licences): the
 * first test, evaluation or benchmark run downloads the packages with `apt-get download` (no root
 * needed), unpacks them with `dpkg-deb` and keeps a copy of each chosen picture, at most 1600 px
 * on its longer side, under the cache folder outside the clone.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { cacheRoot } from './goToolchain.ts';
import { run } from './processes.ts';

/** Packages and the pictures taken from each, by path inside the package. */
const chosen: Record<string, string[]> = {
  'mate-backgrounds': [
    ...['Aqua', 'Blinds', 'Dune', 'FreshFlower', 'Garden', 'GreenMeadow', 'LadyBird', 'RainDrops', 'Storm', 'TwoWings', 'Wood', 'YellowFlower'].map((name) => `usr/share/backgrounds/mate/nature/${name}.jpg`),
    'usr/share/backgrounds/mate/abstract/Elephants.jpg',
    ...['Flow', 'Gulp', 'Silk', 'Spring', 'Waves'].map((name) => `usr/share/backgrounds/mate/abstract/${name}.png`),
    'usr/share/backgrounds/mate/desktop/Float-into-MATE.png',
    'usr/share/backgrounds/mate/desktop/GreenTraditional.jpg',
    'usr/share/backgrounds/mate/desktop/Stripes.png',
    'usr/share/backgrounds/mate/desktop/Ubuntu-Mate-Warm-no-logo.png',
  ],
  // the dark variants only: a light variant is the same artwork recoloured, neither a match nor a stranger
  'gnome-backgrounds': ['adwaita', 'grid', 'licorice', 'pixels', 'symbolic', 'truchet', 'wood'].map((name) => `usr/share/backgrounds/gnome/${name}-d.webp`),
  'sway-backgrounds': ['usr/share/backgrounds/sway/Sway_Wallpaper_Blue_1920x1080.png'],
  'debian-edu-artwork-emerald': ['usr/share/desktop-base/debian-edu-emerald-theme/grub/grub-16x9.png'],
};

const longestSide = 1600;

export function debianPicturesFolder(): string {
  return process.env.BONAFIDE_DEBIAN_PICTURES ?? path.join(cacheRoot(), 'debian-pictures');
}

/** The file names of the chosen pictures in the folder, in a fixed order. */
export function debianPictureNames(): string[] {
  return Object.entries(chosen).flatMap(([pkg, files]) => files.map((file) => `${pkg}--${path.basename(file).replace(/\.\w+$/, '')}.jpg`));
}

async function download(pkg: string, into: string, log: (line: string) => void): Promise<string> {
  try {
    await run('apt-get', ['download', pkg], { cwd: into, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    // A fresh machine may have no package lists yet; only root can fetch them.
    if (process.getuid?.() !== 0) throw new Error(`apt-get download ${pkg} failed (${(error as Error).message}); run: sudo apt-get update`);
    log('apt-get update (no package lists yet)');
    await run('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
    await run('apt-get', ['download', pkg], { cwd: into, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const deb = (await readdir(into)).find((name) => name.startsWith(`${pkg}_`) && name.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${pkg} left no .deb`);
  return path.join(into, deb);
}

/** Makes sure every chosen picture is in the folder; downloads what is missing. Returns the folder. */
export async function ensureDebianPictures(log: (line: string) => void = () => undefined): Promise<string> {
  const folder = debianPicturesFolder();
  const names = debianPictureNames();
  if (names.every((name) => existsSync(path.join(folder, name)))) return folder;
  await mkdir(folder, { recursive: true });
  const work = await mkdtemp(path.join(folder, '.download-'));
  try {
    for (const [pkg, files] of Object.entries(chosen)) {
      if (files.every((file) => existsSync(path.join(folder, `${pkg}--${path.basename(file).replace(/\.\w+$/, '')}.jpg`)))) continue;
      log(`downloading Debian package ${pkg} (pictures for the image-matching evaluation)`);
      const deb = await download(pkg, work, log);
      const unpacked = path.join(work, pkg);
      await run('dpkg-deb', ['-x', deb, unpacked]);
      for (const file of files) {
        const name = `${pkg}--${path.basename(file).replace(/\.\w+$/, '')}.jpg`;
        const bytes = await sharp(path.join(unpacked, file), { limitInputPixels: 40_000_000 })
          .rotate()
          .resize({ width: longestSide, height: longestSide, fit: 'inside', withoutEnlargement: true })
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 92 })
          .toBuffer();
        // written under a temporary name first: a run stopped halfway leaves no truncated picture
        await writeFile(path.join(work, name), bytes);
        await rename(path.join(work, name), path.join(folder, name));
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return folder;
}
