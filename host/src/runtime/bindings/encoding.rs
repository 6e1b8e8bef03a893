//! UTF-8 encoding, the WHATWG Encoding Standard's decoders (encoding_rs) for TextDecoder,
//! and the WHATWG URL parser (the url crate) for the url module.

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

/// parseUrl(input, base): WHATWG URL components, or undefined when invalid.
pub(super) fn parse_url(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let input = arg_string(scope, &args, 0);
    let parsed = if args.get(1).is_undefined() {
        url::Url::parse(&input)
    } else {
        let base = arg_string(scope, &args, 1);
        url::Url::parse(&base).and_then(|base| base.join(&input))
    };
    let Ok(url) = parsed else { return };
    rv.set(url_parts(scope, &url).into());
}

/// A URL's components as the WHATWG URL getters give them: href, protocol, username,
/// password, hostname, port, pathname, search, hash, origin, host.
pub(super) fn url_parts<'s>(scope: &mut v8::PinScope<'s, '_>, url: &url::Url) -> v8::Local<'s, v8::Array> {
    use url::quirks;
    let parts = [
        quirks::href(url),
        quirks::protocol(url),
        quirks::username(url),
        quirks::password(url),
        quirks::hostname(url),
        quirks::port(url),
        quirks::pathname(url),
        quirks::search(url),
        quirks::hash(url),
        &quirks::origin(url),
        quirks::host(url),
    ];
    let mut parts: Vec<v8::Local<v8::Value>> = parts.iter().map(|p| string(scope, p).into()).collect();
    let offsets = url_offsets(url).map(f64::from);
    parts.push(number_array(scope, offsets).into());
    v8::Array::new_with_elements(scope, &parts)
}

/// What ada's URL aggregator (node's parser) keeps of a URL besides its text, as node's
/// URLContext shows it: [protocol_end, username_end, host_start, host_end, pathname_start,
/// search_start, hash_start, port, scheme_type], u32::MAX for an absent search, hash or port.
fn url_offsets(url: &url::Url) -> [u32; 9] {
    use url::Position;
    const OMITTED: u32 = u32::MAX;
    let at = |position: Position| url[..position].len() as u32;
    let protocol_end = at(Position::AfterScheme) + 1;
    let (username_end, host_start, host_end) = if url.has_authority() {
        let username_end = at(Position::AfterUsername);
        // With credentials, the host starts at the '@' before it.
        let host_start = if url.password().is_some() {
            at(Position::AfterPassword)
        } else if !url.username().is_empty() {
            username_end
        } else {
            at(Position::BeforeHost)
        };
        (username_end, host_start, at(Position::AfterHost))
    } else {
        (protocol_end, protocol_end, protocol_end)
    };
    let mut pathname_start = at(Position::BeforePath);
    // A path starting `//` without a host is written after `/.`, which is not the path's.
    if !url.has_authority() && url.as_str()[pathname_start as usize..].starts_with("/.//") {
        pathname_start += 2;
    }
    let search_start = if url.query().is_some() { at(Position::BeforeQuery) - 1 } else { OMITTED };
    let hash_start = if url.fragment().is_some() { at(Position::BeforeFragment) - 1 } else { OMITTED };
    let port = url.port().map_or(OMITTED, u32::from);
    let scheme_type = match url.scheme() {
        "http" => 0,
        "https" => 2,
        "ws" => 3,
        "ftp" => 4,
        "wss" => 5,
        "file" => 6,
        _ => 1,
    };
    [protocol_end, username_end, host_start, host_end, pathname_start, search_start, hash_start, port, scheme_type]
}

/// formParse(query): application/x-www-form-urlencoded name/value pairs as a flat list
/// [name, value, name, value, ...].
pub(super) fn form_parse(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let query = arg_string(scope, &args, 0);
    let mut items: Vec<v8::Local<v8::Value>> = Vec::new();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        items.push(string(scope, &name).into());
        items.push(string(scope, &value).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &items).into());
}

/// formSerialize(list): the flat [name, value, ...] list as an application/x-www-form-urlencoded string.
pub(super) fn form_serialize(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(0)) else { return };
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    let mut index = 0;
    while index + 1 < list.length() {
        let name = list.get_index(scope, index).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
        let value = list.get_index(scope, index + 1).map(|v| v.to_rust_string_lossy(scope)).unwrap_or_default();
        serializer.append_pair(&name, &value);
        index += 2;
    }
    rv.set(string(scope, &serializer.finish()).into());
}

/// urlSet(href, component, value): the components after a WHATWG URL setter ran on the URL
/// (a setter given a value it cannot use leaves the URL as it was); undefined when `href`
/// is set to something that does not parse.
pub(super) fn url_set(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    use url::quirks;
    let href = arg_string(scope, &args, 0);
    let component = arg_string(scope, &args, 1);
    let value = arg_string(scope, &args, 2);
    let Ok(mut url) = url::Url::parse(&href) else { return };
    match component.as_str() {
        "href" => {
            if quirks::set_href(&mut url, &value).is_err() {
                return;
            }
        }
        "protocol" => drop(quirks::set_protocol(&mut url, &value)),
        "username" => drop(quirks::set_username(&mut url, &value)),
        "password" => drop(quirks::set_password(&mut url, &value)),
        "host" => drop(quirks::set_host(&mut url, &value)),
        "hostname" => drop(quirks::set_hostname(&mut url, &value)),
        "port" => drop(quirks::set_port(&mut url, &value)),
        "pathname" => quirks::set_pathname(&mut url, &value),
        "search" => quirks::set_search(&mut url, &value),
        "hash" => quirks::set_hash(&mut url, &value),
        _ => return,
    }
    rv.set(url_parts(scope, &url).into());
}

/// The host a special URL's hostname setter makes of `input` (node's url.domainToASCII and
/// domainToUnicode start from `ws://x`), or None when the setter would refuse it.
fn hostname_as_set(input: &str) -> Option<String> {
    let mut url = url::Url::parse("ws://x").ok()?;
    url::quirks::set_hostname(&mut url, input).ok()?;
    Some(url::quirks::hostname(&url).to_string())
}

/// domainToASCII(domain): the punycoded host, or '' for an invalid one.
pub(super) fn domain_to_ascii(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let input = arg_string(scope, &args, 0);
    let host = hostname_as_set(&input).unwrap_or_default();
    rv.set(string(scope, &host).into());
}

/// domainToUnicode(domain): the host with punycode labels decoded, or '' for an invalid one.
pub(super) fn domain_to_unicode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let input = arg_string(scope, &args, 0);
    let host = hostname_as_set(&input).map(|host| idna::domain_to_unicode(&host).0).unwrap_or_default();
    rv.set(string(scope, &host).into());
}

/// idnaToASCII(name): UTS #46 ToASCII without the URL host checks (the legacy url.parse()
/// does its own), '' when the name cannot be converted.
pub(super) fn idna_to_ascii(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let input = arg_string(scope, &args, 0);
    let ascii = idna::domain_to_ascii(&input).unwrap_or_default();
    rv.set(string(scope, &ascii).into());
}

/// idnaToUnicode(name): UTS #46 ToUnicode (labels that fail to decode are left as they are).
pub(super) fn idna_to_unicode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let input = arg_string(scope, &args, 0);
    let unicode = idna::domain_to_unicode(&input).0;
    rv.set(string(scope, &unicode).into());
}
