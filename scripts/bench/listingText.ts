/**
 * Text screenings per second on one core (detectors alone: brands, cues, price, seller, over the
 * labelled listing set), beside a baseline measured in the same run: a naive lowercase substring
 * search for every brand name, the cheapest check one could call a brand detector.
 */
import { loadListingSet } from '../eval/listingEvaluation.ts';
import { screenListingText } from '../../workers/detectors/listingText/screenListingText.ts';
import { percentile } from '../percentile.ts';

function rate(rounds: number, work: () => void): number {
  const started = performance.now();
  for (let round = 0; round < rounds; round++) work();
  return rounds / ((performance.now() - started) / 1000);
}

export function benchListingText(): void {
  const { brands, listings } = loadListingSet();
  const names = brands.flatMap((brand) => [brand.name, ...brand.aliases].map((name) => name.toLowerCase()));
  let index = 0;
  const next = () => listings[index++ % listings.length]!.listing;
  const detectors = () => void screenListingText(next(), brands);
  const naive = () => {
    const listing = next();
    const text = `${listing.title}\n${listing.description}`.toLowerCase();
    void names.filter((name) => text.includes(name));
  };
  for (let warm = 0; warm < 2000; warm++) detectors();
  const detectorRates: number[] = [];
  const naiveRates: number[] = [];
  for (let run = 0; run < 5; run++) {
    detectorRates.push(rate(3000, detectors));
    naiveRates.push(rate(3000, naive));
  }
  const detectorMedian = percentile(detectorRates, 0.5);
  const naiveMedian = percentile(naiveRates, 0.5);
  console.log(`\n== Listing text detectors, one core (${listings.length} labelled listings, ${brands.length} brands, median of 5 runs of 3,000) ==`);
  console.log(`detectors: ${Math.round(detectorMedian)} screenings/s (${(1000 / detectorMedian).toFixed(3)} ms each)`);
  console.log(`naive substring baseline: ${Math.round(naiveMedian)} listings/s`);
  console.log(`ratio baseline/detectors: ${(naiveMedian / detectorMedian).toFixed(1)}x (the price of reading disguises, cues and prices)`);

  // A larger catalog: the fixture brands plus 488 made-up ones (each term is one more scan of the text).
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tov', 'sa', 'qui', 'bel', 'dor', 'vex', 'an', 'ti'];
  const large = [
    ...brands,
    ...Array.from({ length: 488 }, (_, n) => ({ ...brands[n % brands.length]!, key: `made-up-${n}`, name: `${syllables[n % 12]}${syllables[(n * 7) % 12]}${syllables[(n * 5 + 3) % 12]}`, aliases: [] })),
  ];
  const largeRates: number[] = [];
  for (let run = 0; run < 3; run++) largeRates.push(rate(500, () => void screenListingText(next(), large)));
  console.log(`detectors with ${large.length} brands: ${Math.round(percentile(largeRates, 0.5))} screenings/s`);

  // The marketplace family: longer, noisier descriptions (shop texts, bullet lists, hashtags) over 20 brands.
  const marketplace = loadListingSet('marketplace');
  let at = 0;
  const marketplaceRates: number[] = [];
  for (let run = 0; run < 3; run++) marketplaceRates.push(rate(1500, () => void screenListingText(marketplace.listings[at++ % marketplace.listings.length]!.listing, marketplace.brands)));
  console.log(`detectors on the marketplace family (${marketplace.listings.length} listings, ${marketplace.brands.length} brands): ${Math.round(percentile(marketplaceRates, 0.5))} screenings/s`);
}
