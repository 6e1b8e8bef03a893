//! The addons this program loads resolve their napi_* and uv_* imports against it.

fn main() {
    napi_sys::export_from_executable();
}
