/**
 * ZXing for the buyer page, loaded only when the browser cannot read a code itself: this module
 * and the library are one lazy chunk, its `.wasm` an asset of the page's own build.
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) } });

export { readBarcodes };
