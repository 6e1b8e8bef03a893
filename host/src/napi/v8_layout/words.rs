//! Values read and made without calling into V8: handle slots, Smis, heap numbers, the root
//! objects, sequential strings, the handle scope block and the young generation's
//! allocation buffer.

use std::ffi::c_void;
use std::ptr::NonNull;

use napi_sys as sys;

use super::layout_shortcuts_allowed;
use crate::napi::value::{from_napi, local, Roots};

/// What V8 keeps in a handle slot, read without calling into V8 (x64 without pointer
/// compression, the v8 crate's default): a Smi is its int32 in the upper half of the word,
/// a heap object's address is tagged with 1, a HeapNumber is its map word then its double,
/// and the root objects never move. `Words::new` checks each of these facts against V8's
/// API once per isolate; if one fails its envs have no Words and its callers keep V8's API.
#[derive(Clone, Copy)]
pub struct Words {
    heap_number_map: usize,
    true_word: usize,
    false_word: usize,
    /// The isolate's current handle scope block.
    handle_scope: NonNull<HandleScopeData>,
    /// The maps of sequential one-byte strings (plain and internalized), when their
    /// layout checked out: map, hash (4 bytes), length (4 bytes), then the characters.
    one_byte_string_maps: Option<[usize; 2]>,
    /// The isolate, when strings from V8's raw string factory checked out.
    string_factory: Option<NonNull<c_void>>,
    /// The young generation's allocation buffer (checked with strings bump-allocated there)
    /// and what a new string's header holds.
    young: Option<YoungGeneration>,
}

/// V8's `LinearAllocationArea` (src/heap/linear-allocation-area.h): the young generation's
/// current allocation buffer. V8's generated code allocates by bumping `top` up to `limit`
/// and calls the runtime when it would pass it; V8 lowers `limit` when it must see
/// allocations (allocation observers, inline allocation disabled), so the same bump is
/// sound from outside.
#[repr(C)]
struct LinearAllocationArea {
    start: usize,
    top: usize,
    limit: usize,
}

/// `IsolateData::new_allocation_info_` for x64 without pointer compression: cage base 8,
/// stack guard 64, flags 6, error parameter 1, padding 1, regexp vector 8 and two builtin
/// tables 112 come before it (as listed for `HANDLE_SCOPE_DATA_OFFSET`).
const NEW_ALLOCATION_INFO_OFFSET: usize = 200;

/// The largest string bump-allocated (header included); longer ones come from V8's factory.
const YOUNG_STRING_MAX_SIZE: usize = 1 << 14;

#[derive(Clone, Copy)]
struct YoungGeneration {
    area: NonNull<LinearAllocationArea>,
    /// The map of sequential two-byte strings (the one-byte map is `one_byte_string_maps[0]`).
    two_byte_map: usize,
    /// The hash field of a string whose hash is not computed yet.
    empty_hash: u32,
}

/// V8's allocators of sequential strings (src/heap/factory-base.h), which leave the
/// characters to the caller; `this` is the isolate, as `Isolate::factory()` casts it. The
/// handle lands in the current handle scope; NULL (with an exception) only for lengths over
/// `String::kMaxLength`.
mod factory {
    use std::ffi::c_void;

    unsafe extern "C" {
        #[link_name = "_ZN2v88internal11FactoryBaseINS0_7FactoryEE19NewRawOneByteStringEjNS0_14AllocationTypeENS0_14AllocationHintE"]
        pub fn new_raw_one_byte_string(isolate: *mut c_void, length: u32, allocation: u8, hint: bool) -> *mut usize;
        #[link_name = "_ZN2v88internal11FactoryBaseINS0_7FactoryEE19NewRawTwoByteStringEjNS0_14AllocationTypeENS0_14AllocationHintE"]
        pub fn new_raw_two_byte_string(isolate: *mut c_void, length: u32, allocation: u8, hint: bool) -> *mut usize;
    }

    /// `AllocationType::kYoung`, where V8's API puts new strings.
    pub const YOUNG: u8 = 0;
}

/// The handle of a string V8's raw factory made (None for NULL) and where its characters go.
///
/// # Safety
/// `handle` is NULL or a handle to a sequential string V8 just made.
#[inline(always)]
unsafe fn raw_string(handle: *mut usize) -> Option<(sys::napi_value, *mut u8)> {
    let handle = NonNull::new(handle)?;
    // SAFETY: a sequential string's characters follow its header.
    Some((handle.as_ptr().cast(), unsafe { (*handle.as_ptr() - HEAP_OBJECT_TAG + STRING_CHARS) as *mut u8 }))
}

/// The longest string made through the raw factory: far below `String::kMaxLength`
/// (2^29 - 24), whose errors V8's API reports.
const RAW_STRING_MAX_LENGTH: usize = 1 << 28;

const STRING_LENGTH: usize = 12;
const STRING_CHARS: usize = 16;

/// V8's `HandleScopeData` (include/v8-internal.h): the free slots of the innermost handle
/// scope's block run from `next` to `limit`.
#[repr(C)]
struct HandleScopeData {
    next: *mut usize,
    limit: *mut usize,
    level: i32,
    sealed_level: i32,
}

/// `IsolateData::thread_local_top_` for x64 without pointer compression: the isolate data
/// before it (cage base 8, stack guard 64, flags 6, error parameter 1, padding 1, regexp
/// vector 8, two builtin tables 112, two allocation infos 48, last young allocation 24,
/// fast-call padding 40 and four words 32).
pub const THREAD_LOCAL_TOP_OFFSET: usize = 328;
/// The size of V8's `ThreadLocalTop`.
pub const THREAD_LOCAL_TOP_SIZE: usize = 224;

/// `Internals::kIsolateHandleScopeDataOffset`: right after ThreadLocalTop.
const HANDLE_SCOPE_DATA_OFFSET: usize = THREAD_LOCAL_TOP_OFFSET + THREAD_LOCAL_TOP_SIZE;

pub(crate) const HEAP_OBJECT_TAG: usize = 1;
const TAG_MASK: usize = 3;
const SMI_SHIFT: u32 = 32;

/// A Smi's tagged word.
const fn smi_word(value: i32) -> usize {
    ((value as i64) << SMI_SHIFT) as usize
}

const SHARED_SMI_LOWEST: i32 = -1024;
const SHARED_SMI_COUNT: usize = 2048;

/// Handles of the integers from `SHARED_SMI_LOWEST` on, for every isolate: a handle is a
/// slot V8 reads a value's tagged word from, and a Smi's word is the integer itself, which
/// the GC neither moves nor follows. So these never fill a handle scope block or go stale,
/// and V8 never writes to a handle it is given (they are read-only: a write would fault).
static SHARED_SMI_SLOTS: [usize; SHARED_SMI_COUNT] = {
    let mut slots = [0; SHARED_SMI_COUNT];
    let mut index = 0;
    while index < SHARED_SMI_COUNT {
        slots[index] = smi_word(SHARED_SMI_LOWEST + index as i32);
        index += 1;
    }
    slots
};

/// The isolate's handle scope data, if it is where `HANDLE_SCOPE_DATA_OFFSET` says: a
/// handle V8 makes must take the block's next slot.
fn handle_scope_data(scope: &mut v8::PinScope) -> Option<NonNull<HandleScopeData>> {
    let isolate: &v8::Isolate = scope;
    // SAFETY: an UnsafeRawIsolatePtr is the isolate's address; the offset is inside it.
    let data = unsafe { std::mem::transmute::<v8::UnsafeRawIsolatePtr, usize>(isolate.as_raw_isolate_ptr()) } + HANDLE_SCOPE_DATA_OFFSET;
    let data = data as *mut HandleScopeData;
    // SAFETY: reads two words of the isolate; `next` is only dereferenced once V8 has put
    // a handle there.
    unsafe {
        let next = (*data).next;
        let handle = word_address(v8::Integer::new(scope, 12345).into());
        let valid = handle == next as usize && (*data).next == next.add(1) && *next == smi_word(12345) && (*data).limit >= (*data).next;
        valid.then(|| NonNull::new_unchecked(data))
    }
}

/// The maps of sequential one-byte strings, if V8 lays out the strings it makes as
/// `Words::one_byte_string` reads them.
fn one_byte_string_maps(scope: &mut v8::PinScope) -> Option<[usize; 2]> {
    let text = b"anode:words \xff\x00!";
    let plain = v8::String::new_from_one_byte(scope, text, v8::NewStringType::Normal)?;
    let internalized = v8::String::new_from_one_byte(scope, text, v8::NewStringType::Internalized)?;
    let maps = [plain, internalized].map(|string| {
        let tagged = word(string.into());
        (tagged & TAG_MASK == HEAP_OBJECT_TAG && sequential_chars(tagged) == text).then(|| map_of(tagged))
    });
    let [Some(plain), Some(internalized)] = maps else { return None };
    // A string of another shape must not share the maps.
    let left = v8::String::new(scope, "anode:words, a string long enough to be concatenated lazily ")?;
    let cons = word(v8::String::concat(scope, left, left)?.into());
    (cons & TAG_MASK == HEAP_OBJECT_TAG && ![plain, internalized].contains(&map_of(cons))).then_some([plain, internalized])
}

/// The characters of a one-byte sequential string, given its tagged word.
#[inline(always)]
fn sequential_chars<'a>(tagged: usize) -> &'a [u8] {
    let object = tagged - HEAP_OBJECT_TAG;
    // SAFETY: only called for strings of the checked maps: a u32 length, then the bytes.
    unsafe {
        let length = *((object + STRING_LENGTH) as *const u32) as usize;
        std::slice::from_raw_parts((object + STRING_CHARS) as *const u8, length)
    }
}

/// The longest UTF-8 text `new_short_utf8_string` decodes on the stack.
pub const SHORT_UTF8_BYTES: usize = 64;

/// Decodes UTF-8 into UTF-16 units (`units` has room for one a byte, never too few) as
/// `str::from_utf8` validates it: the count written and whether every unit is Latin-1; None
/// for invalid text.
#[inline(always)]
fn decode_utf8(text: &[u8], units: &mut [u16]) -> Option<(usize, bool)> {
    let continuation = |index: usize| text.get(index).filter(|&&byte| byte & 0xC0 == 0x80).map(|&byte| u32::from(byte & 0x3F));
    let (mut read, mut written, mut wide) = (0, 0, 0u16);
    while let Some(&lead) = text.get(read) {
        let scalar = match lead {
            0x00..=0x7F => {
                read += 1;
                u32::from(lead)
            }
            0xC2..=0xDF => {
                let scalar = (u32::from(lead & 0x1F) << 6) | continuation(read + 1)?;
                read += 2;
                scalar
            }
            0xE0..=0xEF => {
                let second = continuation(read + 1)?;
                // Overlong forms below U+0800 and the surrogates U+D800..U+DFFF are invalid.
                if (lead == 0xE0 && second < 0x20) || (lead == 0xED && second >= 0x20) {
                    return None;
                }
                let scalar = (u32::from(lead & 0x0F) << 12) | (second << 6) | continuation(read + 2)?;
                read += 3;
                scalar
            }
            0xF0..=0xF4 => {
                let second = continuation(read + 1)?;
                // Overlong forms below U+10000 and anything past U+10FFFF are invalid.
                if (lead == 0xF0 && second < 0x10) || (lead == 0xF4 && second >= 0x10) {
                    return None;
                }
                let scalar = (u32::from(lead & 0x07) << 18) | (second << 12) | (continuation(read + 2)? << 6) | continuation(read + 3)?;
                read += 4;
                let above = scalar - 0x10000;
                units[written] = 0xD800 | (above >> 10) as u16;
                units[written + 1] = 0xDC00 | (above & 0x3FF) as u16;
                written += 2;
                wide = 0x100;
                continue;
            }
            _ => return None,
        };
        units[written] = scalar as u16;
        wide |= scalar as u16 & 0xFF00;
        written += 1;
    }
    Some((written, wide == 0))
}

/// The address of a handle's slot.
#[inline(always)]
fn word_address(value: v8::Local<v8::Value>) -> usize {
    &*value as *const v8::Value as usize
}

/// The tagged word in a handle's slot.
#[inline(always)]
fn word(value: v8::Local<v8::Value>) -> usize {
    // SAFETY: a Local points to a live handle slot.
    unsafe { *(word_address(value) as *const usize) }
}

/// The tagged word of a root handle.
#[inline(always)]
fn root_word(root: sys::napi_value) -> usize {
    // SAFETY: root handles are never null and live as long as the isolate.
    unsafe { *(root as *const usize) }
}

/// The first word of a heap object (its map), given its tagged word.
#[inline(always)]
fn map_of(tagged: usize) -> usize {
    // SAFETY: only called for words tagged as heap objects, which start with their map.
    unsafe { *((tagged - HEAP_OBJECT_TAG) as *const usize) }
}

impl Words {
    /// The words of `scope`'s isolate, if V8 lays values out as described above.
    pub fn new(scope: &mut v8::PinScope, roots: Roots) -> Option<Words> {
        if !layout_shortcuts_allowed() {
            return None;
        }
        v8::scope!(let scope, scope);
        let smi = word(v8::Integer::new(scope, -7).into());
        if smi != smi_word(-7) {
            return None;
        }
        let half = word(v8::Number::new(scope, 0.5).into());
        if half & TAG_MASK != HEAP_OBJECT_TAG {
            return None;
        }
        let handle_scope = handle_scope_data(scope)?;
        let one_byte_string_maps = one_byte_string_maps(scope);
        let mut words = Words {
            heap_number_map: map_of(half),
            true_word: root_word(roots.true_value),
            false_word: root_word(roots.false_value),
            handle_scope,
            one_byte_string_maps,
            string_factory: None,
            young: None,
        };
        words.string_factory = words.checked_string_factory(scope);
        words.young = words.checked_young_generation(scope);
        let object: v8::Local<v8::Value> = v8::Object::new(scope).into();
        let root = |handle| from_napi(handle).expect("root handles are not null");
        let numbers: [(v8::Local<v8::Value>, Option<f64>); 7] = [
            (v8::Number::new(scope, 0.5).into(), Some(0.5)),
            (v8::Number::new(scope, -1e300).into(), Some(-1e300)),
            (v8::Number::new(scope, f64::NAN).into(), Some(f64::NAN)),
            (v8::Integer::new(scope, i32::MIN).into(), Some(i32::MIN as f64)),
            (object, None),
            (root(roots.undefined), None),
            (v8::String::empty(scope).into(), None),
        ];
        let numbers_read = numbers.iter().all(|&(value, expected)| match (words.number(value), expected) {
            (Some(read), Some(expected)) => read == expected || (read.is_nan() && expected.is_nan()),
            (None, None) => true,
            _ => false,
        });
        let booleans = [(root(roots.true_value), Some(true)), (root(roots.false_value), Some(false)), (root(roots.null), None), (object, None)];
        let booleans_read = booleans.iter().all(|&(value, expected)| words.boolean(value) == expected);
        let oddballs = [roots.undefined, roots.null, roots.true_value, roots.false_value].map(root_word);
        let distinct = oddballs.iter().enumerate().all(|(i, a)| a & TAG_MASK == HEAP_OBJECT_TAG && !oddballs[..i].contains(a));
        (numbers_read && booleans_read && distinct).then_some(words)
    }

    /// A new handle holding `tagged` in the current handle scope, made as V8's
    /// HandleScope::CreateHandle makes one; None when the block is full (V8 then adds one).
    #[inline(always)]
    pub fn new_handle(&self, tagged: usize) -> Option<sys::napi_value> {
        let data = self.handle_scope.as_ptr();
        // SAFETY: the isolate's live handle scope data, used on its thread.
        unsafe {
            let slot = (*data).next;
            if slot == (*data).limit {
                return None;
            }
            (*data).next = slot.add(1);
            *slot = tagged;
            Some(slot.cast())
        }
    }

    /// A handle of the Smi `value`: a shared slot for the smallest, else a new one.
    #[inline(always)]
    pub fn small_integer_handle(&self, value: i32) -> Option<sys::napi_value> {
        let index = value.wrapping_sub(SHARED_SMI_LOWEST) as u32 as usize;
        if let Some(slot) = SHARED_SMI_SLOTS.get(index) {
            return Some((slot as *const usize).cast_mut().cast());
        }
        self.new_handle(smi_word(value))
    }

    /// The characters of a sequential one-byte string, valid until V8 next runs.
    #[inline(always)]
    pub fn one_byte_string<'a>(&self, value: v8::Local<v8::Value>) -> Option<&'a [u8]> {
        let maps = self.one_byte_string_maps?;
        let tagged = word(value);
        if tagged & 1 == 0 || !maps.contains(&map_of(tagged)) {
            return None;
        }
        Some(sequential_chars(tagged))
    }

    /// The code units of a sequential two-byte string (the map `new_two_byte_string` was
    /// checked to make), valid until V8 next runs.
    #[inline(always)]
    pub fn two_byte_string<'a>(&self, value: v8::Local<v8::Value>) -> Option<&'a [u16]> {
        let two_byte_map = self.young?.two_byte_map;
        let tagged = word(value);
        if tagged & 1 == 0 || map_of(tagged) != two_byte_map {
            return None;
        }
        let object = tagged - HEAP_OBJECT_TAG;
        // SAFETY: a string of that map: a u32 length, then the units.
        unsafe {
            let length = *((object + STRING_LENGTH) as *const u32) as usize;
            Some(std::slice::from_raw_parts((object + STRING_CHARS) as *const u16, length))
        }
    }

    /// The isolate, if strings V8's raw factory makes with characters written after the
    /// header (where one-byte strings were found to keep them) are the strings V8's API
    /// makes from the same characters, of the same maps.
    fn checked_string_factory(self, scope: &mut v8::PinScope) -> Option<NonNull<c_void>> {
        let one_byte_maps = self.one_byte_string_maps?;
        let isolate: &v8::Isolate = scope;
        // SAFETY: an UnsafeRawIsolatePtr is the isolate's address.
        let isolate = NonNull::new(unsafe { std::mem::transmute::<v8::UnsafeRawIsolatePtr, *mut c_void>(isolate.as_raw_isolate_ptr()) })?;
        let words = Words { string_factory: Some(isolate), ..self };
        let latin1 = b"anode:raw \xe9\xff";
        let utf16: Vec<u16> = "anode:raw \u{2011}\u{20ac}".encode_utf16().collect();
        let made = [words.new_one_byte_string(latin1)?, words.new_two_byte_string(&utf16, false)?, words.new_two_byte_string(&utf16[..10], true)?];
        let expected = [
            v8::String::new_from_one_byte(scope, latin1, v8::NewStringType::Normal)?,
            v8::String::new_from_two_byte(scope, &utf16, v8::NewStringType::Normal)?,
            v8::String::new_from_two_byte(scope, &utf16[..10], v8::NewStringType::Normal)?,
        ];
        let same = made.iter().zip(expected).all(|(&made, expected)| {
            let made = local::<v8::Value>(made.cast()).expect("V8 made a string");
            made.strict_equals(expected.into()) && map_of(word(made)) == map_of(word(expected.into()))
        });
        let two_byte_map = map_of(word(expected[1].into()));
        (same && map_of(word(expected[0].into())) == one_byte_maps[0] && !one_byte_maps.contains(&two_byte_map)).then_some(isolate)
    }

    /// The young generation's allocation buffer and the strings' headers, if strings
    /// bump-allocated there are the strings V8 makes, and V8 allocates after them.
    fn checked_young_generation(self, scope: &mut v8::PinScope) -> Option<YoungGeneration> {
        let isolate = self.string_factory?;
        let one_byte_map = self.one_byte_string_maps?[0];
        let area = NonNull::new((isolate.as_ptr() as usize + NEW_ALLOCATION_INFO_OFFSET) as *mut LinearAllocationArea)?;
        let text = b"anode:bump";
        let size = (STRING_CHARS + text.len() + 7) & !7;
        let utf16: Vec<u16> = "anode:\u{20ac}bump".encode_utf16().collect();
        let two_byte = v8::String::new_from_two_byte(scope, &utf16, v8::NewStringType::Normal)?;
        let two_byte_map = map_of(word(two_byte.into()));
        // A string from V8's factory must land at `top` and move it by its size (else the
        // place is wrong, or V8 refilled the buffer meanwhile: the check is then left).
        let from_factory = || {
            // SAFETY: reads the isolate's words at the offset; the factory makes a string on
            // the isolate's thread, which nothing reads before its characters are written.
            unsafe {
                let top = (*area.as_ptr()).top;
                let handle = NonNull::new(factory::new_raw_one_byte_string(isolate.as_ptr(), text.len() as u32, factory::YOUNG, false))?;
                let tagged = *handle.as_ptr();
                std::ptr::copy_nonoverlapping(text.as_ptr(), (tagged - HEAP_OBJECT_TAG + STRING_CHARS) as *mut u8, text.len());
                let placed = tagged == top + HEAP_OBJECT_TAG && (*area.as_ptr()).top == top + size && (*area.as_ptr()).limit >= top + size;
                if placed { local::<v8::Value>(handle.as_ptr().cast()) } else { None }
            }
        };
        let first = from_factory()?;
        // SAFETY: V8 made this string a moment ago; its hash is not computed yet.
        let empty_hash = unsafe { *((word(first) - HEAP_OBJECT_TAG + 8) as *const u32) };
        let young = YoungGeneration { area, two_byte_map, empty_hash };
        let words = Words { young: Some(young), ..self };
        // SAFETY: as in `new_one_byte_string`.
        let bumped = unsafe {
            let (handle, chars) = words.young_string(one_byte_map, text.len(), 1)?;
            std::ptr::copy_nonoverlapping(text.as_ptr(), chars, text.len());
            local::<v8::Value>(handle.cast())?
        };
        let after = from_factory()?;
        let bumped_two_byte = local::<v8::Value>(words.new_two_byte_string(&utf16, false)?.cast())?;
        let same = bumped.strict_equals(first)
            && word(after) == word(bumped) + size
            && map_of(word(bumped)) == one_byte_map
            && bumped_two_byte.strict_equals(two_byte.into())
            && map_of(word(bumped_two_byte)) == two_byte_map;
        same.then_some(young)
    }

    /// A sequential string header for `length` characters of `width` bytes, bump-allocated in
    /// the young generation as V8's generated code allocates, and its handle; the caller
    /// writes the characters before anything else runs. None when the buffer (or the
    /// handle block) is full, or the string is long: V8's factory then makes it.
    ///
    /// # Safety
    /// On the isolate's thread, in a handle scope.
    #[inline(always)]
    unsafe fn young_string(&self, map: usize, length: usize, width: usize) -> Option<(sys::napi_value, *mut u8)> {
        let young = self.young?;
        let size = (STRING_CHARS + length * width + 7) & !7;
        if size > YOUNG_STRING_MAX_SIZE {
            return None;
        }
        // SAFETY: as the caller promises; the header is written here, the characters next.
        unsafe {
            let (handle, start) = self.young_object(size)?;
            let top = start as usize;
            // The padding after the characters is zero, as V8 leaves it.
            *((top + size - 8) as *mut usize) = 0;
            *(top as *mut usize) = map;
            *((top + 8) as *mut u32) = young.empty_hash;
            *((top + STRING_LENGTH) as *mut u32) = length as u32;
            Some((handle, (top + STRING_CHARS) as *mut u8))
        }
    }

    /// `size` bytes (a multiple of 8) bump-allocated in the young generation as V8's
    /// generated code allocates, and a handle to the object there; None when the buffer or
    /// the handle block is full.
    ///
    /// # Safety
    /// On the isolate's thread, in a handle scope; the caller writes the whole object before
    /// anything else runs.
    #[inline(always)]
    pub unsafe fn young_object(&self, size: usize) -> Option<(sys::napi_value, *mut usize)> {
        let area = self.young?.area.as_ptr();
        // SAFETY: the buffer checked out; [top, limit) is free young memory.
        unsafe {
            let top = (*area).top;
            if top + size > (*area).limit {
                return None;
            }
            let handle = self.new_handle(top + HEAP_OBJECT_TAG)?;
            (*area).top = top + size;
            Some((handle, top as *mut usize))
        }
    }

    /// Where the young generation's allocation buffer is about to place an object.
    pub fn young_top(&self) -> Option<usize> {
        // SAFETY: the buffer checked out; reading its top is what V8's code does.
        self.young.map(|young| unsafe { (*young.area.as_ptr()).top })
    }

    /// A new sequential string of `length` characters, one-byte or two-byte, and where its
    /// characters go: bump-allocated in the young generation, else from V8's raw factory.
    /// None for what `String::NewFrom*` makes otherwise (empty and one-character strings
    /// come from V8's tables) or when the env cannot.
    ///
    /// # Safety
    /// On the isolate's thread, in a handle scope; the caller writes the characters before
    /// anything else runs.
    #[inline(always)]
    unsafe fn new_raw_string(&self, length: usize, one_byte: bool) -> Option<(sys::napi_value, *mut u8)> {
        let isolate = self.string_factory?;
        if length < 2 || length > RAW_STRING_MAX_LENGTH {
            return None;
        }
        let (map, width) = match self.young {
            Some(young) if !one_byte => (young.two_byte_map, 2),
            _ => (self.one_byte_string_maps?[0], 1),
        };
        // SAFETY: as the caller promises.
        unsafe {
            if let Some(made) = self.young_string(map, length, width) {
                return Some(made);
            }
            let allocate = if one_byte { factory::new_raw_one_byte_string } else { factory::new_raw_two_byte_string };
            raw_string(allocate(isolate.as_ptr(), length as u32, factory::YOUNG, false))
        }
    }

    /// A new string of Latin-1 characters, as `String::NewFromOneByte` makes it (see
    /// `new_raw_string`).
    #[inline(always)]
    pub fn new_one_byte_string(&self, text: &[u8]) -> Option<sys::napi_value> {
        // SAFETY: on the env's thread inside a napi call; the string has room for the text,
        // written at once.
        unsafe {
            let (handle, chars) = self.new_raw_string(text.len(), true)?;
            std::ptr::copy_nonoverlapping(text.as_ptr(), chars, text.len());
            Some(handle)
        }
    }

    /// A new string of UTF-16 code units, one-byte when every unit fits (as the caller
    /// found), as `String::NewFromTwoByte` makes it (see `new_raw_string`).
    #[inline(always)]
    pub fn new_two_byte_string(&self, text: &[u16], one_byte: bool) -> Option<sys::napi_value> {
        // SAFETY: as in new_one_byte_string, with two bytes a unit for a two-byte string.
        unsafe {
            let (handle, chars) = self.new_raw_string(text.len(), one_byte)?;
            if one_byte {
                let chars = std::slice::from_raw_parts_mut(chars, text.len());
                for (char, &unit) in chars.iter_mut().zip(text) {
                    *char = unit as u8;
                }
            } else {
                std::ptr::copy_nonoverlapping(text.as_ptr(), chars as *mut u16, text.len());
            }
            Some(handle)
        }
    }

    /// A new string of short UTF-8 text, as `String::NewFromUtf8` makes it from valid text:
    /// one-byte when every character is Latin-1, else two-byte; decoded and checked in one
    /// pass. None when the text is not valid UTF-8 (V8 then replaces what is invalid) or
    /// longer than `SHORT_UTF8_BYTES` (see `new_raw_string` for the other cases).
    #[inline(always)]
    pub fn new_short_utf8_string(&self, text: &[u8]) -> Option<sys::napi_value> {
        let mut units = [0u16; SHORT_UTF8_BYTES];
        let (length, one_byte) = decode_utf8(text, units.get_mut(..text.len())?)?;
        // SAFETY: as in new_one_byte_string; `length` units are written.
        unsafe {
            let (handle, chars) = self.new_raw_string(length, one_byte)?;
            if one_byte {
                let chars = std::slice::from_raw_parts_mut(chars, length);
                for (char, &unit) in chars.iter_mut().zip(&units[..length]) {
                    *char = unit as u8;
                }
            } else {
                std::ptr::copy_nonoverlapping(units.as_ptr(), chars as *mut u16, length);
            }
            Some(handle)
        }
    }

    /// A new string of valid UTF-8 text, as `String::NewFromUtf8` makes it: one-byte when
    /// every character is Latin-1, else two-byte (see `new_raw_string`).
    #[inline(always)]
    pub fn new_utf8_string(&self, text: &str) -> Option<sys::napi_value> {
        // A character's UTF-16 units: one per lead byte, two for a four-byte sequence; it
        // is Latin-1 when its lead byte is below 0xC4.
        let (length, one_byte) = text.bytes().fold((0, true), |(length, one_byte), byte| {
            let lead = byte & 0xC0 != 0x80;
            (length + usize::from(lead) + usize::from(byte >= 0xF0), one_byte && byte < 0xC4)
        });
        // SAFETY: as in new_one_byte_string; `length` units are written.
        unsafe {
            let (handle, chars) = self.new_raw_string(length, one_byte)?;
            if one_byte {
                let chars = std::slice::from_raw_parts_mut(chars, length);
                for (char, character) in chars.iter_mut().zip(text.chars()) {
                    *char = u32::from(character) as u8;
                }
            } else {
                let chars = std::slice::from_raw_parts_mut(chars as *mut u16, length);
                let ascii = text.bytes().position(|byte| byte >= 0x80).unwrap_or(text.len());
                for (char, &byte) in chars.iter_mut().zip(&text.as_bytes()[..ascii]) {
                    *char = u16::from(byte);
                }
                for (char, unit) in chars[ascii..].iter_mut().zip(text[ascii..].encode_utf16()) {
                    *char = unit;
                }
            }
            Some(handle)
        }
    }

    /// The address of a heap object (untagged); None for a Smi.
    #[inline(always)]
    pub fn heap_object_address(&self, value: v8::Local<v8::Value>) -> Option<usize> {
        let tagged = word(value);
        (tagged & TAG_MASK == HEAP_OBJECT_TAG).then_some(tagged - HEAP_OBJECT_TAG)
    }

    /// The map of a heap object; None for a Smi.
    #[inline(always)]
    pub fn map(&self, value: v8::Local<v8::Value>) -> Option<usize> {
        let tagged = word(value);
        (tagged & TAG_MASK == HEAP_OBJECT_TAG).then(|| map_of(tagged))
    }

    /// The instance type and `bit_field2` byte of a heap object's map (V8's Map: the u16 at
    /// byte 12, the byte at 15); None for a Smi. What they mean is for callers to check.
    #[inline(always)]
    pub fn map_type_bits(&self, value: v8::Local<v8::Value>) -> Option<(u16, u8)> {
        let map = self.map(value)? - HEAP_OBJECT_TAG;
        // SAFETY: a map is larger than 16 bytes.
        unsafe { Some((*((map + 12) as *const u16), *((map + 15) as *const u8))) }
    }

    /// A number's value; None if the value is not a number.
    #[inline(always)]
    pub fn number(&self, value: v8::Local<v8::Value>) -> Option<f64> {
        let tagged = word(value);
        if tagged & 1 == 0 {
            Some(((tagged as i64) >> SMI_SHIFT) as f64)
        } else if map_of(tagged) == self.heap_number_map {
            // SAFETY: a HeapNumber's double follows its map.
            Some(unsafe { *((tagged - HEAP_OBJECT_TAG + 8) as *const f64) })
        } else {
            None
        }
    }

    /// An int32 Smi's value, the cheapest number to read.
    #[inline(always)]
    pub fn small_integer(&self, value: v8::Local<v8::Value>) -> Option<i32> {
        let tagged = word(value);
        (tagged & 1 == 0).then_some(((tagged as i64) >> SMI_SHIFT) as i32)
    }

    /// A boolean's value; None if the value is not a boolean.
    #[inline(always)]
    pub fn boolean(&self, value: v8::Local<v8::Value>) -> Option<bool> {
        let tagged = word(value);
        if tagged == self.true_word {
            Some(true)
        } else if tagged == self.false_word {
            Some(false)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decode_utf8;

    /// What `decode_utf8` must give: std's validation and UTF-16.
    fn expected(text: &[u8]) -> Option<(Vec<u16>, bool)> {
        let text = std::str::from_utf8(text).ok()?;
        let units: Vec<u16> = text.encode_utf16().collect();
        let one_byte = text.chars().all(|character| u32::from(character) <= 0xFF);
        Some((units, one_byte))
    }

    #[test]
    fn decode_utf8_validates_and_decodes_as_std() {
        let mut inputs: Vec<Vec<u8>> = ["", "abc", "café", "€uro", "\u{7ff}\u{800}\u{ffff}", "😀\u{10ffff}", "\u{ff}\u{100}"]
            .iter()
            .map(|text| text.as_bytes().to_vec())
            .collect();
        // Every one- and two-byte sequence, and three- and four-byte ones around each
        // boundary of the lead and second bytes (overlong forms, surrogates, past U+10FFFF).
        for a in 0..=255u8 {
            inputs.push(vec![a]);
            for b in 0..=255u8 {
                inputs.push(vec![a, b]);
                if a >= 0xE0 {
                    for c in [0x7F, 0x80, 0xBF, 0xC0] {
                        inputs.push(vec![a, b, c]);
                        inputs.push(vec![a, b, c, 0x80]);
                        inputs.push(vec![b'x', a, b, c, 0xBF, b'y']);
                    }
                }
            }
        }
        for text in inputs {
            let mut units = vec![0u16; text.len()];
            let decoded = decode_utf8(&text, &mut units).map(|(count, one_byte)| (units[..count].to_vec(), one_byte));
            assert_eq!(decoded, expected(&text), "{text:02x?}");
        }
    }
}
