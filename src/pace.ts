// Long synchronous stretches starve the event loop, and with it the
// SIGINT/SIGTERM handlers: a Ctrl-C during a history audit's rule pass was
// honoured a minute later, after the report had been written. Loops that can
// run long call `pace()` (or check `paceDue()` in hot loops): every SLICE_MS
// of work they give the event loop one turn, so a signal is handled within
// about that long. Resolved promises (`for await` over buffered items) are
// microtasks and do not give that turn; only a macrotask such as
// setImmediate does.

/** Work between two turns of the event loop, at most (a signal waits about this long). */
export const SLICE_MS = 50;

let sliceStart = performance.now();

/** Whether the current stretch of synchronous work has run a slice long. */
export function paceDue(): boolean {
  return performance.now() - sliceStart >= SLICE_MS;
}

/** One turn of the event loop: pending signal handlers, timers and I/O run before this resolves. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) =>
    setImmediate(() => {
      sliceStart = performance.now();
      resolve();
    }),
  );
}

/** Give the event loop a turn when a slice of work has passed; otherwise nothing (no macrotask). */
export async function pace(): Promise<void> {
  if (paceDue()) await yieldToEventLoop();
}
