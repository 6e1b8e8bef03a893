//! `.env` files in Node's own dialect (--env-file): `KEY=value` lines, `export ` before a
//! key ignored, `#` comments, values in '', "" or `` (which may span lines; only "" expands
//! `\n`), unquoted values cut at `#` and trimmed. dotenvy and the other crates read a
//! different dialect (variable expansion, no backticks, errors on bad lines), so this
//! follows Node's rules; a later assignment of a key wins.

use std::collections::BTreeMap;

fn trim(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n'))
}

/// The rest of `text` after the line that `from` is in.
fn next_line(text: &str, from: usize) -> &str {
    match text[from..].find('\n') {
        Some(newline) => &text[from + newline + 1..],
        None => "",
    }
}

pub fn parse(input: &str) -> BTreeMap<String, String> {
    let input = input.replace('\r', "");
    let mut content = input.as_str();
    let mut store = BTreeMap::new();
    while !content.is_empty() {
        if content.starts_with('\n') || content.starts_with('#') {
            content = next_line(content, 0);
            continue;
        }
        let Some(equals) = content.find('=') else { break };
        if content.find('\n').is_some_and(|newline| newline < equals) {
            content = next_line(content, 0);
            continue;
        }
        let mut key = trim(&content[..equals]);
        content = &content[equals + 1..];
        if key.is_empty() {
            content = next_line(content, 0);
            continue;
        }
        if let Some(rest) = key.strip_prefix("export ") {
            key = trim(rest);
        }
        content = content.trim_start_matches([' ', '\t']);
        let quote = content.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'));
        let closing = quote.and_then(|quote| content[1..].find(quote).map(|at| at + 1));
        let value = match (quote, closing) {
            (Some(quote), Some(closing)) => {
                let value = &content[1..closing];
                content = next_line(content, closing);
                if quote == '"' { value.replace("\\n", "\n") } else { value.to_string() }
            }
            _ => {
                let end = content.find('\n').unwrap_or(content.len());
                let line = &content[..end];
                let value = match (quote, line.find('#')) {
                    (None, Some(hash)) => &line[..hash],
                    _ => line,
                };
                content = next_line(content, 0);
                trim(value).to_string()
            }
        };
        store.insert(key.to_string(), value);
    }
    store
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn node_dialect() {
        let parsed = parse("  export  K = v # c\nX\nY=\"a\\nb\"\n=bad\nQ=\"multi\nline\" tail\nR=`r` # c\nS='a\\nb'\nE=\n");
        let expected = [("E", ""), ("K", "v"), ("Q", "multi\nline"), ("R", "r"), ("S", "a\\nb"), ("Y", "a\nb")];
        assert_eq!(parsed.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(), expected);
        let parsed = parse("V=\"unterminated\nW=ok\r\n\tT\t=\tv\t\nU=a#b");
        assert_eq!(parsed["V"], "\"unterminated");
        assert_eq!(parsed["W"], "ok");
        assert_eq!(parsed["T"], "v");
        assert_eq!(parsed["U"], "a");
    }
}

/// `binding.util().parseEnv(content)`: the variables of `.env` text as a plain object (util.parseEnv,
/// process.loadEnvFile).
pub(super) fn parse_env(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let content = args.get(0).to_rust_string_lossy(scope);
    let object = v8::Object::new(scope);
    for (key, value) in parse(&content) {
        let value = v8::String::new(scope, &value).unwrap().into();
        super::bindings::set_property(scope, object, &key, value);
    }
    rv.set(object.into());
}
