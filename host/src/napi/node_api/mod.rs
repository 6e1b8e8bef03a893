//! `node_api.h`: the Node-specific half of Node-API.

pub(crate) mod module;
