// The terminal's WebSocket to the gateway: authenticates with its first frame, and after a network drop reconnects
// by itself and asks for the status updates it missed (resume_request).

const MAX_BACKOFF_MS = 15000;
// 1013 Try Again Later: the gateway shed this connection (it was not reading, or the gateway is busy)
const TRY_AGAIN_LATER = 1013;
const TRY_AGAIN_LATER_MS = 15000;

/**
 * How long to wait before reconnect number attempt + 1: up to 1 s, 2 s, 4 s … 15 s, the upper half of it at random,
 * so that the phones a gateway restart cut off together do not all come back in the same instant. After a 1013
 * 15 to 30 s.
 * @param random () => [0, 1), Math.random by default
 */
export function reconnectDelay(attempt, closeCode, random = Math.random) {
  if (closeCode === TRY_AGAIN_LATER) {
    return Math.round(TRY_AGAIN_LATER_MS * (1 + random()));
  }
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
  return Math.round((ceiling * (1 + random())) / 2);
}

export class TerminalConnection {
  /**
   * @param credential the terminal's credential, sent in the first frame, never in the URL
   * @param handlers onFrame(frame), onState('connecting' | 'online' | 'offline', detail), onRefused(error)
   * @param resumeFrom () => [{session, lastSeq}] to ask to be replayed after a reconnect
   */
  constructor(credential, handlers, resumeFrom) {
    this.credential = credential;
    this.handlers = handlers;
    this.resumeFrom = resumeFrom;
    this.attempt = 0;
    this.closed = false;
    this.connectedOnce = false;
    this.retry = null;
    window.addEventListener('online', () => this.reconnectNow());
  }

  open() {
    this.closed = false;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.handlers.onState(this.connectedOnce ? 'offline' : 'connecting', this.attempt);
    const socket = new WebSocket(`${scheme}//${location.host}/api/terminal/ws`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'authenticate', credential: this.credential }));
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket || this.closed) {
        return;
      }
      this.handlers.onState('offline', this.attempt);
      const delay = reconnectDelay(this.attempt, event.code);
      this.attempt += 1;
      this.retry = setTimeout(() => this.open(), delay);
    });
  }

  reconnectNow() {
    if (this.closed || (this.socket && this.socket.readyState === WebSocket.OPEN)) {
      return;
    }
    clearTimeout(this.retry);
    this.open();
  }

  send(message) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      throw new Error('not connected to the gateway; reconnecting');
    }
    this.socket.send(JSON.stringify(message));
  }

  close() {
    this.closed = true;
    clearTimeout(this.retry);
    if (this.socket) {
      this.socket.close(1000, 'signed out');
    }
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === 'authenticated') {
      const reconnected = this.connectedOnce;
      this.connectedOnce = true;
      this.attempt = 0;
      this.handlers.onState('online', reconnected);
      if (reconnected) {
        for (const resume of this.resumeFrom()) {
          this.send({ type: 'resume_request', session: resume.session, lastSeq: resume.lastSeq });
        }
      }
    } else if (frame.type === 'error' && frame.code === 'unauthenticated') {
      this.close();
      this.handlers.onRefused(frame);
      return;
    }
    this.handlers.onFrame(frame);
  }
}
