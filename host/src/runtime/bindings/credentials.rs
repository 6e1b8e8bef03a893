//! The process's user and group ids: reading them, and node's setters (setuid and co.,
//! setgroups, initgroups), which take a numeric id or a user or group name.

use super::*;

use std::ffi::{CStr, CString};

/// One id of the process (process.getuid and co.): argument 0 uid, 1 euid, 2 gid, 3 egid.
pub(super) fn credential(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let which = args.get(0).uint32_value(scope).unwrap_or(0);
    // SAFETY: these calls only read the process's credentials.
    let id = unsafe {
        match which {
            0 => libc::getuid(),
            1 => libc::geteuid(),
            2 => libc::getgid(),
            _ => libc::getegid(),
        }
    };
    rv.set_uint32(id);
}

/// The supplementary group ids, with the effective group id always among them (as node's
/// process.getgroups ensures).
pub(super) fn groups(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    // SAFETY: getgroups with a size of 0 only counts; the second call fills at most `count` ids.
    let mut ids = unsafe {
        let count = libc::getgroups(0, std::ptr::null_mut());
        let mut ids = vec![0 as libc::gid_t; count.max(0) as usize];
        let filled = libc::getgroups(count.max(0), ids.as_mut_ptr());
        ids.truncate(filled.max(0) as usize);
        ids
    };
    // SAFETY: reads the process's effective group id.
    let egid = unsafe { libc::getegid() };
    if !ids.contains(&egid) {
        ids.push(egid);
    }
    rv.set(number_array(scope, ids.iter().map(|&id| f64::from(id))).into());
}

#[derive(Clone, Copy)]
enum Database {
    Users,
    Groups,
}

/// The id a JS value names: a number as it is, a string through the user or group database.
fn lookup_id(scope: &mut v8::PinScope, value: v8::Local<v8::Value>, database: Database) -> Option<u32> {
    if value.is_number() {
        return value.uint32_value(scope);
    }
    let name = CString::new(value.to_rust_string_lossy(scope)).ok()?;
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: the reentrant lookups write the entry's strings into `buffer`, of the size given,
    // and set `found` to the entry or to null.
    unsafe {
        match database {
            Database::Users => {
                let mut entry: libc::passwd = std::mem::zeroed();
                let mut found = std::ptr::null_mut();
                libc::getpwnam_r(name.as_ptr(), &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found);
                (!found.is_null()).then_some(entry.pw_uid)
            }
            Database::Groups => {
                let mut entry: libc::group = std::mem::zeroed();
                let mut found = std::ptr::null_mut();
                libc::getgrnam_r(name.as_ptr(), &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found);
                (!found.is_null()).then_some(entry.gr_gid)
            }
        }
    }
}

/// The user name of a uid (initgroups takes a name).
fn user_name(uid: u32) -> Option<CString> {
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: as in lookup_id; pw_name points into `buffer` while it lives.
    unsafe {
        let mut entry: libc::passwd = std::mem::zeroed();
        let mut found = std::ptr::null_mut();
        libc::getpwuid_r(uid, &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found);
        (!found.is_null()).then(|| CStr::from_ptr(entry.pw_name).to_owned())
    }
}

/// Node's ErrnoException: `EPERM, Operation not permitted`, with errno, code and syscall.
fn throw_errno(scope: &mut v8::PinScope, syscall: &str) {
    let error = std::io::Error::last_os_error();
    let errno = error.raw_os_error().unwrap_or(0);
    let (code, _) = errno_name(errno, &error);
    // SAFETY: strerror returns a static, NUL-terminated description.
    let description = unsafe { CStr::from_ptr(libc::strerror(errno)) }.to_string_lossy().into_owned();
    let message = string(scope, &format!("{code}, {description}"));
    let exception = v8::Exception::error(scope, message).cast::<v8::Object>();
    let fields: [(&str, v8::Local<v8::Value>); 3] = [
        ("errno", v8::Integer::new(scope, errno).into()),
        ("code", string(scope, code).into()),
        ("syscall", string(scope, syscall).into()),
    ];
    for (name, value) in fields {
        set_property(scope, exception, name, value);
    }
    scope.throw_exception(exception.into());
}

/// setId(call, id): setuid, seteuid, setgid or setegid (`call` names it) to a numeric id or a
/// user or group name; returns 1 when the name is unknown, else 0 (throws the call's errno).
pub(super) fn set_id(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let call = arg_string(scope, &args, 0);
    let database = if call.ends_with("uid") { Database::Users } else { Database::Groups };
    let Some(id) = lookup_id(scope, args.get(1), database) else {
        rv.set_int32(1);
        return;
    };
    // SAFETY: changes the process's credentials (glibc applies it to every thread).
    let result = unsafe {
        match call.as_str() {
            "setuid" => libc::setuid(id),
            "seteuid" => libc::seteuid(id),
            "setgid" => libc::setgid(id),
            _ => libc::setegid(id),
        }
    };
    if result != 0 {
        return throw_errno(scope, &call);
    }
    rv.set_int32(0);
}

/// setgroups(ids): the supplementary groups, from numeric ids or group names; returns the
/// 1-based position of an unknown name, else 0.
pub(super) fn set_groups(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(0)) else { return };
    let mut ids = Vec::with_capacity(list.length() as usize);
    for index in 0..list.length() {
        let value = list.get_index(scope, index).unwrap_or_else(|| v8::undefined(scope).into());
        match lookup_id(scope, value, Database::Groups) {
            Some(id) => ids.push(id),
            None => {
                rv.set_int32(index as i32 + 1);
                return;
            }
        }
    }
    // SAFETY: setgroups reads `ids.len()` ids.
    if unsafe { libc::setgroups(ids.len(), ids.as_ptr()) } != 0 {
        return throw_errno(scope, "setgroups");
    }
    rv.set_int32(0);
}

/// initgroups(user, extraGroup): the groups of `user` (a name, or a uid looked up) plus
/// `extraGroup`; returns 1 for an unknown uid, 2 for an unknown group, else 0.
pub(super) fn init_groups(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let user = args.get(0);
    let name = if user.is_number() {
        user.uint32_value(scope).and_then(user_name)
    } else {
        CString::new(user.to_rust_string_lossy(scope)).ok()
    };
    let Some(name) = name else {
        rv.set_int32(1);
        return;
    };
    let Some(group) = lookup_id(scope, args.get(1), Database::Groups) else {
        rv.set_int32(2);
        return;
    };
    // SAFETY: `name` is NUL-terminated.
    if unsafe { libc::initgroups(name.as_ptr(), group) } != 0 {
        return throw_errno(scope, "initgroups");
    }
    rv.set_int32(0);
}

/// `binding.credentials()`: the process's user and group ids (node's
/// internalBinding('credentials')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "id" => credential,
        "groups" => groups,
        "setId" => set_id,
        "setGroups" => set_groups,
        "initGroups" => init_groups,
    });
    rv.set(object.into());
}
