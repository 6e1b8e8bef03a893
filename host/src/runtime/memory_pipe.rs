//! Bytes between JS and a protocol engine that works on a stream (OpenSSL for tls,
//! tungstenite for WebSocket): what came in and is not read yet, and what the engine wrote.
//! Reading past what came in would block.

use std::io::{self, Read, Write};

#[derive(Default)]
pub(super) struct MemoryPipe {
    pub(super) incoming: Vec<u8>,
    read_at: usize,
    pub(super) outgoing: Vec<u8>,
}

impl MemoryPipe {
    /// How many bytes came in and are not read yet.
    pub(super) fn unread(&self) -> usize {
        self.incoming.len() - self.read_at
    }
}

impl Read for MemoryPipe {
    fn read(&mut self, target: &mut [u8]) -> io::Result<usize> {
        let available = &self.incoming[self.read_at..];
        if available.is_empty() {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let count = available.len().min(target.len());
        target[..count].copy_from_slice(&available[..count]);
        self.read_at += count;
        if self.read_at == self.incoming.len() {
            self.incoming.clear();
            self.read_at = 0;
        }
        Ok(count)
    }
}

impl Write for MemoryPipe {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.outgoing.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
