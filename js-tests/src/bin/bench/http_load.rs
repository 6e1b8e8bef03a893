//! The http case's load generator: keep-alive connections to a hello-world server on
//! loopback, each sending one GET at a time for a fixed time; requests/s and the 99th
//! percentile latency over all responses.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Load {
    pub connections: usize,
    pub warm_up: Duration,
    pub measured: Duration,
}

pub struct Throughput {
    pub requests_per_second: f64,
    pub p99_ms: f64,
}

const REQUEST: &[u8] = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";

/// Reads one response (its head, then a Content-Length body) from the connection.
fn read_response(reader: &mut BufReader<TcpStream>, head: &mut Vec<u8>) -> Result<(), String> {
    head.clear();
    loop {
        let line_start = head.len();
        if reader.read_until(b'\n', head).map_err(|e| e.to_string())? == 0 {
            return Err("connection closed".into());
        }
        if line_start > 0 && matches!(&head[line_start..], b"\r\n" | b"\n") {
            break;
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut response = httparse::Response::new(&mut headers);
    match response.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        other => return Err(format!("unreadable response head {other:?}: {:?}", String::from_utf8_lossy(head))),
    }
    if response.code != Some(200) {
        return Err(format!("status {:?}", response.code));
    }
    let length = response
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))
        .and_then(|h| std::str::from_utf8(h.value).ok()?.trim().parse::<u64>().ok())
        .ok_or("the response has no Content-Length")?;
    std::io::copy(&mut reader.by_ref().take(length), &mut std::io::sink()).map_err(|e| e.to_string())?;
    Ok(())
}

/// One connection's loop: latencies (µs) of the requests sent in the measured window.
fn connection(port: u16, start: Instant, load: &Load) -> Result<Vec<u32>, String> {
    let stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let mut writer = stream.try_clone().map_err(|e| e.to_string())?;
    let mut reader = BufReader::with_capacity(16 * 1024, stream);
    let (measure_from, end) = (start + load.warm_up, start + load.warm_up + load.measured);
    let mut latencies = Vec::new();
    let mut head = Vec::with_capacity(512);
    loop {
        let sent = Instant::now();
        if sent >= end {
            return Ok(latencies);
        }
        writer.write_all(REQUEST).map_err(|e| e.to_string())?;
        read_response(&mut reader, &mut head)?;
        if sent >= measure_from {
            latencies.push(sent.elapsed().as_micros().min(u32::MAX as u128) as u32);
        }
    }
}

fn start_server(runtime: &str, script: &Path) -> Result<(Child, u16), String> {
    let mut words = runtime.split_whitespace();
    let mut child = Command::new(words.next().unwrap())
        .args(words)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{runtime}: {e}"))?;
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).map_err(|e| e.to_string())?;
    let port = line.split("\"port\":").nth(1).and_then(|rest| rest.trim().trim_end_matches('}').parse().ok());
    match port {
        Some(port) => Ok((child, port)),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            Err(format!("{runtime}: the server printed {line:?}, not its port"))
        }
    }
}

/// Starts the server under `runtime`, loads it, and stops it (closing its stdin).
pub fn measure(runtime: &str, script: &Path, load: &Load) -> Result<Throughput, String> {
    let (mut child, port) = start_server(runtime, script)?;
    let start = Instant::now();
    let results: Vec<Result<Vec<u32>, String>> = std::thread::scope(|threads| {
        let workers: Vec<_> = (0..load.connections).map(|_| threads.spawn(move || connection(port, start, load))).collect();
        workers.into_iter().map(|w| w.join().unwrap_or_else(|_| Err("a connection thread panicked".into()))).collect()
    });
    drop(child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(5);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut latencies = Vec::new();
    for result in results {
        latencies.extend(result.map_err(|e| format!("{runtime}: {e}"))?);
    }
    if latencies.is_empty() {
        return Err(format!("{runtime}: no response in the measured time"));
    }
    latencies.sort_unstable();
    let p99 = latencies[(latencies.len() * 99 / 100).min(latencies.len() - 1)];
    Ok(Throughput { requests_per_second: latencies.len() as f64 / load.measured.as_secs_f64(), p99_ms: p99 as f64 / 1000.0 })
}
