// A main .js file with ES module syntax and no "type" in its package.json runs as an ES
// module (with node's warning about the typeless package.json).
import { basename } from 'node:path';

const value = await Promise.resolve('top-level await in the main module');
console.log(basename(import.meta.filename), import.meta.main, value);
console.log(typeof require, typeof module, typeof exports, typeof __filename, this);
console.log('process.mainModule', process.mainModule);
