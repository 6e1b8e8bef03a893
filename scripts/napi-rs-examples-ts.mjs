// A module hook for napi-rs's example tests (scripts/napi-rs-examples.sh): their .ts files are
// compiled by TypeScript's transpileModule rather than loaded with the runtime's type stripping,
// because values.spec.ts imports an interface (`Rule`) by name from index.cjs, which only
// TypeScript's import elision removes (napi-rs runs them through oxc-node, which elides too).
import { createRequire, registerHooks } from 'node:module'

const ts = createRequire(process.env.NAPI_RS_EXAMPLES_MODULES)('typescript')

registerHooks({
  load(url, context, nextLoad) {
    const loaded = nextLoad(url, context)
    if (!url.endsWith('.ts')) return loaded
    const { outputText } = ts.transpileModule(String(loaded.source), {
      fileName: new URL(url).pathname,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ESNext, inlineSourceMap: true },
    })
    return { format: 'module', source: outputText, shortCircuit: true }
  },
})
