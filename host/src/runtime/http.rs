//! Native half of `http`: httparse reads request and response heads and chunk-size lines;
//! internal/http_parser.js keeps the message framing (RFC 9112, as llhttp frames messages)
//! around these and reports llhttp's error codes.

use super::bindings::{binding_object, string};

/// A head's result: `null` while incomplete, an llhttp error code (a string) when invalid, or
/// `[headLength, methodOrStatus, urlOrReason, versionMajor, versionMinor, rawHeaders]`.
fn parse_head(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let is_request = args.get(0).is_true();
    let lenient = args.get(2).is_true();
    let relaxed_values = args.get(3).is_true();
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else { return };
    let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
    let bytes = view.get_contents(&mut storage);
    // The lenient (insecure) parser takes control characters in header values, as llhttp's
    // lenient headers do, and so does the relaxed one (in header lines only, past the start
    // line); httparse refuses them, so it reads a copy with them masked and the values are
    // taken from the original bytes.
    let masked = if lenient {
        mask_control_bytes(bytes, 0, true)
    } else if relaxed_values {
        mask_control_bytes(bytes, bytes.iter().position(|&byte| byte == b'\n').map_or(bytes.len(), |at| at + 1), false)
    } else {
        std::borrow::Cow::Borrowed(bytes)
    };
    let source = Source { original: bytes, parsed: &masked };
    let mut slots = HeaderSlots::new();
    loop {
        let headers = slots.get();
        let bytes: &[u8] = &masked;
        let outcome = if is_request {
            let mut request = httparse::Request::new(headers);
            let mut config = httparse::ParserConfig::default();
            config.allow_multiple_spaces_in_request_line_delimiters(lenient);
            match config.parse_request(&mut request, bytes) {
                Ok(httparse::Status::Complete(length)) => Ok(Some((
                    length,
                    string(scope, request.method.unwrap_or("")).into(),
                    string(scope, request.path.unwrap_or("")).into(),
                    request.version.unwrap_or(1),
                    source.header_list(scope, request.headers),
                ))),
                Ok(httparse::Status::Partial) => Ok(None),
                Err(error) => Err(error),
            }
        } else {
            let mut response = httparse::Response::new(headers);
            let mut config = httparse::ParserConfig::default();
            config.allow_spaces_after_header_name_in_responses(true);
            config.allow_obsolete_multiline_headers_in_responses(true);
            config.allow_multiple_spaces_in_response_status_delimiters(lenient);
            match config.parse_response(&mut response, bytes) {
                Ok(httparse::Status::Complete(length)) => Ok(Some((
                    length,
                    v8::Integer::new(scope, response.code.unwrap_or(0) as i32).into(),
                    latin1(scope, response.reason.unwrap_or("").as_bytes()).into(),
                    response.version.unwrap_or(1),
                    source.header_list(scope, response.headers),
                ))),
                Ok(httparse::Status::Partial) => Ok(None),
                Err(error) => Err(error),
            }
        };
        match outcome {
            Ok(None) => rv.set(v8::null(scope).into()),
            Ok(Some((length, first, second, minor, headers))) => {
                let items = [
                    v8::Number::new(scope, length as f64).into(),
                    first,
                    second,
                    v8::Integer::new(scope, 1).into(),
                    v8::Integer::new(scope, minor as i32).into(),
                    headers.into(),
                ];
                rv.set(v8::Array::new_with_elements(scope, &items).into());
            }
            Err(httparse::Error::TooManyHeaders) if slots.grow(bytes.len()) => continue,
            Err(error) => {
                let code = match error {
                    httparse::Error::Token => if is_request { "HPE_INVALID_METHOD" } else { "HPE_INVALID_CONSTANT" },
                    httparse::Error::HeaderName => "HPE_INVALID_HEADER_TOKEN",
                    httparse::Error::HeaderValue => "HPE_INVALID_HEADER_TOKEN",
                    httparse::Error::NewLine => "HPE_LF_EXPECTED",
                    httparse::Error::Status => "HPE_INVALID_STATUS",
                    httparse::Error::Version => "HPE_INVALID_VERSION",
                    httparse::Error::TooManyHeaders => "HPE_HEADER_OVERFLOW",
                };
                rv.set(string(scope, code).into());
            }
        }
        return;
    }
}

/// Where httparse puts the headers it reads: most heads fit the first 64, on the stack.
struct HeaderSlots<'b> {
    first: [httparse::Header<'b>; 64],
    more: Vec<httparse::Header<'b>>,
}

impl<'b> HeaderSlots<'b> {
    fn new() -> Self {
        HeaderSlots { first: [httparse::EMPTY_HEADER; 64], more: Vec::new() }
    }

    fn get(&mut self) -> &mut [httparse::Header<'b>] {
        match self.more.is_empty() {
            true => &mut self.first[..],
            false => &mut self.more[..],
        }
    }

    /// Four times the slots, unless there are already as many as the head has bytes.
    fn grow(&mut self, head_length: usize) -> bool {
        let count = self.more.len().max(self.first.len());
        if count >= head_length {
            return false;
        }
        self.more = vec![httparse::EMPTY_HEADER; count * 4];
        true
    }
}

/// Control bytes other than tab, CR and LF (and NUL unless `nul`) from `from` on replaced
/// by 0x80, a byte httparse takes in values.
fn mask_control_bytes(bytes: &[u8], from: usize, nul: bool) -> std::borrow::Cow<'_, [u8]> {
    let is_control = |byte: u8| (byte < 0x20 && !matches!(byte, b'\t' | b'\r' | b'\n') && (nul || byte != 0)) || byte == 0x7f;
    if !bytes[from..].iter().any(|&byte| is_control(byte)) {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut masked = bytes.to_vec();
    masked[from..].iter_mut().filter(|byte| is_control(**byte)).for_each(|byte| *byte = 0x80);
    std::borrow::Cow::Owned(masked)
}

/// The bytes httparse read (`parsed`) and the bytes received (`original`), the same length:
/// values are taken from the original when the two differ.
struct Source<'a> {
    original: &'a [u8],
    parsed: &'a [u8],
}

impl<'a> Source<'a> {
    /// Header names and values alternating, as node's rawHeaders (values read as latin1).
    fn header_list<'s>(&self, scope: &mut v8::PinScope<'s, '_>, headers: &[httparse::Header]) -> v8::Local<'s, v8::Array> {
        let mut items = Vec::with_capacity(headers.len() * 2);
        for header in headers {
            items.push(string(scope, header.name).into());
            items.push(latin1(scope, self.original_of(header.value)).into());
        }
        v8::Array::new_with_elements(scope, &items)
    }

    fn original_of<'v>(&self, value: &'v [u8]) -> &'v [u8]
    where
        'a: 'v,
    {
        if self.original.as_ptr() == self.parsed.as_ptr() {
            return value;
        }
        let start = value.as_ptr() as usize - self.parsed.as_ptr() as usize;
        &self.original[start..start + value.len()]
    }
}

fn latin1<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: &[u8]) -> v8::Local<'s, v8::String> {
    v8::String::new_from_one_byte(scope, bytes, v8::NewStringType::Normal).unwrap()
}

/// A chunk-size line: `null` while incomplete, `false` when invalid, else `[lineLength, size]`.
fn parse_chunk_size(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else { return };
    let bytes = super::bindings::view_bytes(&view);
    match httparse::parse_chunk_size(&bytes) {
        Ok(httparse::Status::Complete((length, size))) => {
            let items = [v8::Number::new(scope, length as f64).into(), v8::Number::new(scope, size as f64).into()];
            rv.set(v8::Array::new_with_elements(scope, &items).into());
        }
        Ok(httparse::Status::Partial) => rv.set(v8::null(scope).into()),
        Err(_) => rv.set(v8::Boolean::new(scope, false).into()),
    }
}

/// A trailer section (header lines up to the empty line): `null` while incomplete, an llhttp
/// error code when invalid, else `[length, rawHeaders]`.
fn parse_trailers(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(0)) else { return };
    let mut storage = [0u8; v8::TYPED_ARRAY_MAX_SIZE_IN_HEAP];
    let bytes = view.get_contents(&mut storage);
    let mut slots = HeaderSlots::new();
    loop {
        let headers = slots.get();
        let outcome = match httparse::parse_headers(bytes, headers) {
            Ok(httparse::Status::Complete((length, parsed))) => Ok(Some((length, Source { original: bytes, parsed: bytes }.header_list(scope, parsed)))),
            Ok(httparse::Status::Partial) => Ok(None),
            Err(error) => Err(error),
        };
        match outcome {
            Ok(Some((length, list))) => {
                let items = [v8::Number::new(scope, length as f64).into(), list.into()];
                rv.set(v8::Array::new_with_elements(scope, &items).into());
            }
            Ok(None) => rv.set(v8::null(scope).into()),
            Err(httparse::Error::TooManyHeaders) if slots.grow(bytes.len()) => continue,
            Err(_) => rv.set(string(scope, "HPE_INVALID_HEADER_TOKEN").into()),
        }
        return;
    }
}

/// http(): the http binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "parseHead" => parse_head,
        "parseChunkSize" => parse_chunk_size,
        "parseTrailers" => parse_trailers,
    });
    rv.set(object.into());
}
