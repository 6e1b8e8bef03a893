//! V8's platform, with the foreground tasks V8 posts for an isolate (a finished
//! WebAssembly compilation, a FinalizationRegistry cleanup, a GC step) handed to that
//! isolate's loop: a post from any thread queues the task and wakes the loop, as node's
//! per-isolate platform data signals its loop's async handle. V8's own queue would hold
//! them until something else woke the loop.

use std::collections::VecDeque;
use std::ffi::c_void;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::tasks::TaskSender;

/// The foreground tasks of one isolate.
#[derive(Default)]
struct IsolateTasks {
    ready: VecDeque<v8::Task>,
    delayed: Vec<(Instant, v8::Task)>,
    /// The loop to wake; None until the isolate is registered (V8 may post while the
    /// isolate is being made).
    wake: Option<TaskSender>,
}

impl IsolateTasks {
    fn wake(&self) {
        if let Some(wake) = &self.wake {
            wake.wake();
        }
    }
}

/// The isolates' tasks, by isolate address. A handful of isolates at most (the main
/// thread's and its workers'), looked up on every loop turn: a scan of a short list is
/// cheaper there than hashing the key.
struct Queues(Vec<(usize, IsolateTasks)>);

impl Queues {
    fn get(&self, key: usize) -> Option<&IsolateTasks> {
        self.0.iter().find(|(known, _)| *known == key).map(|(_, tasks)| tasks)
    }

    fn get_mut(&mut self, key: usize) -> Option<&mut IsolateTasks> {
        self.0.iter_mut().find(|(known, _)| *known == key).map(|(_, tasks)| tasks)
    }

    fn entry(&mut self, key: usize) -> &mut IsolateTasks {
        match self.0.iter().position(|(known, _)| *known == key) {
            Some(index) => &mut self.0[index].1,
            None => {
                self.0.push((key, IsolateTasks::default()));
                &mut self.0.last_mut().expect("just pushed").1
            }
        }
    }

    fn remove(&mut self, key: usize) -> Option<IsolateTasks> {
        let index = self.0.iter().position(|(known, _)| *known == key)?;
        Some(self.0.swap_remove(index).1)
    }
}

static QUEUES: Mutex<Queues> = Mutex::new(Queues(Vec::new()));

/// The queues, also after a thread panicked holding them (they stay consistent: each
/// change is one push or remove).
fn lock_queues() -> std::sync::MutexGuard<'static, Queues> {
    QUEUES.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn isolate_key(isolate: &v8::Isolate) -> usize {
    // SAFETY: UnsafeRawIsolatePtr is a transparent wrapper of the isolate's address.
    unsafe { std::mem::transmute::<v8::UnsafeRawIsolatePtr, *mut c_void>(isolate.as_raw_isolate_ptr()) as usize }
}

struct LoopPlatform;

impl LoopPlatform {
    fn post(isolate: *mut c_void, task: v8::Task, delay_in_seconds: f64) {
        let mut queues = lock_queues();
        let tasks = queues.entry(isolate as usize);
        if delay_in_seconds > 0.0 {
            let due = Instant::now() + Duration::from_secs_f64(delay_in_seconds);
            let earliest = tasks.delayed.iter().all(|(other, _)| due < *other);
            tasks.delayed.push((due, task));
            // The loop's wait is bounded by the earliest delayed task: a new earliest one
            // shortens it.
            if earliest && tasks.ready.is_empty() {
                tasks.wake();
            }
        } else {
            let was_idle = tasks.ready.is_empty();
            tasks.ready.push_back(task);
            if was_idle {
                tasks.wake();
            }
        }
    }
}

impl v8::PlatformImpl for LoopPlatform {
    fn post_task(&self, isolate: *mut c_void, task: v8::Task) {
        Self::post(isolate, task, 0.0);
    }

    fn post_non_nestable_task(&self, isolate: *mut c_void, task: v8::Task) {
        Self::post(isolate, task, 0.0);
    }

    fn post_delayed_task(&self, isolate: *mut c_void, task: v8::Task, delay_in_seconds: f64) {
        Self::post(isolate, task, delay_in_seconds);
    }

    fn post_non_nestable_delayed_task(&self, isolate: *mut c_void, task: v8::Task, delay_in_seconds: f64) {
        Self::post(isolate, task, delay_in_seconds);
    }

    /// Idle tasks are disabled (the platform is made without idle task support), so V8
    /// posts none; one that came would be dropped unrun, as V8 allows for idle work.
    fn post_idle_task(&self, _isolate: *mut c_void, _task: v8::IdleTask) {}
}

/// A new platform whose foreground tasks run on their isolates' loops.
pub(super) fn new_platform(pool_size: u32) -> v8::SharedRef<v8::Platform> {
    v8::new_custom_platform(pool_size, false, false, LoopPlatform).make_shared()
}

/// An isolate's place in the platform: its tasks wake `wake`'s loop until it is dropped,
/// after the isolate (the tasks still queued are deleted then).
pub(crate) struct Registration(usize);

impl Registration {
    pub(crate) fn new(isolate: &v8::Isolate, wake: TaskSender) -> Registration {
        let key = isolate_key(isolate);
        let mut queues = lock_queues();
        let tasks = queues.entry(key);
        tasks.wake = Some(wake);
        if !tasks.ready.is_empty() {
            tasks.wake();
        }
        Registration(key)
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let tasks = lock_queues().remove(self.0);
        drop(tasks);
    }
}

/// Runs the tasks the isolate has ready and its delayed tasks that are due, as node's loop
/// flushes its platform tasks: those posted meanwhile (an incremental GC's next step) wait for
/// the next turn, which their post wakes, so I/O is not held up behind them.
pub(super) fn run_foreground_tasks(isolate: &v8::Isolate) {
    let key = isolate_key(isolate);
    let due = {
        let mut queues = lock_queues();
        let Some(tasks) = queues.get_mut(key) else { return };
        if tasks.ready.is_empty() && tasks.delayed.is_empty() {
            return;
        }
        let now = Instant::now();
        let mut due: Vec<v8::Task> = tasks.ready.drain(..).collect();
        let mut index = 0;
        while index < tasks.delayed.len() {
            if tasks.delayed[index].0 <= now {
                due.push(tasks.delayed.swap_remove(index).1);
            } else {
                index += 1;
            }
        }
        due
    };
    for task in due {
        task.run();
    }
}

/// Whether the isolate has tasks ready to run.
pub(super) fn has_ready_tasks(isolate: &v8::Isolate) -> bool {
    let queues = lock_queues();
    queues.get(isolate_key(isolate)).is_some_and(|tasks| !tasks.ready.is_empty())
}

/// When the isolate's earliest delayed task is due, if it has one.
pub(super) fn next_delayed_task(isolate: &v8::Isolate) -> Option<Instant> {
    let queues = lock_queues();
    queues.get(isolate_key(isolate))?.delayed.iter().map(|(at, _)| *at).min()
}
