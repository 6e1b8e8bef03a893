//! UTF-8 encoding and the WHATWG Encoding Standard's decoders (encoding_rs) for TextDecoder.

use super::*;

use std::cell::RefCell;
use std::collections::HashMap;

/// A TextDecoder's native side: its decoder (fresh at the start of each stream) and whether
/// it keeps a leading byte order mark.
struct StreamDecoder {
    encoding: &'static encoding_rs::Encoding,
    keep_bom: bool,
    decoder: encoding_rs::Decoder,
    _owner: v8::Weak<v8::Object>,
}

impl StreamDecoder {
    fn fresh(encoding: &'static encoding_rs::Encoding, keep_bom: bool) -> encoding_rs::Decoder {
        if keep_bom {
            encoding.new_decoder_without_bom_handling()
        } else {
            encoding.new_decoder_with_bom_removal()
        }
    }
}

thread_local! {
    /// The decoders of this thread's live TextDecoders, by id; one leaves when its
    /// TextDecoder is collected.
    static DECODERS: RefCell<(u32, HashMap<u32, StreamDecoder>)> = RefCell::new((0, HashMap::new()));
}

/// encodingForLabel(label): the WHATWG name of the encoding a label names (lower case, as
/// TextDecoder's `encoding` gives it; 'replacement' for the labels of the replacement
/// encoding), or undefined for a label of none.
pub(super) fn encoding_for_label(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let label = arg_string(scope, &args, 0);
    if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) {
        rv.set(string(scope, &encoding.name().to_ascii_lowercase()).into());
    }
}

/// textDecoderCreate(owner, encoding, ignoreBOM): the id of a new decoder for `encoding` (a
/// name encodingForLabel gave), which lives as long as `owner`.
pub(super) fn text_decoder_create(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(owner) = v8::Local::<v8::Object>::try_from(args.get(0)) else { return };
    let name = arg_string(scope, &args, 1);
    let Some(encoding) = encoding_rs::Encoding::for_label_no_replacement(name.as_bytes()) else { return };
    let keep_bom = args.get(2).is_true();
    let id = DECODERS.with_borrow_mut(|(next, _)| {
        *next = next.wrapping_add(1);
        *next
    });
    let owner = v8::Weak::with_finalizer(
        scope,
        owner,
        Box::new(move |_isolate: &mut v8::Isolate| {
            DECODERS.with_borrow_mut(|(_, decoders)| decoders.remove(&id));
        }),
    );
    let decoder = StreamDecoder { encoding, keep_bom, decoder: StreamDecoder::fresh(encoding, keep_bom), _owner: owner };
    DECODERS.with_borrow_mut(|(_, decoders)| decoders.insert(id, decoder));
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// textDecode(id, input, stream, fatal): the text of the bytes of `input` (a view or an
/// ArrayBuffer) as the decoder continues; without `stream` the stream ends there, and the
/// next call starts a new one. With `fatal`, malformed input throws
/// ERR_ENCODING_INVALID_ENCODED_DATA (and the stream starts again).
pub(super) fn text_decode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
    let input = args.get(1);
    let view = v8::Local::<v8::ArrayBufferView>::try_from(input).ok();
    let bytes: &[u8] = if let Some(view) = &view {
        view.get_contents(&mut storage)
    } else if let Ok(buffer) = v8::Local::<v8::ArrayBuffer>::try_from(input) {
        buffer_contents(buffer.get_backing_store(), buffer.byte_length())
    } else if let Ok(buffer) = v8::Local::<v8::SharedArrayBuffer>::try_from(input) {
        buffer_contents(buffer.get_backing_store(), buffer.byte_length())
    } else {
        return throw_type_error(scope, "The \"input\" argument must be an ArrayBuffer or ArrayBufferView");
    };
    let last = !args.get(2).is_true();
    let fatal = args.get(3).is_true();
    let decoded = DECODERS.with_borrow_mut(|(_, decoders)| {
        let entry = decoders.get_mut(&id)?;
        let capacity = entry.decoder.max_utf16_buffer_length(bytes.len()).unwrap_or(usize::MAX);
        let mut text = vec![0u16; capacity];
        let outcome = if fatal {
            let (result, _read, written) = entry.decoder.decode_to_utf16_without_replacement(bytes, &mut text, last);
            match result {
                encoding_rs::DecoderResult::Malformed(..) => Err(entry.encoding.name().to_ascii_lowercase()),
                _ => Ok(written),
            }
        } else {
            let (_result, _read, written, _replaced) = entry.decoder.decode_to_utf16(bytes, &mut text, last);
            Ok(written)
        };
        if last || outcome.is_err() {
            entry.decoder = StreamDecoder::fresh(entry.encoding, entry.keep_bom);
        }
        Some(outcome.map(|written| {
            text.truncate(written);
            text
        }))
    });
    match decoded {
        None => throw_type_error(scope, "Value of \"this\" must be of type TextDecoder"),
        Some(Err(name)) => {
            let message = format!("The encoded data was not valid for encoding {name}");
            let exception = coded_error(scope, v8::Exception::type_error, &message, "ERR_ENCODING_INVALID_ENCODED_DATA");
            scope.throw_exception(exception);
        }
        Some(Ok(text)) => match v8::String::new_from_two_byte(scope, &text, v8::NewStringType::Normal) {
            Some(text) => rv.set(text.into()),
            None => {
                let exception = coded_error(scope, v8::Exception::error, "Cannot create a string longer than 0x1fffffe8 characters", "ERR_STRING_TOO_LONG");
                scope.throw_exception(exception);
            }
        },
    }
}

/// The first `length` bytes of a buffer's store (none for a detached or empty one).
fn buffer_contents<'a>(store: v8::SharedRef<v8::BackingStore>, length: usize) -> &'a [u8] {
    match store.data() {
        // SAFETY: the store outlives the call that reads the slice: the buffer holding it is
        // an argument of that call.
        Some(data) if length > 0 => unsafe { std::slice::from_raw_parts(data.as_ptr().cast::<u8>(), length) },
        _ => &[],
    }
}

/// encodeInto(source, destination): as much of `source` as fits in the Uint8Array
/// `destination` written as UTF-8 (whole characters only, lone surrogates as U+FFFD), and
/// [code units read, bytes written].
pub(super) fn encode_into(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(source) = v8::Local::<v8::String>::try_from(args.get(0)) else { return };
    let Ok(destination) = v8::Local::<v8::Uint8Array>::try_from(args.get(1)) else { return };
    let (offset, length) = (destination.byte_offset(), destination.byte_length());
    let (mut read, mut written) = (0usize, 0usize);
    if let Some(buffer) = destination.buffer(scope) {
        let store = buffer.get_backing_store();
        if let Some(data) = store.data().filter(|_| length > 0) {
            // SAFETY: the view lies inside its buffer, which the argument keeps alive.
            let target = unsafe { std::slice::from_raw_parts_mut(data.as_ptr().cast::<u8>().add(offset), length) };
            let flags = v8::WriteFlags::kReplaceInvalidUtf8;
            written = source.write_utf8_v2(scope, target, flags, Some(&mut read));
        }
    }
    let counts = [read as f64, written as f64];
    rv.set(number_array(scope, counts).into());
}

/// utf8Encode(text): the UTF-8 bytes as a Uint8Array.
pub(super) fn utf8_encode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let text = arg_string(scope, &args, 0);
    let length = text.len();
    let store = v8::ArrayBuffer::new_backing_store_from_vec(text.into_bytes()).make_shared();
    let buffer = v8::ArrayBuffer::with_backing_store(scope, &store);
    rv.set(v8::Uint8Array::new(scope, buffer, 0, length).unwrap().into());
}

/// utf8ByteLength(text): how many bytes utf8Encode(text) makes (lone surrogates take three).
pub(super) fn utf8_byte_length(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(text) = v8::Local::<v8::String>::try_from(args.get(0)) else { return };
    rv.set_double(text.utf8_length(scope) as f64);
}

/// utf8Decode(view, fatal, ignoreBOM): text from UTF-8 bytes.
pub(super) fn utf8_decode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else {
        return throw_type_error(scope, "The \"input\" argument must be an ArrayBuffer or ArrayBufferView");
    };
    let bytes = super::view_bytes(&view);
    let fatal = args.get(1).is_true();
    let ignore_bom = args.get(2).is_true();
    let mut slice = bytes.as_slice();
    if !ignore_bom && slice.starts_with(&[0xEF, 0xBB, 0xBF]) {
        slice = &slice[3..];
    }
    let text = match std::str::from_utf8(slice) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) if fatal => {
            let exception = coded_error(scope, v8::Exception::type_error, "The encoded data was not valid for encoding utf-8", "ERR_ENCODING_INVALID_ENCODED_DATA");
            scope.throw_exception(exception);
            return;
        }
        Err(_) => String::from_utf8_lossy(slice),
    };
    let Some(text) = v8::String::new(scope, &text) else {
        let exception = coded_error(scope, v8::Exception::error, "Cannot create a string longer than 0x1fffffe8 characters", "ERR_STRING_TOO_LONG");
        scope.throw_exception(exception);
        return;
    };
    rv.set(text.into());
}

/// `binding.encoding()`: UTF-8 and TextDecoder's natives (node's
/// internalBinding('encoding_binding')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "utf8Encode" => utf8_encode,
        "utf8ByteLength" => utf8_byte_length,
        "utf8Decode" => utf8_decode,
        "encodingForLabel" => encoding_for_label,
        "textDecoderCreate" => text_decoder_create,
        "textDecode" => text_decode,
        "encodeInto" => encode_into,
    });
    rv.set(object.into());
}
