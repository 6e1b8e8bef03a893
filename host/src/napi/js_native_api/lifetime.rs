//! Lifetimes: references, handle scopes, instance data and external memory accounting.

use std::ffi::c_void;
use std::ptr::NonNull;

use napi_sys::*;

use crate::napi::boundary::{Failure, Status};
use crate::napi::reference::{Finalizer, Ownership, Reference};
use crate::napi::scope::HandleScope;
use crate::napi::value::{check_arg, ensure, from_napi, out, set_if_given, to_napi};

use super::objects::is_receiver;

/// The reference behind a `napi_ref`; NULL is napi_invalid_arg.
fn reference<'a>(reference: napi_ref) -> crate::napi::boundary::Result<&'a mut Reference> {
    check_arg(reference)?;
    // SAFETY: a non-null napi_ref is one napi_create_reference (or wrap) returned.
    Ok(unsafe { &mut *reference.cast::<Reference>() })
}

/// Opens a handle scope (escapable or not) on the env's stack.
fn open_scope(env: &mut crate::napi::Env, scope: &mut v8::PinScope, escapable: bool) -> *mut c_void {
    let frame = HandleScope::open(scope, escapable);
    let pointer = (&*frame as *const HandleScope).cast_mut().cast();
    env.push_handle_scope(frame);
    pointer
}

/// Closes the innermost handle scope if it is `scope`; anything else is a mismatch.
fn close_scope(env: &mut crate::napi::Env, scope: *mut c_void, escapable: bool) -> crate::napi::boundary::Result {
    check_arg(scope)?;
    let innermost = env.innermost_handle_scope();
    if innermost.map(|s| s as *const HandleScope as *mut c_void) != Some(scope) || innermost.is_some_and(|s| s.is_escapable() != escapable) {
        return Err(Failure::unrecorded(Status::HandleScopeMismatch));
    }
    env.pop_handle_scope();
    Ok(())
}

napi! {
    /// A reference to a value with an initial count (0 is weak).
    fn napi_create_reference(env: NoJs, _, value: napi_value, initial_refcount: u32, result: *mut napi_ref) {
        let value = from_napi(value)?;
        let result = out(result)?;
        // Before Node-API 10 (and outside NAPI_EXPERIMENTAL), only what can be held weakly.
        if env.module_api_version < 10 {
            ensure(is_receiver(env, value) || value.is_symbol(), Status::InvalidArg)?;
        }
        let reference = Reference::new(env, value, initial_refcount, Ownership::Userland, std::ptr::null_mut(), None);
        *result = reference.as_ptr().cast();
        Ok(())
    }

    /// Deletes a reference; the value may then be collected.
    fn napi_delete_reference(env: Basic, _, ref_: napi_ref) {
        check_arg(ref_)?;
        // SAFETY: a non-null napi_ref is a live reference.
        unsafe { Reference::delete(NonNull::new_unchecked(ref_.cast())) };
        Ok(())
    }

    /// Increments a reference's count.
    fn napi_reference_ref(env: NoJs, scope, ref_: napi_ref, result: *mut u32) {
        let count = reference(ref_)?.add_ref(scope);
        set_if_given(result, count);
        Ok(())
    }

    /// Decrements a reference's count (napi_generic_failure when already 0).
    fn napi_reference_unref(env: NoJs, scope, ref_: napi_ref, result: *mut u32) {
        let reference = reference(ref_)?;
        ensure(reference.count() != 0, Status::GenericFailure)?;
        let count = reference.release(scope);
        set_if_given(result, count);
        Ok(())
    }

    /// The referenced value, or NULL once collected.
    fn napi_get_reference_value(env: NoJs, _, ref_: napi_ref, result: *mut napi_value) {
        let reference = reference(ref_)?;
        let result = out(result)?;
        *result = reference.slot().map_or(std::ptr::null_mut(), |slot| to_napi(env.handle_of(slot)));
        Ok(())
    }

    /// Opens a handle scope.
    fn napi_open_handle_scope(env: NoJs, scope, result: *mut napi_handle_scope) {
        // Checked before the scope opens: Rust evaluates an assignment's value before its place.
        let result = out(result)?;
        *result = open_scope(env, scope, false).cast();
        Ok(())
    }

    /// Closes the innermost handle scope.
    fn napi_close_handle_scope(env: NoJs, _, scope_: napi_handle_scope) {
        close_scope(env, scope_.cast(), false)
    }

    /// Opens a handle scope from which one value can escape.
    fn napi_open_escapable_handle_scope(env: NoJs, scope, result: *mut napi_escapable_handle_scope) {
        let result = out(result)?;
        *result = open_scope(env, scope, true).cast();
        Ok(())
    }

    /// Closes the innermost (escapable) handle scope.
    fn napi_close_escapable_handle_scope(env: NoJs, _, scope_: napi_escapable_handle_scope) {
        close_scope(env, scope_.cast(), true)
    }

    /// Moves a value to the enclosing scope; once per scope.
    fn napi_escape_handle(env: NoJs, scope, scope_: napi_escapable_handle_scope, escapee: napi_value, result: *mut napi_value) {
        check_arg(scope_)?;
        let escapee = from_napi(escapee)?;
        let result = out(result)?;
        // SAFETY: a non-null escapable scope is one napi_open_escapable_handle_scope returned.
        let frame = unsafe { &mut *scope_.cast::<HandleScope>() };
        let escaped = frame.escape(escapee).ok_or(Status::EscapeCalledTwice)?;
        *result = to_napi(escaped);
        Ok(())
    }

    /// Tells V8 how much memory JS objects keep alive outside its heap.
    fn napi_adjust_external_memory(env: Basic, _, change_in_bytes: i64, adjusted_value: *mut i64) {
        let adjusted_value = out(adjusted_value)?;
        // V8 aborts on a change of 32 GiB or more either way (its
        // --external-memory-max-reasonable-size) and when the total would go below zero, and
        // node with it. Such a change is refused instead, and the total stops at zero (node's
        // own external memory keeps small decreases from reaching it there).
        const MAX_REASONABLE_CHANGE: i64 = 32 << 30;
        ensure(change_in_bytes > -MAX_REASONABLE_CHANGE && change_in_bytes < MAX_REASONABLE_CHANGE, Status::InvalidArg)?;
        let isolate = env.isolate();
        let change = if change_in_bytes < 0 {
            change_in_bytes.max(-isolate.adjust_amount_of_external_allocated_memory(0))
        } else {
            change_in_bytes
        };
        *adjusted_value = isolate.adjust_amount_of_external_allocated_memory(change);
        Ok(())
    }

    /// Associates data with the env, finalized at teardown (replacing earlier data unfinalized).
    fn napi_set_instance_data(env: Basic, _, data: *mut c_void, finalize_cb: napi_finalize, finalize_hint: *mut c_void) {
        env.set_instance_data(Finalizer { callback: finalize_cb, data, hint: finalize_hint });
        Ok(())
    }

    /// Schedules a finalizer on the loop, out of a GC finalizer (NAPI_EXPERIMENTAL).
    fn node_api_post_finalizer(env: Basic, scope, finalize_cb: napi_finalize, finalize_data: *mut c_void, finalize_hint: *mut c_void) {
        let finalizer = Finalizer { callback: finalize_cb, data: finalize_data, hint: finalize_hint };
        let reference = Reference::finalizer_only(env, finalizer);
        env.enqueue_finalizer(reference);
        Ok(())
    }

    /// The env's instance data (NULL if none).
    fn napi_get_instance_data(env: Basic, _, data: *mut *mut c_void) {
        let data = out(data)?;
        *data = env.instance_data.map_or(std::ptr::null_mut(), |(_, d)| d.data);
        Ok(())
    }
}
