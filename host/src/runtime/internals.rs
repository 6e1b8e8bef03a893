//! The JS internals Rust calls: functions host/lib defines on the object the bootstrap
//! returns (`internals.<name> = ...`), named by one enum and looked up once each.

use super::{handle_exception, RuntimeState};

macro_rules! internals {
    ($($variant:ident => $name:literal,)*) => {
        /// A function of the JS internals.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub(crate) enum Internal {
            $($variant,)*
        }

        impl Internal {
            pub const ALL: &[Internal] = &[$(Internal::$variant,)*];

            /// Its name on the internals object.
            pub fn name(self) -> &'static str {
                match self {
                    $(Internal::$variant => $name,)*
                }
            }
        }
    };
}

internals! {
    RunMain => "runMain",
    RunEval => "runEval",
    RunRepl => "runRepl",
    RunTests => "runTests",
    RunWatch => "runWatch",
    RunInspect => "runInspect",
    RunInternalThread => "runInternalThread",
    EmitSignal => "emitSignal",
    ProcessTimers => "processTimers",
    ProcessImmediates => "processImmediates",
    ProcessTicksAndRejections => "processTicksAndRejections",
    EmitBeforeExit => "emitBeforeExit",
    EmitExit => "emitExit",
    FatalException => "fatalException",
    InspectFatal => "inspectFatal",
    PromiseRejectHook => "promiseRejectHook",
    EmitInit => "emitInit",
    EnterAsyncScope => "enterAsyncScope",
    ExitAsyncScope => "exitAsyncScope",
    EmitDestroyed => "emitDestroyed",
    ChildEvent => "childEvent",
    CompleteRequest => "completeRequest",
    WorkerEvent => "workerEvent",
    WorkerMessage => "workerMessage",
    DescribeWorkerError => "describeWorkerError",
    WorkerMessageOutcome => "workerMessageOutcome",
    ParentPortMessage => "parentPortMessage",
    CloseUnmanagedFds => "closeUnmanagedFds",
    WorkerProfileCommand => "workerProfileCommand",
    DeliverPortMessages => "deliverPortMessages",
    PortWake => "portWake",
    PortFromTransfer => "portFromTransfer",
    ImportModule => "importModule",
    RequireBuiltin => "requireBuiltin",
    NetLookup => "netLookup",
    NetEvent => "netEvent",
    ZlibWriteDone => "zlibWriteDone",
    CryptoJobDone => "cryptoJobDone",
    DgramEvent => "dgramEvent",
    FsWatchEvent => "fsWatchEvent",
    DnsComplete => "dnsComplete",
    InitImportMeta => "initImportMeta",
    VmImportDynamically => "vmImportDynamically",
    VmInitImportMeta => "vmInitImportMeta",
    WasmStreamingCompile => "wasmStreamingCompile",
    LocksEvent => "locksEvent",
    PrepareStackTrace => "prepareStackTrace",
    SourceMapErrorSource => "sourceMapErrorSource",
    MaybeCacheGeneratedSourceMap => "maybeCacheGeneratedSourceMap",
    ShadowRealmCreated => "shadowRealmCreated",
    ShadowRealmImport => "shadowRealmImport",
    ShadowRealmInitImportMeta => "shadowRealmInitImportMeta",
}

impl Internal {
    /// The internal called `name`, for JS that asks the loop to call one (wakeLoop).
    pub fn named(name: &str) -> Option<Internal> {
        Internal::ALL.iter().copied().find(|internal| internal.name() == name)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Calls `internals[name](...args)`; an exception goes through process 'uncaughtException'
/// and, if nothing handles it, ends the process. Returns `None` when the call threw.
pub(crate) fn call_internal<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    internal: Internal,
    args: &[v8::Local<v8::Value>],
) -> Option<v8::Local<'s, v8::Value>> {
    let state = RuntimeState::get(scope);
    let (internals, function) = state.internal_function(scope, internal)?;
    state.open_callback_scope();
    v8::tc_scope!(let tc, scope);
    // Verbose, as node's top level: V8 predicts what this catches as uncaught, so the
    // debugger's "pause on uncaught exceptions" stops at it (the isolate's no-op message
    // listener, exit.rs, keeps V8 from printing it; anode reports it itself).
    tc.set_verbose(true);
    let result = function.call(tc, internals.into(), args);
    state.close_callback_scope();
    if result.is_none() {
        handle_exception(tc);
        return None;
    }
    let result = result.map(|v| v8::Local::new(tc, v))?;
    // SAFETY: the value lives in the caller's handle scope; the TryCatch opened none.
    Some(unsafe { std::mem::transmute::<v8::Local<'_, v8::Value>, v8::Local<'s, v8::Value>>(result) })
}

#[cfg(test)]
mod tests {
    use super::Internal;

    /// Every internal Rust calls is defined by a builtin, as `internals.<name> = ...`.
    #[test]
    fn every_internal_is_defined_in_host_lib() {
        let lib = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lib");
        let mut sources = String::new();
        let mut folders = vec![lib];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    sources.push_str(&std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let missing: Vec<_> = Internal::ALL.iter().filter(|internal| !sources.contains(&format!("internals.{} =", internal.name()))).collect();
        assert!(missing.is_empty(), "internals Rust calls but host/lib does not define: {missing:?}");
    }

    #[test]
    fn names_round_trip() {
        for &internal in Internal::ALL {
            assert_eq!(Internal::named(internal.name()), Some(internal));
        }
        assert_eq!(Internal::named("noSuchInternal"), None);
    }
}
