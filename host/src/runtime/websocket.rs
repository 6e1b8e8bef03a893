//! The WebSocket client's framing (RFC 6455) by tungstenite, without I/O: JS owns the
//! connection (an http upgrade over net or tls) and hands its bytes here; each call returns
//! what arrived and the bytes to write back (masked frames, pong and close replies).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io;

use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::protocol::frame::CloseFrame;
use tungstenite::protocol::{Role, WebSocketContext};
use tungstenite::{Error, Message};

use super::bindings::{arg_string, binding_object, string, throw_type_error, uint8_array};
use super::memory_pipe::MemoryPipe;

struct Connection {
    context: WebSocketContext,
    buffers: MemoryPipe,
}

thread_local! {
    static CONNECTIONS: RefCell<(u32, HashMap<u32, Connection>)> = RefCell::new((0, HashMap::new()));
}

fn with_connection<T>(id: u32, action: impl FnOnce(&mut Connection) -> T) -> Option<T> {
    CONNECTIONS.with_borrow_mut(|(_, connections)| connections.get_mut(&id).map(action))
}

/// What a call hands back: [events, bytes to write], each event [kind, data] with kind
/// 'text' (a string), 'binary' (bytes), 'close' ([code, reason], code 1005 for none) or
/// 'error' (the protocol violation's description).
enum Event {
    Text(String),
    Binary(Vec<u8>),
    Close(u16, String),
    Error(String),
}

fn result<'s>(scope: &mut v8::PinScope<'s, '_>, events: Vec<Event>, outgoing: Vec<u8>) -> v8::Local<'s, v8::Value> {
    let mut list: Vec<v8::Local<v8::Value>> = Vec::new();
    for event in events {
        let (kind, data): (&str, v8::Local<v8::Value>) = match event {
            Event::Text(text) => ("text", string(scope, &text).into()),
            Event::Binary(bytes) => ("binary", uint8_array(scope, bytes).into()),
            Event::Close(code, reason) => {
                let code = v8::Integer::new_from_unsigned(scope, u32::from(code)).into();
                let reason = string(scope, &reason).into();
                ("close", v8::Array::new_with_elements(scope, &[code, reason]).into())
            }
            Event::Error(description) => ("error", string(scope, &description).into()),
        };
        let kind = string(scope, kind).into();
        list.push(v8::Array::new_with_elements(scope, &[kind, data]).into());
    }
    let events = v8::Array::new_with_elements(scope, &list).into();
    let outgoing = uint8_array(scope, outgoing).into();
    v8::Array::new_with_elements(scope, &[events, outgoing]).into()
}

/// Runs `action` on a connection, then writes out what its framing queued; None for an
/// unknown id.
fn run(id: u32, action: impl FnOnce(&mut Connection, &mut Vec<Event>)) -> Option<(Vec<Event>, Vec<u8>)> {
    with_connection(id, |connection| {
        let mut events = Vec::new();
        action(connection, &mut events);
        let Connection { context, buffers } = connection;
        match context.flush(buffers) {
            Ok(()) | Err(Error::ConnectionClosed) | Err(Error::AlreadyClosed) => {}
            Err(error) => events.push(Event::Error(error.to_string())),
        }
        (events, std::mem::take(&mut buffers.outgoing))
    })
}

fn reply(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue, outcome: Option<(Vec<Event>, Vec<u8>)>) {
    match outcome {
        Some((events, outgoing)) => rv.set(result(scope, events, outgoing)),
        None => throw_type_error(scope, "The WebSocket connection is gone"),
    }
}

/// create(): a new client connection's id.
fn create(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = CONNECTIONS.with_borrow_mut(|(next, connections)| {
        *next = next.wrapping_add(1);
        connections.insert(*next, Connection { context: WebSocketContext::new(Role::Client, None), buffers: MemoryPipe::default() });
        *next
    });
    rv.set(v8::Integer::new_from_unsigned(scope, id).into());
}

/// receive(id, bytes): the next message (or close, or protocol error) the bytes received so
/// far complete, if any: one at a time, so that control frames after it (a ping's pong) are
/// answered only once JS has seen it, as undici does.
fn receive(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else { return };
    let bytes = super::bindings::view_bytes(&view);
    let outcome = run(id, |connection, events| {
        let Connection { context, buffers } = connection;
        buffers.incoming.extend_from_slice(&bytes);
        loop {
            match context.read(buffers) {
                Ok(Message::Text(text)) => {
                    events.push(Event::Text(text.as_str().to_owned()));
                    break;
                }
                Ok(Message::Binary(bytes)) => {
                    events.push(Event::Binary(bytes.to_vec()));
                    break;
                }
                Ok(Message::Close(frame)) => {
                    let (code, reason) = frame.map_or((1005, String::new()), |frame| (u16::from(frame.code), frame.reason.as_str().to_owned()));
                    events.push(Event::Close(code, reason));
                    break;
                }
                Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_)) => {}
                Err(Error::Io(error)) if error.kind() == io::ErrorKind::WouldBlock => break,
                Err(Error::ConnectionClosed | Error::AlreadyClosed) => break,
                Err(error) => {
                    events.push(Event::Error(error.to_string()));
                    break;
                }
            }
        }
    });
    reply(scope, &mut rv, outcome);
}

/// send(id, data, binary): a message's frame; `data` is a string, or bytes when `binary`.
fn send(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let message = if args.get(2).is_true() {
        let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(args.get(1)) else { return };
        Message::binary(super::bindings::view_bytes(&view))
    } else {
        Message::text(arg_string(scope, &args, 1))
    };
    let outcome = run(id, |connection, events| {
        let Connection { context, buffers } = connection;
        if let Err(error) = context.write(buffers, message) {
            events.push(Event::Error(error.to_string()));
        }
    });
    reply(scope, &mut rv, outcome);
}

/// close(id, code, reason): the close frame (none for code undefined: an empty close).
fn close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let frame = if args.get(1).is_undefined() {
        None
    } else {
        let code = args.get(1).uint32_value(scope).unwrap_or(1000) as u16;
        Some(CloseFrame { code: CloseCode::from(code), reason: arg_string(scope, &args, 2).into() })
    };
    let outcome = run(id, |connection, events| {
        let Connection { context, buffers } = connection;
        match context.close(buffers, frame) {
            Ok(()) | Err(Error::ConnectionClosed | Error::AlreadyClosed) => {}
            Err(error) => events.push(Event::Error(error.to_string())),
        }
    });
    reply(scope, &mut rv, outcome);
}

/// release(id): forgets a connection that has ended.
fn release(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    CONNECTIONS.with_borrow_mut(|(_, connections)| connections.remove(&id));
}

/// The natives of the WebSocket client (`binding.websocket()`).
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "create" => create,
        "receive" => receive,
        "send" => send,
        "close" => close,
        "release" => release,
    });
    rv.set(object.into());
}
