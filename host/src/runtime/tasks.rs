//! The channel other threads post Tasks to a JS thread on. A send also raises an eventfd,
//! so that a loop with no tokio task alive can sleep in one ppoll(2) on that fd and
//! libuv's backend fd, instead of entering tokio's scheduler and drivers every turn.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::mpsc;

use super::Task;

/// An eventfd raised at most once until the loop lowers it.
struct Signal {
    fd: OwnedFd,
    /// True from a sender's raise until the loop lowers it: while set (outside `lower`),
    /// the eventfd is readable or a sender's write to it is on the way, so later senders
    /// skip the write.
    raised: AtomicBool,
}

impl Signal {
    fn new() -> std::io::Result<Signal> {
        // SAFETY: plain syscall; the fd is owned below.
        let fd = unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: a new fd nothing else owns.
        Ok(Signal { fd: unsafe { OwnedFd::from_raw_fd(fd) }, raised: AtomicBool::new(false) })
    }

    fn raise(&self) {
        if !self.raised.swap(true, Ordering::AcqRel) {
            let one = 1u64;
            // SAFETY: an 8-byte write to our eventfd (it cannot overflow at this rate).
            unsafe { libc::write(self.fd.as_raw_fd(), (&one as *const u64).cast(), 8) };
        }
    }

    /// After a poll saw the fd readable, before the loop drains the channel. The read
    /// comes first: a sender that raises between it and the swap finds the flag still set
    /// and skips its write, but its task is drained next; one after the swap writes again.
    fn lower(&self) {
        let mut count = 0u64;
        // SAFETY: an 8-byte read from our non-blocking eventfd.
        unsafe { libc::read(self.fd.as_raw_fd(), (&mut count as *mut u64).cast(), 8) };
        // A swap, not a store: it acquires what a sender that skipped its write had sent.
        self.raised.swap(false, Ordering::AcqRel);
    }
}

/// The sending end, cloned by whatever posts to the JS thread.
#[derive(Clone)]
pub struct TaskSender {
    tx: mpsc::UnboundedSender<Task>,
    signal: Arc<Signal>,
    wake_ups: Arc<AtomicIsize>,
}

impl TaskSender {
    /// Queues `task` for the JS thread's next poll phase and wakes its loop; fails once the
    /// loop has ended.
    pub fn send(&self, task: Task) -> Result<(), mpsc::error::SendError<Task>> {
        self.tx.send(task)?;
        self.signal.raise();
        Ok(())
    }

    /// Wakes the JS thread's loop for a turn without giving it work that keeps it alive
    /// (node's unref'd async handle for V8's platform tasks): a loop about to end still ends.
    pub fn wake(&self) {
        let wake_ups = self.wake_ups.clone();
        // Counted after the send: meanwhile the wake-up reads as work (one more turn), never
        // a queued task as a wake-up; the count may dip below zero if it runs first.
        if self.send(Box::new(move |_| {
            wake_ups.fetch_sub(1, Ordering::AcqRel);
        }))
        .is_ok()
        {
            self.wake_ups.fetch_add(1, Ordering::AcqRel);
        }
    }
}

/// The JS thread's end.
pub struct TaskReceiver {
    rx: mpsc::UnboundedReceiver<Task>,
    signal: Arc<Signal>,
    wake_ups: Arc<AtomicIsize>,
}

/// A new channel to one JS thread (an error when no eventfd can be made: EMFILE).
pub fn channel() -> std::io::Result<(TaskSender, TaskReceiver)> {
    let (tx, rx) = mpsc::unbounded_channel();
    let signal = Arc::new(Signal::new()?);
    let wake_ups = Arc::new(AtomicIsize::new(0));
    Ok((TaskSender { tx, signal: signal.clone(), wake_ups: wake_ups.clone() }, TaskReceiver { rx, signal, wake_ups }))
}

impl TaskReceiver {
    /// The next queued task, if any.
    pub fn try_recv(&mut self) -> Option<Task> {
        self.rx.try_recv().ok()
    }

    /// How many tasks are queued now, bare wake-ups included.
    pub fn queued(&self) -> usize {
        self.rx.len()
    }

    /// Whether tasks are queued (events ready for the JS thread's next turn), bare wake-ups
    /// aside.
    pub fn has_queued(&self) -> bool {
        self.rx.len() as isize > self.wake_ups.load(Ordering::Acquire)
    }

    /// The next task, waiting in tokio for it.
    pub async fn recv(&mut self) -> Option<Task> {
        self.rx.recv().await
    }

    /// Sleeps until a task is sent, `other_fd` is readable, or `deadline` passes (none:
    /// no limit); a signal, EINTR or an early wake-up just returns.
    pub fn wait_with(&self, other_fd: RawFd, deadline: Option<Instant>) {
        let mut fds = [
            libc::pollfd { fd: self.signal.fd.as_raw_fd(), events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: other_fd, events: libc::POLLIN, revents: 0 },
        ];
        let timeout = deadline.map(|deadline| {
            let left = deadline.saturating_duration_since(Instant::now());
            libc::timespec { tv_sec: left.as_secs() as libc::time_t, tv_nsec: left.subsec_nanos() as libc::c_long }
        });
        let timeout = timeout.as_ref().map_or(std::ptr::null(), |timeout| timeout as *const libc::timespec);
        // SAFETY: two pollfds on the stack and a timespec or NULL.
        let ready = unsafe { libc::ppoll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout, std::ptr::null()) };
        if ready > 0 && fds[0].revents != 0 {
            self.signal.lower();
        }
    }
}
