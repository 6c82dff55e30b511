// The two GS1 libraries ship no types; only what parse.ts uses is declared.
declare module 'gs1-barcode-parser-mod' {
  export interface ParsedElement {
    ai: string;
    dataTitle: string;
    data: string | number | Date;
  }
  export function parseBarcode(barcode: string): { codeName: string; parsedCodeItems: ParsedElement[] };
}

declare module 'digital-link.js' {
  export interface DigitalLinkObject {
    isValid(): boolean;
    getIdentifier(): Record<string, string>;
    getKeyQualifiers(): Record<string, string>;
    getAttributes(): Record<string, string>;
  }
  export function DigitalLink(input: string): DigitalLinkObject;
}
