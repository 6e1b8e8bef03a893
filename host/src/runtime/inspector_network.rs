//! Node's Network domain (which V8 does not know), one agent per session: the events
//! `inspector.Network.*` emits reach the sessions that enabled the domain, and the bodies
//! of requests and responses are kept for `Network.getRequestPostData`,
//! `Network.getResponseBody` and `Network.streamResourceContent`, as node keeps them.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};

use serde_json::{json, Value};

/// How much of the bodies a session keeps unless Network.enable says otherwise: in all, and
/// of one request.
const DEFAULT_TOTAL_BUFFER: u64 = 100 * 1024 * 1024;
const DEFAULT_RESOURCE_BUFFER: u64 = 10 * 1024 * 1024;

/// What a session's agent knows of a request it saw start.
#[derive(Default)]
struct RequestEntry {
    request_charset: String,
    request_data: Vec<u8>,
    request_finished: bool,
    response_charset: String,
    response_data: Vec<u8>,
    response_finished: bool,
    /// Network.streamResourceContent was asked: later data is sent as dataReceived events.
    streaming: bool,
}

/// An event of the domain, as `inspector.Network.*` gives it (checked on the JS side).
pub(super) struct NetworkEvent {
    pub(super) name: String,
    pub(super) request_id: String,
    /// The event's params as JSON text, in node's field order.
    pub(super) params: String,
    /// The request's charset (requestWillBeSent) or the response's (responseReceived).
    pub(super) charset: String,
    /// requestWillBeSent's `request.hasPostData`: without it, the request has no body to wait for.
    pub(super) has_post_data: bool,
    /// dataSent's and dataReceived's bytes; none for dataSent's `finished: true`.
    pub(super) data: Option<Vec<u8>>,
}

pub(super) struct NetworkAgent {
    enabled: Cell<bool>,
    requests: RefCell<HashMap<String, RequestEntry>>,
    /// The requests in the order they started: the oldest bodies go first when the buffers
    /// are full.
    order: RefCell<VecDeque<String>>,
    /// The bytes of bodies kept, and the limits Network.enable set.
    buffered: Cell<u64>,
    max_total_buffer: Cell<u64>,
    max_resource_buffer: Cell<u64>,
}

impl Default for NetworkAgent {
    fn default() -> Self {
        NetworkAgent {
            enabled: Cell::new(false),
            requests: RefCell::default(),
            order: RefCell::default(),
            buffered: Cell::new(0),
            max_total_buffer: Cell::new(DEFAULT_TOTAL_BUFFER),
            max_resource_buffer: Cell::new(DEFAULT_RESOURCE_BUFFER),
        }
    }
}

/// Network.enable's optional buffer sizes: integers (a negative one leaves the default).
fn buffer_size(params: Option<&Value>, name: &str, default: u64) -> Result<u64, Failure> {
    match params.and_then(|params| params.get(name)) {
        None => Ok(default),
        Some(Value::Number(number)) => match number.as_i64() {
            Some(size) if size >= 0 => Ok(size as u64),
            Some(_) => Ok(default),
            None => Err(invalid_params("Invalid parameters")),
        },
        Some(_) => Err(invalid_params("Invalid parameters")),
    }
}

/// A command's failure: node's protocol error.
type Failure = Value;

fn invalid_params(message: &str) -> Failure {
    json!({"code": -32602, "message": message})
}

fn not_found() -> Failure {
    invalid_params("Request not found")
}

fn server_error(message: &str) -> Failure {
    json!({"code": -32000, "message": message})
}

/// The `requestId` a command names.
fn request_id(params: Option<&Value>) -> Result<String, Failure> {
    match params.and_then(|params| params.get("requestId")) {
        Some(Value::String(id)) => Ok(id.clone()),
        _ => Err(invalid_params("Invalid parameters")),
    }
}

fn base64(bytes: &[u8]) -> String {
    openssl::base64::encode_block(bytes)
}

fn is_utf8_charset(charset: &str) -> bool {
    charset == "utf-8"
}

impl NetworkAgent {
    pub(super) fn enabled(&self) -> bool {
        self.enabled.get()
    }

    pub(super) fn knows(&self, request_id: &str) -> bool {
        self.enabled.get() && self.requests.borrow().contains_key(request_id)
    }

    /// A `Network.*` command; its result or error object.
    pub(super) fn command(&self, method: &str, params: Option<&Value>) -> Result<Value, Failure> {
        match method {
            "enable" => {
                let total = buffer_size(params, "maxTotalBufferSize", DEFAULT_TOTAL_BUFFER)?;
                let resource = buffer_size(params, "maxResourceBufferSize", DEFAULT_RESOURCE_BUFFER)?;
                self.max_total_buffer.set(total);
                self.max_resource_buffer.set(resource);
                self.enabled.set(true);
                Ok(json!({}))
            }
            "disable" => {
                self.enabled.set(false);
                Ok(json!({}))
            }
            "getRequestPostData" => {
                let id = request_id(params)?;
                let requests = self.requests.borrow();
                let entry = requests.get(&id).ok_or_else(not_found)?;
                if !entry.request_finished {
                    return Err(invalid_params("Request data is not finished yet"));
                }
                if !is_utf8_charset(&entry.request_charset) {
                    return Err(server_error("Unable to serialize binary request body"));
                }
                Ok(json!({"postData": String::from_utf8_lossy(&entry.request_data)}))
            }
            "getResponseBody" => {
                let id = request_id(params)?;
                let requests = self.requests.borrow();
                let entry = requests.get(&id).ok_or_else(not_found)?;
                if entry.streaming {
                    return Err(invalid_params("Response body of the request is been streamed"));
                }
                if !entry.response_finished {
                    return Err(invalid_params("Response data is not finished yet"));
                }
                drop(requests);
                let entry = self.forget(&id).unwrap_or_default();
                Ok(if is_utf8_charset(&entry.response_charset) {
                    json!({"body": String::from_utf8_lossy(&entry.response_data), "base64Encoded": false})
                } else {
                    json!({"body": base64(&entry.response_data), "base64Encoded": true})
                })
            }
            "streamResourceContent" => {
                let id = request_id(params)?;
                let mut requests = self.requests.borrow_mut();
                let entry = requests.get_mut(&id).ok_or_else(not_found)?;
                entry.streaming = true;
                let data = std::mem::take(&mut entry.response_data);
                let finished = entry.response_finished;
                drop(requests);
                self.buffered.set(self.buffered.get() - data.len() as u64);
                if finished {
                    self.forget(&id);
                }
                Ok(json!({"bufferedData": base64(&data)}))
            }
            _ => Err(json!({"code": -32601, "message": format!("'Network.{method}' wasn't found")})),
        }
    }

    /// Takes an event; the message for the session, if it is to hear one.
    pub(super) fn event(&self, event: &NetworkEvent) -> Option<String> {
        if !self.enabled.get() {
            return None;
        }
        let message = || format!(r#"{{"method":"Network.{}","params":{}}}"#, event.name, event.params);
        let id = &event.request_id;
        match event.name.as_str() {
            "requestWillBeSent" => {
                if self.requests.borrow().contains_key(id) {
                    return None;
                }
                let entry = RequestEntry { request_charset: event.charset.clone(), request_finished: !event.has_post_data, ..RequestEntry::default() };
                self.requests.borrow_mut().insert(id.clone(), entry);
                self.order.borrow_mut().push_back(id.clone());
                Some(message())
            }
            "responseReceived" => {
                self.requests.borrow_mut().get_mut(id)?.response_charset = event.charset.clone();
                Some(message())
            }
            "dataSent" => {
                match &event.data {
                    Some(data) => self.buffer(id, data, false),
                    None => self.requests.borrow_mut().get_mut(id)?.request_finished = true,
                }
                None
            }
            "dataReceived" => {
                if self.requests.borrow().get(id)?.streaming {
                    return Some(message());
                }
                self.buffer(id, event.data.as_deref().unwrap_or_default(), true);
                None
            }
            "loadingFinished" => {
                let streamed = self.requests.borrow_mut().get_mut(id).map(|entry| {
                    entry.response_finished = true;
                    entry.streaming
                });
                if streamed == Some(true) {
                    self.forget(id);
                }
                Some(message())
            }
            "loadingFailed" => {
                self.forget(id);
                Some(message())
            }
            _ => Some(message()),
        }
    }

    /// Keeps a chunk of a request's body (or its response's): a chunk past the request's limit
    /// is dropped, and past the total limit the oldest requests' bodies are forgotten.
    fn buffer(&self, id: &str, data: &[u8], response: bool) {
        let size = data.len() as u64;
        {
            let mut requests = self.requests.borrow_mut();
            let Some(entry) = requests.get_mut(id) else { return };
            if (entry.request_data.len() + entry.response_data.len()) as u64 + size > self.max_resource_buffer.get() {
                return;
            }
            if response {
                entry.response_data.extend_from_slice(data);
            } else {
                entry.request_data.extend_from_slice(data);
            }
        }
        self.buffered.set(self.buffered.get() + size);
        while self.buffered.get() > self.max_total_buffer.get() {
            let requests = self.requests.borrow();
            let oldest = self.order.borrow().iter().find(|id| requests.get(*id).is_some_and(|entry| !entry.request_data.is_empty() || !entry.response_data.is_empty())).cloned();
            drop(requests);
            let Some(oldest) = oldest else { break };
            self.forget(&oldest);
        }
    }

    /// Drops a request and what was kept of it.
    fn forget(&self, id: &str) -> Option<RequestEntry> {
        let entry = self.requests.borrow_mut().remove(id)?;
        self.order.borrow_mut().retain(|known| known != id);
        self.buffered.set(self.buffered.get() - (entry.request_data.len() + entry.response_data.len()) as u64);
        Some(entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(name: &str, data: Option<&[u8]>, charset: &str) -> NetworkEvent {
        NetworkEvent { name: name.into(), request_id: "r".into(), params: "{}".into(), charset: charset.into(), has_post_data: false, data: data.map(<[u8]>::to_vec) }
    }

    #[test]
    fn a_finished_response_body_is_given_once() {
        let agent = NetworkAgent::default();
        agent.command("enable", None).unwrap();
        assert!(agent.event(&event("requestWillBeSent", None, "")).is_some());
        assert!(agent.event(&event("requestWillBeSent", None, "")).is_none());
        assert!(agent.event(&event("responseReceived", None, "utf-8")).is_some());
        assert!(agent.event(&event("dataReceived", Some(b"ab"), "")).is_none());
        let params = json!({"requestId": "r"});
        assert_eq!(agent.command("getResponseBody", Some(&params)).unwrap_err()["message"], "Response data is not finished yet");
        agent.event(&event("loadingFinished", None, ""));
        assert_eq!(agent.command("getResponseBody", Some(&params)).unwrap(), json!({"body": "ab", "base64Encoded": false}));
        assert_eq!(agent.command("getResponseBody", Some(&params)).unwrap_err()["message"], "Request not found");
    }

    #[test]
    fn a_streamed_response_sends_later_data_as_events() {
        let agent = NetworkAgent::default();
        agent.command("enable", None).unwrap();
        agent.event(&event("requestWillBeSent", None, ""));
        agent.event(&event("dataReceived", Some(b"ABC"), ""));
        let params = json!({"requestId": "r"});
        assert_eq!(agent.command("streamResourceContent", Some(&params)).unwrap(), json!({"bufferedData": "QUJD"}));
        assert!(agent.event(&event("dataReceived", Some(b"D"), "")).is_some());
        assert_eq!(agent.command("getResponseBody", Some(&params)).unwrap_err()["message"], "Response body of the request is been streamed");
        agent.event(&event("loadingFinished", None, ""));
        assert!(!agent.knows("r"));
    }
}
