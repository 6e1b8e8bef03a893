//! References: handles the addon (or the runtime) keeps across calls. A count above zero
//! holds the value strongly; at zero it is weak and the GC may collect it. A GC callback
//! never runs addon code: it queues the reference, and the loop finalizes it later.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ffi::c_void;
use std::mem::MaybeUninit;
use std::ptr::NonNull;

use napi_sys as sys;

use super::env::Env;
use super::v8_layout::global;

/// Who deletes a reference: the addon (napi_delete_reference) or the runtime, once finalized.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ownership {
    Runtime,
    Userland,
}

/// An addon finalizer and its arguments; taken (and so run) at most once.
#[derive(Clone, Copy)]
pub struct Finalizer {
    pub callback: sys::napi_finalize,
    pub data: *mut c_void,
    pub hint: *mut c_void,
}


enum Handle {
    /// A strong global slot.
    Strong(NonNull<v8::Value>),
    /// A weak global slot whose GC callback is [`on_collected`] with this reference; the
    /// callback empties the handle, so a `Weak` slot always holds a live value.
    Weak(NonNull<v8::Value>),
    Empty,
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Handle::Strong(slot) | Handle::Weak(slot) = *self {
            // SAFETY: the slot is ours until reset, and references are dropped on the JS thread.
            unsafe { global::reset(slot) };
        }
    }
}

/// First-pass GC callback of a weak reference whose value was collected: V8 requires the
/// slot reset here; the finalizer is queued for the loop, or run in the GC's second pass
/// for a NAPI_EXPERIMENTAL module (Node runs those from the GC).
unsafe extern "C" fn on_collected(info: *const global::CallbackInfo) {
    // SAFETY: the parameter is the live reference that owns the slot (see `make_weak`).
    let reference = unsafe { &mut *global::parameter(info).cast::<Reference>() };
    reference.handle = Handle::Empty;
    // SAFETY: V8 calls back on the isolate's own thread; a reference's env outlives its weak
    // slot (teardown finalizes every tracked reference, resetting its slot, before the env
    // is freed).
    if unsafe { (*reference.env).reference_collected(NonNull::from(reference)) } {
        unsafe { global::set_second_pass(info, finalize_in_gc) };
    }
}

/// Second-pass GC callback: runs the finalizers the first pass queued for running in the GC.
unsafe extern "C" fn finalize_in_gc(info: *const global::CallbackInfo) {
    let mut isolate = unsafe { global::isolate(info) };
    // SAFETY: as in `on_collected`.
    let isolate = unsafe { v8::Isolate::ref_from_raw_isolate_ptr_mut_unchecked(&mut isolate) };
    Env::finalize_collected_in_gc(isolate);
}

pub struct Reference {
    env: *mut Env,
    handle: Handle,
    count: u32,
    pub ownership: Ownership,
    /// The native object of a wrap (napi_unwrap returns it).
    pub data: *mut c_void,
    finalizer: Option<Finalizer>,
    /// Finalized at teardown (until it is finalized).
    tracked: bool,
    /// Has a finalizer: finalized in teardown's first round.
    finalizing: bool,
    /// Waiting in the env's finalizer queue (deleting it must take it out).
    queued: bool,
    /// When it was made, among the env's references: teardown finalizes the newest first.
    order: u64,
}

/// References whose GC callbacks fired, waiting for the loop to finalize them.
#[derive(Default)]
pub struct FinalizerQueue {
    pending: RefCell<VecDeque<NonNull<Reference>>>,
    scheduled: Cell<bool>,
}

impl FinalizerQueue {
    /// Queues a reference; true when the queue was idle and a drain must be scheduled.
    pub fn push(&self, mut reference: NonNull<Reference>) -> bool {
        // SAFETY: a live reference; only the JS thread touches it.
        unsafe { reference.as_mut().queued = true };
        self.pending.borrow_mut().push_back(reference);
        !self.scheduled.replace(true)
    }

    pub fn pop(&self) -> Option<NonNull<Reference>> {
        let next = self.pending.borrow_mut().pop_front();
        match next {
            // SAFETY: queued references are live until finalized.
            Some(mut reference) => unsafe { reference.as_mut().queued = false },
            None => self.scheduled.set(false),
        }
        next
    }

    /// Finalizes every queued reference, including those queued meanwhile. The caller
    /// holds its own `Rc`, so finalizers may delete references (and so touch the queue).
    pub fn finalize_all(&self, scope: &mut v8::PinScope) {
        while let Some(reference) = self.pop() {
            // SAFETY: a queued reference is live; deleting one takes it out of the queue.
            unsafe { Reference::finalize(reference, scope) };
        }
    }

    /// Takes a reference out of the queue; only ones that are queued pay the search.
    pub fn remove(&self, reference: &Reference) {
        if reference.queued {
            let pointer: *const Reference = reference;
            self.pending.borrow_mut().retain(|queued| queued.as_ptr().cast_const() != pointer);
        }
    }
}

/// The env's references, in chunks of entries that never move (a napi_ref is an entry's
/// address), vacant entries chained for reuse: addons often make and delete a reference per
/// call, and then neither costs an allocation. Tracked references (not yet finalized) are
/// finalized at teardown, those with a finalizer first: their finalizers may delete the
/// others. Entries are kept for the env's life, so its memory is its peak reference count.
pub struct Tracker {
    chunks: Vec<NonNull<[Entry; CHUNK]>>,
    /// The most recently vacated entry (NULL when every entry is occupied).
    vacant: *mut Entry,
    /// The order the next reference gets.
    next_order: u64,
}

const CHUNK: usize = 64;

#[repr(C)]
struct Entry {
    /// First, so that the entry's address is the reference's.
    reference: MaybeUninit<Reference>,
    occupied: bool,
    /// The next vacant entry, while this one is vacant.
    next_vacant: *mut Entry,
}

impl Default for Tracker {
    fn default() -> Tracker {
        Tracker { chunks: Vec::new(), vacant: std::ptr::null_mut(), next_order: 0 }
    }
}

impl Drop for Tracker {
    /// Frees the references left when the env is freed (those the addon never deleted),
    /// then the chunks.
    fn drop(&mut self) {
        for chunk in self.chunks.drain(..) {
            // SAFETY: made by `grow` with Box::into_raw; an occupied entry holds a reference.
            let mut chunk = unsafe { Box::from_raw(chunk.as_ptr()) };
            for entry in chunk.iter_mut().filter(|entry| entry.occupied) {
                // SAFETY: occupied, and dropped once (the chunk goes with it).
                unsafe { entry.reference.assume_init_drop() };
            }
        }
    }
}

impl Tracker {
    /// Moves `reference` into a vacant entry, giving it the next order.
    fn insert(&mut self, mut reference: Reference) -> NonNull<Reference> {
        if self.vacant.is_null() {
            self.grow();
        }
        reference.order = self.next_order;
        self.next_order += 1;
        // SAFETY: a vacant entry of a live chunk.
        let entry = unsafe { &mut *self.vacant };
        self.vacant = entry.next_vacant;
        entry.occupied = true;
        NonNull::from(entry.reference.write(reference))
    }

    /// The tracked references of this kind made at `since` or later, oldest first.
    fn tracked_since(&self, since: u64, finalizing: bool) -> Vec<(u64, NonNull<Reference>)> {
        let mut found: Vec<(u64, NonNull<Reference>)> = (0..self.chunks.len() * CHUNK)
            .filter_map(|index| self.tracked_at(index, finalizing))
            // SAFETY: tracked_at returns occupied entries' references.
            .map(|reference| (unsafe { reference.as_ref() }.order, reference))
            .filter(|&(order, _)| order >= since)
            .collect();
        found.sort_unstable_by_key(|&(order, _)| order);
        found
    }

    /// Whether `reference`'s entry still holds the tracked reference of this kind made at `order`.
    fn still_tracked(&self, reference: NonNull<Reference>, order: u64, finalizing: bool) -> bool {
        let entry = reference.as_ptr().cast::<Entry>();
        // SAFETY: entries never move and live as long as the tracker; an occupied entry holds
        // an initialized reference.
        if !unsafe { (*entry).occupied } {
            return false;
        }
        let held = unsafe { (*entry).reference.assume_init_ref() };
        held.order == order && held.tracked && held.finalizing == finalizing
    }

    /// An order for something finalized among the references (the instance data).
    pub fn take_order(&mut self) -> u64 {
        self.next_order += 1;
        self.next_order - 1
    }

    /// Finalizes every tracked reference, those with a finalizer (and the instance data)
    /// first, as their finalizers may delete the others; each kind newest first as node's
    /// lists hold them (linked at the head); references the finalizers make meanwhile are
    /// newer still.
    pub fn finalize_all(env: &mut Env, scope: &mut v8::PinScope) {
        for finalizing in [true, false] {
            let mut pending = env.references.tracked_since(0, finalizing);
            let mut seen = env.references.next_order;
            loop {
                let next = pending.last().map(|&(order, _)| order);
                let instance_data_next = finalizing && env.instance_data.is_some_and(|(order, _)| next.is_none_or(|next| order > next));
                if instance_data_next {
                    if let Some((_, finalizer)) = env.instance_data.take() {
                        env.call_finalizer(scope, finalizer);
                    }
                } else {
                    let Some((order, reference)) = pending.pop() else { break };
                    if !env.references.still_tracked(reference, order, finalizing) {
                        continue;
                    }
                    // SAFETY: a live tracked reference.
                    unsafe { Reference::finalize(reference, scope) };
                }
                if env.references.next_order != seen {
                    pending.extend(env.references.tracked_since(seen, finalizing));
                    seen = env.references.next_order;
                }
            }
        }
    }

    /// Adds a chunk of vacant entries.
    #[cold]
    fn grow(&mut self) {
        let chunk: Box<[Entry; CHUNK]> = Box::new(std::array::from_fn(|_| Entry {
            reference: MaybeUninit::uninit(),
            occupied: false,
            next_vacant: std::ptr::null_mut(),
        }));
        let chunk = Box::into_raw(chunk);
        // SAFETY: just allocated; chained in address order.
        for index in (0..CHUNK).rev() {
            let entry = unsafe { &raw mut (*chunk)[index] };
            unsafe { (*entry).next_vacant = self.vacant };
            self.vacant = entry;
        }
        self.chunks.push(NonNull::new(chunk).expect("allocated"));
    }

    /// Drops a reference and makes its entry vacant.
    ///
    /// # Safety
    /// `reference` came from `insert` and is not used again.
    unsafe fn remove(&mut self, reference: NonNull<Reference>) {
        let entry = reference.as_ptr().cast::<Entry>();
        // SAFETY: the reference is its entry's first field, occupied.
        unsafe {
            std::ptr::drop_in_place(reference.as_ptr());
            (*entry).occupied = false;
            (*entry).next_vacant = self.vacant;
        }
        self.vacant = entry;
    }

    /// The reference in entry `index` of all chunks, if one is there and tracked.
    fn tracked_at(&self, index: usize, finalizing: bool) -> Option<NonNull<Reference>> {
        // SAFETY: chunks live while the tracker does; an occupied entry holds a reference.
        let entry = unsafe { &mut (*self.chunks[index / CHUNK].as_ptr())[index % CHUNK] };
        if !entry.occupied {
            return None;
        }
        let reference = unsafe { entry.reference.assume_init_mut() };
        (reference.tracked && reference.finalizing == finalizing).then(|| NonNull::from(reference))
    }
}

/// Whether V8 can hold a value weakly (objects and symbols; Node's CanBeHeldWeakly).
fn can_be_weak(value: v8::Local<v8::Value>) -> bool {
    value.is_object() || value.is_symbol()
}

impl Reference {
    /// Creates and tracks a reference; the env owns it until it is deleted or finalized.
    pub fn new(
        env: &mut Env,
        value: v8::Local<v8::Value>,
        count: u32,
        ownership: Ownership,
        data: *mut c_void,
        finalizer: Option<Finalizer>,
    ) -> NonNull<Reference> {
        let env_pointer: *mut Env = env;
        let isolate = env.raw_isolate();
        let mut pointer = env.references.insert(Reference {
            env: env_pointer,
            handle: Handle::Empty,
            count,
            ownership,
            data,
            finalizer,
            tracked: true,
            finalizing: finalizer.is_some(),
            queued: false,
            order: 0,
        });
        // SAFETY: just inserted; the env keeps it until it is removed.
        let reference = unsafe { pointer.as_mut() };
        if count == 0 {
            reference.hold_weakly(isolate, value);
        } else {
            reference.handle = Handle::Strong(global::strong(isolate, value));
        }
        pointer
    }

    /// The referenced value, or None once it was collected.
    pub fn get<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> Option<v8::Local<'s, v8::Value>> {
        self.slot().map(|slot| global::to_local(scope, slot))
    }

    /// The global slot of the referenced value, or None once it was collected.
    pub fn slot(&self) -> Option<NonNull<v8::Value>> {
        match self.handle {
            Handle::Strong(slot) | Handle::Weak(slot) => Some(slot),
            Handle::Empty => None,
        }
    }

    pub fn count(&self) -> u32 {
        self.count
    }

    fn is_collected(&self) -> bool {
        matches!(self.handle, Handle::Empty)
    }

    /// Increments the count (making the value strong again at 1); 0 once collected.
    pub fn add_ref(&mut self, scope: &mut v8::PinScope) -> u32 {
        if self.is_collected() {
            return 0;
        }
        self.count += 1;
        if self.count == 1 && matches!(self.handle, Handle::Weak(_)) {
            if let Some(value) = self.get(scope) {
                self.handle = Handle::Strong(global::strong(self.isolate(), value));
            }
        }
        self.count
    }

    /// Decrements the count (making the value weak at 0); 0 once collected.
    pub fn release(&mut self, scope: &mut v8::PinScope) -> u32 {
        if self.is_collected() || self.count == 0 {
            return 0;
        }
        self.count -= 1;
        if self.count == 0 {
            self.make_weak(scope);
        }
        self.count
    }

    /// Drops the strong hold (see `hold_weakly`).
    fn make_weak(&mut self, scope: &mut v8::PinScope) {
        if let Some(value) = self.get(scope) {
            self.hold_weakly(self.isolate(), value);
        }
    }

    /// The isolate of the reference's env.
    fn isolate(&self) -> v8::UnsafeRawIsolatePtr {
        // SAFETY: the env outlives its references (it holds them).
        unsafe { (*self.env).raw_isolate() }
    }

    /// Holds `value` weakly: objects and symbols with a GC callback that queues this
    /// reference; other values cannot be weak and are released.
    fn hold_weakly(&mut self, isolate: v8::UnsafeRawIsolatePtr, value: v8::Local<v8::Value>) {
        if !can_be_weak(value) {
            self.handle = Handle::Empty;
            return;
        }
        let this: *mut Reference = self;
        // SAFETY: a live local; the reference stays at this address until freed, and
        // freeing it resets the slot first (dropping the handle).
        let slot = unsafe { global::weak(isolate, value, this.cast(), on_collected) };
        self.handle = Handle::Weak(slot);
    }

    /// A tracked finalizer with no value (node's TrackedFinalizer, for node_api_post_finalizer).
    pub fn finalizer_only(env: &mut Env, finalizer: Finalizer) -> NonNull<Reference> {
        let env_pointer: *mut Env = env;
        env.references.insert(Reference {
            env: env_pointer,
            handle: Handle::Empty,
            count: 0,
            ownership: Ownership::Runtime,
            data: finalizer.data,
            finalizer: Some(finalizer),
            tracked: true,
            finalizing: true,
            queued: false,
            order: 0,
        })
    }

    /// Takes the finalizer out so it can no longer run (napi_remove_wrap of a user ref).
    pub fn reset_finalizer(&mut self) {
        self.finalizer = None;
        self.data = std::ptr::null_mut();
    }

    /// Node's Reference::Finalize: releases the value, stops tracking, runs the finalizer once,
    /// and frees the reference when the runtime owns it. `this` may be freed on return.
    ///
    /// # Safety
    /// `this` must be a live reference, not borrowed elsewhere.
    pub unsafe fn finalize(this: NonNull<Reference>, scope: &mut v8::PinScope) {
        let reference = unsafe { &mut *this.as_ptr() };
        reference.handle = Handle::Empty;
        reference.tracked = false;
        let env = reference.env;
        let free_after = reference.ownership == Ownership::Runtime;
        let finalizer = reference.finalizer.take();
        if let Some(finalizer) = finalizer {
            // SAFETY: the env outlives its references; the finalizer may delete `this`.
            unsafe { (*env).call_finalizer(scope, finalizer) };
        }
        if free_after {
            // SAFETY: untracked above; the runtime owns it, so nothing else removes it.
            unsafe { (*env).references.remove(this) };
        }
    }

    /// napi_delete_reference: drops any queued finalization and frees it.
    ///
    /// # Safety
    /// `this` must be a live reference created by [`Reference::new`].
    pub unsafe fn delete(this: NonNull<Reference>) {
        let reference = unsafe { &mut *this.as_ptr() };
        let env = reference.env;
        if reference.queued {
            // SAFETY: the env outlives its references.
            unsafe { (*env).unqueue(reference) };
        }
        // SAFETY: the env outlives its references; `this` is not used after.
        unsafe { (*env).references.remove(this) };
    }
}
