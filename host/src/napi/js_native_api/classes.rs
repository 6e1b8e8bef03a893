//! Classes and wrapping native objects: define_class, wrap/unwrap/remove_wrap, finalizers.

use std::ffi::{c_char, c_void};
use std::ptr::NonNull;

use napi_sys::*;

use super::functions::new_template;
use super::objects::{define_properties, property_attributes, property_name};
use crate::napi::boundary::Status;
use crate::napi::reference::{Finalizer, Ownership, Reference};
use crate::napi::value::{c_bytes, check_arg, ensure, from_napi, out, set_if_given, to_napi};

/// Internal fields of a napi_define_class instance: one, holding its wrap's reference.
/// Only these templates give objects internal fields here (V8's own array buffers and views
/// have two), so a count of exactly one identifies them.
const WRAP_FIELDS: usize = 1;

/// Where an object keeps its wrap: class instances in their internal field (no property
/// lookup), any other object under the isolate's private wrap key, as Node keeps all.
#[derive(Clone, Copy)]
enum WrapSlot<'s> {
    Field(v8::Local<'s, v8::Object>),
    Private(v8::Local<'s, v8::Object>, v8::Local<'s, v8::Private>),
}

/// The object to wrap, unwrap or unwrap from. An external is refused: V8 keeps no properties
/// on one (node 24 crashes wrapping it; a status is better).
fn wrappable<'s>(value: v8::Local<'s, v8::Value>) -> Result<v8::Local<'s, v8::Object>, Status> {
    ensure(!value.is_external(), Status::InvalidArg)?;
    v8::Local::<v8::Object>::try_from(value).map_err(|_| Status::InvalidArg)
}

impl<'s> WrapSlot<'s> {
    fn of(env: &mut crate::napi::Env, scope: &mut v8::PinScope<'s, '_>, object: v8::Local<'s, v8::Object>) -> Self {
        if object.internal_field_count() == WRAP_FIELDS {
            WrapSlot::Field(object)
        } else {
            WrapSlot::Private(object, env.wrap_key(scope))
        }
    }

    /// The wrap's reference, if the object is wrapped.
    fn get(&self, scope: &mut v8::PinScope) -> Option<NonNull<Reference>> {
        match *self {
            WrapSlot::Field(object) => {
                // SAFETY: reading the field's raw word is always allowed.
                let pointer = unsafe { object.get_aligned_pointer_from_internal_field(0, 0) };
                // Until first set the field holds undefined, a tagged (odd) word; what this
                // module stores is a reference (aligned, so even) or null.
                NonNull::new(pointer.cast_mut().cast()).filter(|p: &NonNull<Reference>| p.as_ptr() as usize & 1 == 0)
            }
            WrapSlot::Private(object, key) => {
                let value = object.get_private(scope, key)?;
                let external = v8::Local::<v8::External>::try_from(value).ok()?;
                NonNull::new(external.value().cast())
            }
        }
    }

    /// Stores (or with None clears) the wrap's reference.
    fn set(&self, scope: &mut v8::PinScope, reference: Option<NonNull<Reference>>) {
        match (*self, reference) {
            (WrapSlot::Field(object), reference) => {
                let pointer = reference.map_or(std::ptr::null_mut(), NonNull::as_ptr);
                object.set_aligned_pointer_in_internal_field(0, pointer.cast(), 0);
            }
            (WrapSlot::Private(object, key), Some(reference)) => {
                let external = v8::External::new(scope, reference.as_ptr().cast());
                object.set_private(scope, key, external.into());
            }
            (WrapSlot::Private(object, key), None) => {
                object.delete_private(scope, key);
            }
        }
    }
}

napi! {
    /// A class: a constructor with instance (prototype) and static properties.
    fn napi_define_class(env: Js, scope, utf8name: *const c_char, length: usize, constructor: napi_callback,
        callback_data: *mut c_void, property_count: usize, properties: *const napi_property_descriptor, result: *mut napi_value) {
        let result = out(result)?;
        let constructor = constructor.ok_or(Status::InvalidArg)?;
        if property_count > 0 {
            check_arg(properties)?;
        }
        let template = new_template(env, scope, constructor, callback_data, None);
        template.instance_template(scope).set_internal_field_count(WRAP_FIELDS);
        let name = v8::String::new_from_utf8(scope, c_bytes(utf8name, length)?, v8::NewStringType::Internalized)
            .ok_or(Status::GenericFailure)?;
        template.set_class_name(name);
        let descriptors = if property_count == 0 {
            &[][..]
        } else {
            // SAFETY: the addon passes `property_count` descriptors.
            unsafe { std::slice::from_raw_parts(properties, property_count) }
        };
        let signature = v8::Signature::new(scope, template);
        let prototype = template.prototype_template(scope);
        for descriptor in descriptors.iter().filter(|d| d.attributes & napi_static == 0) {
            let name = property_name(env, descriptor)?;
            let attributes = property_attributes(descriptor);
            if descriptor.getter.is_some() || descriptor.setter.is_some() {
                let getter = descriptor.getter.map(|g| new_template(env, scope, g, descriptor.data, None));
                let setter = descriptor.setter.map(|s| new_template(env, scope, s, descriptor.data, None));
                prototype.set_accessor_property(name, getter, setter, attributes);
            } else if let Some(method) = descriptor.method {
                let method = new_template(env, scope, method, descriptor.data, Some(signature));
                prototype.set_with_attr(name, method.into(), attributes);
            } else {
                let value = from_napi(descriptor.value)?;
                prototype.set_with_attr(name, value.into(), attributes);
            }
        }
        let function = template.get_function(scope).ok_or(Status::GenericFailure)?;
        *result = to_napi(function);
        let statics: Vec<napi_property_descriptor> =
            descriptors.iter().filter(|d| d.attributes & napi_static != 0).copied().collect();
        if !statics.is_empty() {
            define_properties(env, scope, function.into(), &statics)?;
        }
        Ok(())
    }

    /// Attaches a native object to a JS object, with an optional finalizer and reference.
    fn napi_wrap(env: Js, scope, js_object: napi_value, native_object: *mut c_void, finalize_cb: node_api_basic_finalize,
        finalize_hint: *mut c_void, result: *mut napi_ref) {
        let value = from_napi(js_object)?;
        let object = wrappable(value)?;
        let slot = WrapSlot::of(env, scope, object);
        ensure(slot.get(scope).is_none(), Status::InvalidArg)?;
        let finalizer = finalize_cb.map(|callback| Finalizer { callback: Some(callback), data: native_object, hint: finalize_hint });
        let ownership = if result.is_null() {
            Ownership::Runtime
        } else {
            ensure(finalizer.is_some(), Status::InvalidArg)?;
            Ownership::Userland
        };
        let reference = Reference::new(env, value, 0, ownership, native_object, finalizer);
        set_if_given(result, reference.as_ptr().cast());
        slot.set(scope, Some(reference));
        Ok(())
    }

    /// The native object a JS object wraps.
    fn napi_unwrap(env: Js, scope, js_object: napi_value, result: *mut *mut c_void) {
        let value = from_napi(js_object)?;
        let result = out(result)?;
        let object = wrappable(value)?;
        let reference = WrapSlot::of(env, scope, object).get(scope).ok_or(Status::InvalidArg)?;
        // SAFETY: wrap slots only ever hold live references.
        *result = unsafe { reference.as_ref().data };
        Ok(())
    }

    /// Detaches the native object; its finalizer will not run.
    fn napi_remove_wrap(env: Js, scope, js_object: napi_value, result: *mut *mut c_void) {
        let object = wrappable(from_napi(js_object)?)?;
        let slot = WrapSlot::of(env, scope, object);
        let reference = slot.get(scope).ok_or(Status::InvalidArg)?;
        // SAFETY: wrap slots only ever hold live references.
        let wrapped = unsafe { &mut *reference.as_ptr() };
        set_if_given(result, wrapped.data);
        slot.set(scope, None);
        if wrapped.ownership == Ownership::Userland {
            wrapped.reset_finalizer();
        } else {
            // SAFETY: the runtime owns it and nothing else points to it now.
            unsafe { Reference::delete(reference) };
        }
        Ok(())
    }

    /// Runs `finalize_cb` when `js_object` is collected; optionally returns a weak reference.
    fn napi_add_finalizer(env: NoJs, scope, js_object: napi_value, finalize_data: *mut c_void, finalize_cb: node_api_basic_finalize,
        finalize_hint: *mut c_void, result: *mut napi_ref) {
        let value = from_napi(js_object)?;
        check_arg(finalize_cb.map_or(std::ptr::null(), |f| f as *const c_void))?;
        ensure(value.is_object(), Status::InvalidArg)?;
        let ownership = if result.is_null() { Ownership::Runtime } else { Ownership::Userland };
        let finalizer = Finalizer { callback: finalize_cb, data: finalize_data, hint: finalize_hint };
        let reference = Reference::new(env, value, 0, ownership, finalize_data, Some(finalizer));
        set_if_given(result, reference.as_ptr().cast());
        Ok(())
    }
}
