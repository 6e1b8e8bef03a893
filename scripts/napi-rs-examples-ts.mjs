// A module hook for napi-rs's example tests (scripts/napi-rs-examples.sh): their .ts files are
// compiled by TypeScript's transpileModule rather than loaded with the runtime's type stripping,
// because values.spec.ts imports an interface (`Rule`) by name from index.cjs, which only
// TypeScript's import elision removes (napi-rs runs them through oxc-node, which elides too).
import { createRequire, registerHooks } from 'node:module'

// Loaded on the first .ts file only: worker-thread.spec.ts starts workers by the hundred (the
// hook is in their execArgv), which load only .js files, and each loading TypeScript took
// most of the spec's 60 s.
let ts

registerHooks({
  load(url, context, nextLoad) {
    const loaded = nextLoad(url, context)
    if (!url.endsWith('.ts')) return loaded
    ts ??= createRequire(process.env.NAPI_RS_EXAMPLES_MODULES)('typescript')
    const { outputText } = ts.transpileModule(String(loaded.source), {
      fileName: new URL(url).pathname,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ESNext, inlineSourceMap: true },
    })
    return { format: 'module', source: outputText, shortCircuit: true }
  },
})
