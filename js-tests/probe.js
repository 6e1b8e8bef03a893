// What js-tests asks each runtime before a matrix run: its Node-API level and its own version.
console.log('napi', process.versions.napi);
console.log('version', globalThis.Deno?.version?.deno ?? globalThis.Bun?.version ?? process.versions.anode ?? process.version.slice(1));
