//! The WHATWG URL parser (the url crate) for the url module.

use super::*;

/// parseUrl(input, base): WHATWG URL components, or undefined when invalid.
pub(super) fn parse_url(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let input = arg_string(scope, &args, 0);
    let parsed = if args.get(1).is_undefined() {
        ::url::Url::parse(&input)
    } else {
        let base = arg_string(scope, &args, 1);
        ::url::Url::parse(&base).and_then(|base| base.join(&input))
    };
    let Ok(url) = parsed else { return };
    rv.set(url_parts(scope, &url).into());
}

/// A URL's components as the WHATWG URL getters give them: href, protocol, username,
/// password, hostname, port, pathname, search, hash, origin, host.
pub(super) fn url_parts<'s>(scope: &mut v8::PinScope<'s, '_>, url: &::url::Url) -> v8::Local<'s, v8::Array> {
    use ::url::quirks;
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
fn url_offsets(url: &::url::Url) -> [u32; 9] {
    use ::url::Position;
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
    for (name, value) in ::url::form_urlencoded::parse(query.as_bytes()) {
        items.push(string(scope, &name).into());
        items.push(string(scope, &value).into());
    }
    rv.set(v8::Array::new_with_elements(scope, &items).into());
}

/// formSerialize(list): the flat [name, value, ...] list as an application/x-www-form-urlencoded string.
pub(super) fn form_serialize(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let Ok(list) = v8::Local::<v8::Array>::try_from(args.get(0)) else { return };
    let mut serializer = ::url::form_urlencoded::Serializer::new(String::new());
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
    use ::url::quirks;
    let href = arg_string(scope, &args, 0);
    let component = arg_string(scope, &args, 1);
    let value = arg_string(scope, &args, 2);
    let Ok(mut url) = ::url::Url::parse(&href) else { return };
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
    let mut url = ::url::Url::parse("ws://x").ok()?;
    ::url::quirks::set_hostname(&mut url, input).ok()?;
    Some(::url::quirks::hostname(&url).to_string())
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

/// `binding.url()`: the WHATWG URL parser's natives (node's internalBinding('url')).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "parseUrl" => parse_url,
        "urlSet" => url_set,
        "domainToASCII" => domain_to_ascii,
        "domainToUnicode" => domain_to_unicode,
        "idnaToASCII" => idna_to_ascii,
        "idnaToUnicode" => idna_to_unicode,
        "formParse" => form_parse,
        "formSerialize" => form_serialize,
    });
    rv.set(object.into());
}
