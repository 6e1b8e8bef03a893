'use strict';
// node:test's code coverage (--experimental-test-coverage, run({ coverage })): V8's block
// coverage, written by this process and the files' processes (NODE_V8_COVERAGE pointed at a
// directory of the run's own), merged per script, mapped back through source maps when they
// are on, and summed up per file as node's summary: lines, branches (V8's blocks) and
// functions, with `/* node:coverage ... */` comments ignoring lines.

const fs = require('fs');
const path = require('path');
const { fileURLToPath } = require('url');
const { codedError } = require('internal/errors');

const kCoverageFileName = /^coverage-(\d+)-(\d{13})-(\d+)\.json$/;
const kIgnoreNext = /\/\* node:coverage ignore next (?<count>\d+ )?\*\//;
const kEnableDisable = /\/\* node:coverage (?<status>enable|disable) \*\//;
const kLineEnding = /\r?\n$/u;
const kLineStarts = /(?<=\r?\n)/u;

// A line of a source: its offsets (the end before its line break), whether comments ignore it,
// and its count (an empty line counts as covered).
function sourceLine(number, startOffset, text, length = text?.length) {
  const breakLength = text == null ? 0 : kLineEnding.exec(text)?.[0].length ?? 0;
  const endOffset = startOffset + length - breakLength;
  return { line: number, startOffset, endOffset, ignore: false, count: startOffset === endOffset ? 1 : 0 };
}

// The lines a range of offsets touches (from the one it starts in); a line the range covers
// whole takes its count.
function linesOfRange(range, lines) {
  const { startOffset, endOffset, count } = range;
  const touched = [];
  let ignoredLines = 0;
  let low = 0;
  let high = lines.length;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const line = lines[middle];
    if (line !== undefined && startOffset >= line.startOffset && startOffset <= line.endOffset) {
      for (let index = middle; lines[index] !== undefined && endOffset > lines[index].startOffset; index++) {
        const current = lines[index];
        if (startOffset <= current.startOffset && endOffset >= current.endOffset) current.count = count;
        touched.push(current);
        if (current.ignore) ignoredLines++;
      }
      break;
    }
    if (line !== undefined && startOffset >= line.endOffset) low = middle + 1;
    else high = middle - 1;
  }
  return { lines: touched, ignoredLines };
}

function percentage(covered, total) {
  return total === 0 ? 100 : (covered / total) * 100;
}

const sameRange = (a, b) => a.startOffset === b.startOffset && a.endOffset === b.endOffset;
const rangeContains = (outer, inner) => outer.startOffset <= inner.startOffset && outer.endOffset >= inner.endOffset;

// One process's counts of a function added to another's: covered ranges are kept, equal ones
// summed, and of two uncovered ranges, one within the other, the smaller stays.
function mergeRanges(into, from) {
  const merged = new Set(into.ranges.filter((range) => range.count > 0));
  for (const range of from.ranges) {
    let equal = false;
    for (const existing of into.ranges) {
      if (sameRange(range, existing)) {
        existing.count += range.count;
        merged.add(existing);
        equal = true;
        break;
      }
      if (existing.count === 0 && range.count === 0) {
        if (rangeContains(existing, range)) merged.add(range);
        else if (rangeContains(range, existing)) merged.add(existing);
      }
    }
    if (range.count > 0 && !equal) merged.add(range);
  }
  into.ranges = [...merged];
}

// The functions of a script from one more process: the same function (name and outer range)
// merged, block counts winning over function counts; functions not seen before added.
function mergeScripts(into, from) {
  for (const fn of from.functions) {
    const same = into.functions.find((known) => known.functionName === fn.functionName &&
      known.ranges?.[0].startOffset === fn.ranges?.[0].startOffset &&
      known.ranges?.[0].endOffset === fn.ranges?.[0].endOffset);
    if (same === undefined) {
      into.functions.push(fn);
    } else if (fn.isBlockCoverage) {
      if (same.isBlockCoverage) {
        mergeRanges(same, fn);
      } else {
        same.isBlockCoverage = true;
        same.ranges = fn.ranges;
      }
    }
  }
}

class TestCoverage {
  #lines = new Map();

  constructor(directory, originalDirectory, options) {
    this.directory = directory;
    this.originalDirectory = originalDirectory;
    this.options = options;
  }

  // A source's lines (read from its file unless given), with what coverage comments ignore;
  // null for a file that can no longer be read.
  linesOf(url, source) {
    if (this.#lines.has(url)) return this.#lines.get(url);
    try {
      source ??= fs.readFileSync(fileURLToPath(url), 'utf8');
    } catch {
      this.#lines.set(url, null);
      return null;
    }
    let ignoring = 0;
    let enabled = true;
    let offset = 0;
    const lines = source.split(kLineStarts).map((text, index) => {
      const line = sourceLine(index + 1, offset, text);
      offset += text.length;
      if (ignoring > 0) {
        ignoring--;
        line.ignore = true;
      } else if (!enabled) {
        line.ignore = true;
      }
      if (!line.ignore) {
        const next = kIgnoreNext.exec(text);
        if (next !== null) ignoring = Number.parseInt(next.groups.count ?? 1, 10);
      }
      const status = kEnableDisable.exec(text)?.groups.status;
      if (status) {
        ignoring = 0;
        enabled = status === 'enable';
      }
      return line;
    });
    this.#lines.set(url, lines);
    return lines;
  }

  summary() {
    if (this.options.ownProcess !== false) require('internal/profilers').takeCoverage();
    const scripts = this.#collect();
    const totals = {
      __proto__: null,
      totalLineCount: 0,
      totalBranchCount: 0,
      totalFunctionCount: 0,
      coveredLineCount: 0,
      coveredBranchCount: 0,
      coveredFunctionCount: 0,
      coveredLinePercent: 0,
      coveredBranchPercent: 0,
      coveredFunctionPercent: 0,
    };
    const summary = {
      __proto__: null,
      workingDirectory: this.options.cwd,
      files: [],
      totals,
      thresholds: {
        __proto__: null,
        line: this.options.lineCoverage,
        branch: this.options.branchCoverage,
        function: this.options.functionCoverage,
      },
    };
    for (const { url, functions } of scripts) {
      const lines = this.linesOf(url);
      if (!lines) continue;
      const functionReports = [];
      const branchReports = [];
      let coveredBranches = 0;
      let coveredFunctions = 0;
      functions.forEach(({ isBlockCoverage, ranges, functionName }, index) => {
        let maxCount = 0;
        for (const range of ranges) {
          maxCount = Math.max(maxCount, range.count);
          Object.assign(range, linesOfRange(range, lines));
          if (isBlockCoverage) {
            branchReports.push({ __proto__: null, line: range.lines[0]?.line, count: range.count });
            if (range.count !== 0 || range.ignoredLines === range.lines.length) coveredBranches++;
          }
        }
        // The first function is the script's own code.
        if (index > 0 && ranges.length > 0) {
          const [outer] = ranges;
          functionReports.push({ __proto__: null, name: functionName, count: maxCount, line: outer.lines[0]?.line });
          if (outer.count !== 0 || outer.ignoredLines === outer.lines.length) coveredFunctions++;
        }
      });
      const lineReports = [];
      let coveredLines = 0;
      for (const line of lines) {
        if (!line.ignore) lineReports.push({ __proto__: null, line: line.line, count: line.count });
        if (line.count > 0 || line.ignore) coveredLines++;
      }
      summary.files.push({
        __proto__: null,
        path: fileURLToPath(url),
        totalLineCount: lines.length,
        totalBranchCount: branchReports.length,
        totalFunctionCount: functionReports.length,
        coveredLineCount: coveredLines,
        coveredBranchCount: coveredBranches,
        coveredFunctionCount: coveredFunctions,
        coveredLinePercent: percentage(coveredLines, lines.length),
        coveredBranchPercent: percentage(coveredBranches, branchReports.length),
        coveredFunctionPercent: percentage(coveredFunctions, functionReports.length),
        functions: functionReports,
        branches: branchReports,
        lines: lineReports,
      });
      totals.totalLineCount += lines.length;
      totals.totalBranchCount += branchReports.length;
      totals.totalFunctionCount += functionReports.length;
      totals.coveredLineCount += coveredLines;
      totals.coveredBranchCount += coveredBranches;
      totals.coveredFunctionCount += coveredFunctions;
    }
    totals.coveredLinePercent = percentage(totals.coveredLineCount, totals.totalLineCount);
    totals.coveredBranchPercent = percentage(totals.coveredBranchCount, totals.totalBranchCount);
    totals.coveredFunctionPercent = percentage(totals.coveredFunctionCount, totals.totalFunctionCount);
    summary.files.sort((a, b) => a.path.localeCompare(b.path));
    return summary;
  }

  // Collection ends; NODE_V8_COVERAGE is what it was, and the coverage files written for the run
  // are copied to the directory it named.
  cleanup() {
    require('internal/profilers').stopCoverage();
    if (this.originalDirectory === undefined) {
      delete process.env.NODE_V8_COVERAGE;
    } else {
      process.env.NODE_V8_COVERAGE = this.originalDirectory;
      fs.mkdirSync(this.originalDirectory, { recursive: true });
      for (const name of fs.readdirSync(this.directory)) {
        fs.copyFileSync(path.join(this.directory, name), path.join(this.originalDirectory, name));
      }
    }
    try {
      fs.rmSync(this.directory, { recursive: true });
    } catch {
      // What is left of the directory stays.
    }
  }

  // The scripts of every coverage file of the run, merged by URL.
  #collect() {
    const scripts = new Map();
    for (const name of fs.readdirSync(this.directory)) {
      if (!kCoverageFileName.test(name)) continue;
      const coverage = JSON.parse(fs.readFileSync(path.join(this.directory, name), 'utf8'));
      for (const script of this.#throughSourceMaps(coverage)) {
        if (this.skips(script.url)) continue;
        const known = scripts.get(script.url);
        if (known === undefined) scripts.set(script.url, script);
        else mergeScripts(known, script);
      }
    }
    return [...scripts.values()];
  }

  // With source maps on, a script's ranges are moved to the sources its map names (a range
  // whose ends map to different sources, or to none, is dropped).
  #throughSourceMaps(coverage) {
    const { result } = coverage;
    const maps = coverage['source-map-cache'];
    if (!this.options.sourceMaps || !maps) return result;
    const { SourceMap, firstEntryOf } = require('internal/source_map/source_map');
    const mapped = new Map();
    for (const script of result) {
      const { url, functions } = script;
      if (this.skips(url) || maps[url] == null) {
        mapped.set(url, script);
        continue;
      }
      const { data, lineLengths } = maps[url];
      if (!data) throw codedError(Error, 'ERR_SOURCE_MAP_CORRUPT', `The source map for '${url}' does not exist or is corrupt.`);
      let offset = 0;
      const generatedLines = lineLengths.map((length, index) => {
        const line = sourceLine(index + 1, offset, null, length + 1);
        offset += length + 1;
        return line;
      });
      if (data.sourcesContent != null) {
        data.sources.forEach((source, index) => this.linesOf(source, data.sourcesContent[index]));
      }
      const map = new SourceMap(data, { lineLengths });
      for (const { ranges, functionName, isBlockCoverage } of functions) {
        if (ranges == null) continue;
        let source;
        const newRanges = [];
        for (const range of ranges) {
          const { startOffset, endOffset, count } = range;
          const { lines } = linesOfRange(range, generatedLines);
          const first = lines[0];
          const last = lines[lines.length - 1];
          let start = map.findEntry(first.line - 1, Math.max(0, startOffset - first.startOffset));
          const end = map.findEntry(last.line - 1, endOffset - last.startOffset - 1);
          // A first line that maps nowhere starts where the first mapping does.
          if (!start.originalSource && end.originalSource && first.line === 1 && startOffset === 0 && first.startOffset === 0) {
            const entry = firstEntryOf(map);
            start = { originalSource: entry[2], originalLine: entry[3], originalColumn: entry[4] };
          }
          if (!start.originalSource || start.originalSource !== end.originalSource) continue;
          source ??= start.originalSource;
          const sourceLines = this.#mappedSourceLines(source);
          if (!sourceLines) {
            throw codedError(Error, 'ERR_SOURCE_MAP_MISSING_SOURCE', `Cannot find '${source}' imported from the source map for '${url}'`);
          }
          const mappedStart = this.#offsetOf(start, sourceLines);
          const mappedEnd = this.#offsetOf(end, sourceLines) + 1;
          if (mappedStart < 0 || mappedEnd < 1) continue;
          for (let line = start.originalLine; line <= end.originalLine; line++) sourceLines[line].count = count;
          newRanges.push({ __proto__: null, startOffset: mappedStart, endOffset: mappedEnd, count });
        }
        if (!source) continue;
        const target = mapped.get(source) ?? { __proto__: null, url: source, functions: [] };
        target.functions.push({ __proto__: null, functionName, ranges: newRanges, isBlockCoverage });
        mapped.set(source, target);
      }
    }
    return [...mapped.values()];
  }

  // The lines of a source a map names. Of a TypeScript source, the lines its types alone
  // make up (erased before it runs, as an `import type`) are ignored.
  #mappedSourceLines(url) {
    const known = this.#lines.has(url);
    const lines = this.linesOf(url);
    if (known || !lines || !/\.[cm]?ts$/.test(url)) return lines;
    let source;
    try {
      source = fs.readFileSync(fileURLToPath(url), 'utf8');
    } catch {
      return lines;
    }
    const stripped = binding.typescript().stripTypeScript(source, fileURLToPath(url));
    if (typeof stripped !== 'string') return lines;
    // (What stripping leaves of a line it erased is whitespace, or the `;` kept for ASI.)
    const erased = (text) => text !== undefined && /^\s*;?\s*$/.test(text);
    const strippedLines = stripped.split(kLineStarts);
    source.split(kLineStarts).forEach((text, index) => {
      if (!erased(text) && erased(strippedLines[index])) lines[index].ignore = true;
    });
    return lines;
  }

  #offsetOf(entry, lines) {
    const line = lines[Math.max(entry.originalLine, 0)];
    if (!line) return -1;
    return Math.min(line.startOffset + entry.originalColumn, line.endOffset);
  }

  // Files left out: builtins (anything not a file: URL), what the exclude globs match or the
  // include globs (when given) do not (by the path relative to the working directory or the
  // absolute one), mocked modules, and what is under node_modules.
  skips(url) {
    if (!url.startsWith('file:')) return true;
    const absolute = fileURLToPath(url);
    const relative = path.relative(this.options.cwd, absolute);
    const { matchGlobPattern } = require('internal/fs/glob');
    const matches = (pattern) => matchGlobPattern(relative, pattern) || matchGlobPattern(absolute, pattern);
    const { coverageExcludeGlobs: exclude, coverageIncludeGlobs: include } = this.options;
    if (exclude?.some(matches)) return true;
    if (include?.length > 0) return !include.some(matches);
    if (new URL(url).searchParams.get('node-test-mock')) return true;
    return url.includes('/node_modules/');
  }
}

// Starts a run's coverage: a fresh directory for its coverage files (NODE_V8_COVERAGE, for
// the files' processes too); the directory NODE_V8_COVERAGE named before gets them at cleanup.
function setupCoverage(options) {
  let originalDirectory = process.env.NODE_V8_COVERAGE;
  if (originalDirectory) originalDirectory = path.resolve(options.cwd, originalDirectory);
  else originalDirectory = undefined;
  const directory = fs.mkdtempSync(path.join(require('os').tmpdir(), 'node-coverage-'));
  require('internal/profilers').setCoverageDirectory(directory);
  process.env.NODE_V8_COVERAGE = directory;
  return new TestCoverage(directory, originalDirectory, options);
}

// A finished run's coverage, as node's root reports it. First (before the root's diagnostics)
// the summary is taken and the coverage cleaned up, what fails being a diagnostic pushed to
// `diagnostics`; then, after the counts, `report(emit)` emits the thresholds' failures and the
// summary (test:coverage) and answers whether coverage let the run pass (a failure sets the
// exit code, as node's).
function collectCoverage(coverage, diagnostics) {
  let summary = null;
  let failed = false;
  try {
    summary = coverage.summary();
  } catch (err) {
    diagnostics.push({ nesting: 0, message: `Warning: Could not report code coverage. ${err}` });
    failed = true;
  }
  try {
    coverage.cleanup();
  } catch (err) {
    diagnostics.push({ nesting: 0, message: `Warning: Could not clean up code coverage. ${err}` });
    failed = true;
  }
  const report = (emit) => {
    let passed = !failed;
    if (summary !== null) {
      const { totals, thresholds } = summary;
      for (const [name, actual, threshold] of [['line', totals.coveredLinePercent, thresholds.line],
        ['branch', totals.coveredBranchPercent, thresholds.branch],
        ['function', totals.coveredFunctionPercent, thresholds.function]]) {
        if (!(actual < threshold)) continue;
        passed = false;
        emit('test:diagnostic', { nesting: 0, message: `Error: ${actual.toFixed(2)}% ${name} coverage does not meet threshold of ${threshold}%.`, level: 'error' });
      }
      emit('test:coverage', { nesting: 0, summary });
    }
    if (!passed) process.exitCode = 1;
    return passed;
  };
  return { report };
}

// ---- The report table of a summary (tap and spec reporters) ----

const kColumns = [['line %', 'coveredLinePercent'], ['branch %', 'coveredBranchPercent'], ['funcs %', 'coveredFunctionPercent']];
const kEllipsis = '\u2026';

// Ranges of consecutive line numbers: 1 2 3 5 -> '1-3 5'.
function lineRanges(numbers) {
  const ranges = [];
  for (const number of numbers) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && number - last[last.length - 1] === 1) last[1] = number;
    else ranges.push([number]);
  }
  return ranges.map((range) => range.join('-')).join(' ');
}

function uncoveredLines(file) {
  return lineRanges(file.lines.filter((line) => line.count === 0).map((line) => line.line));
}

// Where a node of the file tree holds its file (a directory may be named 'file').
const kFile = Symbol('file');

// The files as a tree of their paths' parts (relative to the working directory), insertion
// ordered as an object's keys are; its depth and the longest part.
function fileTree(summary) {
  const tree = { __proto__: null };
  let depth = 1;
  let longest = 0;
  for (const file of summary.files) {
    const parts = path.relative(summary.workingDirectory, file.path).split(path.sep);
    let node = tree;
    parts.forEach((part, index) => {
      node[part] ||= { __proto__: null };
      node = node[part];
      if (index === parts.length - 1) node[kFile] = file;
      longest = Math.max(longest, part.length);
    });
    depth = Math.max(depth, parts.length);
  }
  return { tree, depth, longest };
}

// Node's coverage table: `prefix` (indentation and the reporter's symbol) before each line;
// the file column as wide as the deepest path needs, the uncovered lines as the longest list,
// both cut to fit a terminal's width.
function coverageReport(prefix, summary) {
  const { tree, depth, longest } = fileTree(summary);
  const columns = process.stdout.columns;
  let fileWidth = Math.max(longest + depth - 1, 'all files'.length);
  if (fileWidth > columns / 2) fileWidth = Math.floor(columns / 2);
  const columnWidths = kColumns.map(([title]) => Math.max(title.length, 6));
  const columnsWidth = columnWidths.reduce((sum, width) => sum + width + 3, 0);
  let uncoveredWidth = Math.max('uncovered lines'.length, ...summary.files.map((file) => uncoveredLines(file).length));
  let tableWidth = fileWidth + 2 + columnsWidth + uncoveredWidth + 2;
  const available = (columns || Infinity) - prefix.length;
  if (tableWidth > available) {
    fileWidth = Math.min(available * 0.5, fileWidth);
    uncoveredWidth = Math.max(available - columnsWidth - (fileWidth + 2) - 2, 1);
    tableWidth = available;
  } else {
    uncoveredWidth = Infinity;
  }
  const cutStart = (text, width) => (text.length > width ? `${kEllipsis}${text.slice(text.length - width + 1)}` : text);
  const cutEnd = (text, width) => (text.length > width ? `${text.slice(0, width - 1)}${kEllipsis}` : text);
  const row = (name, level, cells, uncovered) => {
    const fileCell = `${' '.repeat(level)}${cutStart(name.padEnd(fileWidth - level), fileWidth - level)}`;
    const numbers = cells.map((cell, index) => (typeof cell === 'number' ? cell.toFixed(2) : cell).padStart(columnWidths[index]));
    return `${prefix}${fileCell} | ${numbers.join(' | ')} | ${cutEnd(uncovered, uncoveredWidth)}\n`;
  };
  const rule = `${prefix}${'-'.repeat(tableWidth)}\n`;
  let report = `${prefix}start of coverage report\n${rule}`;
  report += row('file', 0, kColumns.map(([title]) => title), 'uncovered lines');
  report += rule;
  const body = (node, level) => {
    for (const key in node) {
      const file = node[key][kFile];
      if (file) {
        report += row(file.path.split(path.sep).pop(), level, kColumns.map(([, key]) => file[key]), uncoveredLines(file));
      } else {
        report += row(key, level, columnWidths.map(() => ''), '');
        body(node[key], level + 1);
      }
    }
  };
  body(tree, 0);
  report += rule;
  report += row('all files', 0, kColumns.map(([, key]) => summary.totals[key]), '');
  report += `${rule}${prefix}end of coverage report\n`;
  return report;
}

module.exports = { setupCoverage, collectCoverage, coverageReport };
