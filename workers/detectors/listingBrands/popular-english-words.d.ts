// The package ships no types: the one call the brand detector makes.
declare module 'popular-english-words' {
  export const words: { getMostPopular(count: number): string[] };
}
