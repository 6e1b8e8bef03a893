'use strict';
// module.SourceMap: a Source Map V3 payload (or an index map with `sections`) and lookups in
// its mappings, with node's shapes: findEntry takes zero-based positions and answers {} where
// nothing maps; findOrigin takes one-based ones. The VLQ decoding is native.

const sourceMaps = binding.sourceMaps();
const { validateObject } = require('internal/errors');

// Fields per decoded segment (see decodeSourceMapMappings).
const SEGMENT_FIELDS = 7;

// A copy of the payload whose own array properties are copies too.
function clonePayload(payload) {
  const copy = { ...payload };
  for (const key of Object.keys(copy)) {
    if (Array.isArray(copy[key])) copy[key] = copy[key].slice();
  }
  return copy;
}

// The first entry of a map (for the test runner's coverage), not part of module.SourceMap.
let firstEntryOf;

class SourceMap {
  static {
    firstEntryOf = (map) => map.#entries[0];
  }

  #payload;
  #lineLengths;
  // Entries [generatedLine, generatedColumn, source, originalLine, originalColumn, name],
  // or just the first two for a segment that maps to no source; sorted by position.
  #entries = [];

  constructor(payload, { lineLengths } = {}) {
    validateObject(payload, 'payload');
    this.#payload = clonePayload(payload);
    if (this.#payload.sections) {
      for (const section of this.#payload.sections) {
        this.#addMappings(section.map, section.offset.line, section.offset.column);
      }
    } else {
      this.#addMappings(this.#payload, 0, 0);
    }
    this.#entries.sort((a, b) => (a[0] - b[0]) || (a[1] - b[1]));
    if (Array.isArray(lineLengths) && lineLengths.length) this.#lineLengths = lineLengths;
  }

  get payload() {
    return this.#payload;
  }

  get lineLengths() {
    return this.#lineLengths ? this.#lineLengths.slice() : undefined;
  }

  // The entries of one map, its first generated line at `lineOffset` and that line's first
  // column at `columnOffset`.
  #addMappings(map, lineOffset, columnOffset) {
    const sources = [];
    for (let i = 0; i < map.sources.length; i++) sources.push(map.sources[i]);
    const segments = sourceMaps.decodeSourceMapMappings(`${map.mappings}`);
    for (let i = 0; i < segments.length; i += SEGMENT_FIELDS) {
      const line = segments[i] + lineOffset;
      const column = segments[i] === 0 ? segments[i + 1] + columnOffset : segments[i + 1];
      const fieldCount = segments[i + 2];
      if (fieldCount === 1) {
        this.#entries.push([line, column]);
        continue;
      }
      const name = fieldCount > 4 ? map.names?.[segments[i + 6]] : undefined;
      this.#entries.push([line, column, sources[segments[i + 3]], segments[i + 4], segments[i + 5], name]);
    }
  }

  findEntry(lineOffset, columnOffset) {
    const entries = this.#entries;
    const before = (entry) => lineOffset < entry[0] || (lineOffset === entry[0] && columnOffset < entry[1]);
    // The last entry not after the position.
    let first = 0;
    let count = entries.length;
    while (count > 1) {
      const half = count >> 1;
      if (before(entries[first + half])) {
        count = half;
      } else {
        first += half;
        count -= half;
      }
    }
    const entry = entries[first];
    if (entry === undefined || (first === 0 && before(entry))) return {};
    return {
      generatedLine: entry[0],
      generatedColumn: entry[1],
      originalSource: entry[2],
      originalLine: entry[3],
      originalColumn: entry[4],
      name: entry[5],
    };
  }

  findOrigin(lineNumber, columnNumber) {
    const entry = this.findEntry(lineNumber - 1, columnNumber - 1);
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined ||
        entry.generatedLine === undefined || entry.generatedColumn === undefined) {
      return {};
    }
    return {
      name: entry.name,
      fileName: entry.originalSource,
      lineNumber: entry.originalLine + lineNumber - entry.generatedLine,
      columnNumber: entry.originalColumn + columnNumber - entry.generatedColumn,
    };
  }
}

module.exports = { SourceMap, firstEntryOf: (map) => firstEntryOf(map) };
