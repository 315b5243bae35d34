// Per-key chat counters for /__sim/stats, so a test can prove how a client (or the Studio's proxy)
// ended a chat: an upstream stream that the client abandoned is counted as aborted the moment the
// simulator sees its connection close. Part of RequestStats: reset with it, in flight kept.

/** How a chat call ended, from the simulator's side. */
export type ChatOutcome = "completed" | "errored" | "dropped" | "aborted";

export interface ChatStreamStats {
  /** Streams whose 200 and headers were sent (after the 5-credit hold). */
  started: number;
  /** Ended normally: the usage chunk (and [DONE], unless the framing leaves it out) was sent. */
  completed: number;
  /** Ended by [sim:stream-error]: an in-band error event, then a clean end. */
  errored: number;
  /** The client closed the connection before the stream ended. */
  aborted: number;
  /** The simulator cut the connection itself ([sim:drop]). */
  dropped: number;
  /** Streams open right now. */
  in_flight: number;
  /** For the newest aborted stream: data events written whole before the client left. */
  last_aborted_after_events: number | null;
}

export interface ChatCallStats {
  /** Non-streaming calls (stream: false) past the 5-credit hold. */
  started: number;
  /** Answered with the JSON completion. */
  completed: number;
  /** The client closed the connection before the answer was sent. */
  aborted: number;
  in_flight: number;
}

export interface ChatKeyStats {
  chat_streams?: ChatStreamStats;
  chat_calls?: ChatCallStats;
}

interface Counters {
  streams: ChatStreamStats;
  calls: ChatCallStats;
}

function emptyCounters(): Counters {
  return {
    streams: {
      started: 0,
      completed: 0,
      errored: 0,
      aborted: 0,
      dropped: 0,
      in_flight: 0,
      last_aborted_after_events: null,
    },
    calls: { started: 0, completed: 0, aborted: 0, in_flight: 0 },
  };
}

export class ChatStats {
  private readonly keys = new Map<string, Counters>();

  private counters(label: string): Counters {
    let counters = this.keys.get(label);
    if (!counters) {
      counters = emptyCounters();
      this.keys.set(label, counters);
    }
    return counters;
  }

  /**
   * A chat call of `label` has started. Returns how to end it: the first call counts, later ones
   * are ignored (a stream that completed and then closes is not also aborted).
   */
  start(label: string, streaming: boolean): (outcome: ChatOutcome, eventsWritten?: number) => void {
    const started = this.counters(label);
    (streaming ? started.streams : started.calls).started++;
    (streaming ? started.streams : started.calls).in_flight++;
    let ended = false;
    return (outcome, eventsWritten = 0) => {
      if (ended) return;
      ended = true;
      // Looked up again: a reset in between replaced the counters (and carried in_flight over).
      const now = this.counters(label);
      if (!streaming) {
        now.calls.in_flight--;
        if (outcome === "aborted") now.calls.aborted++;
        else now.calls.completed++;
        return;
      }
      now.streams.in_flight--;
      now.streams[outcome]++;
      if (outcome === "aborted") now.streams.last_aborted_after_events = eventsWritten;
    };
  }

  /** The key's chat counters; neither field when it has made no chat call since the last reset. */
  report(label: string): ChatKeyStats {
    const counters = this.keys.get(label);
    return counters
      ? { chat_streams: { ...counters.streams }, chat_calls: { ...counters.calls } }
      : {};
  }

  /** Every key with chat counters (after a reset: those with calls still in flight). */
  labels(): string[] {
    return [...this.keys.keys()];
  }

  /** Counts start again; what is in flight stays in flight. */
  reset(): void {
    const carried = [...this.keys].filter(
      ([, c]) => c.streams.in_flight > 0 || c.calls.in_flight > 0,
    );
    this.keys.clear();
    for (const [label, old] of carried) {
      const fresh = this.counters(label);
      fresh.streams.in_flight = old.streams.in_flight;
      fresh.calls.in_flight = old.calls.in_flight;
    }
  }
}
