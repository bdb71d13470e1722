package io.iapeer.host.fakeagent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns the raw byte stream of the pane into keys (03 §11 F3). One thread only reads, so that the
 * parser can wait with a timeout: a lone ESC is the Escape key only when nothing follows it within
 * 50 ms, which is how tmux's {@code send-keys Escape} differs from the start of an arrow key.
 */
final class KeyReader {
  enum Kind { SUBMIT, ESCAPE, UP, DOWN, BACKSPACE, CTRL_D, EOF, TEXT, PASTE }

  record Key(Kind kind, String text) {
    static Key of(Kind kind) {
      return new Key(kind, "");
    }
  }

  private static final int EOF = -1;
  private static final int ESC = 0x1b;
  private static final long LONE_ESC_MS = 50;
  private static final byte[] PASTE_END = "\u001b[201~".getBytes(StandardCharsets.US_ASCII);

  private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
  private final InputStream in;
  private final Consumer<Key> sink;
  private Integer pushedBack;

  KeyReader(InputStream in, Consumer<Key> sink) {
    this.in = in;
    this.sink = sink;
  }

  void start() {
    daemon("fake-agent-read", this::read).start();
    daemon("fake-agent-keys", this::parse).start();
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void read() {
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n; i++) {
          bytes.add(buf[i] & 0xff);
        }
      }
    } catch (IOException e) {
      // a hung-up pane reads as the end of input
    }
    bytes.add(EOF);
  }

  private void parse() {
    try {
      while (true) {
        int b = next();
        if (b == EOF) {
          sink.accept(Key.of(Kind.EOF));
          return;
        }
        Key k = key(b);
        if (k != null) {
          sink.accept(k);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int next() throws InterruptedException {
    if (pushedBack != null) {
      int b = pushedBack;
      pushedBack = null;
      return b;
    }
    return bytes.take();
  }

  private Key key(int b) throws InterruptedException {
    switch (b) {
      case 0x0d:
        return Key.of(Kind.SUBMIT);
      case 0x0a:
        return new Key(Kind.TEXT, "\n");
      case 0x04:
        return Key.of(Kind.CTRL_D);
      case 0x7f, 0x08:
        return Key.of(Kind.BACKSPACE);
      case ESC:
        return escape();
      default:
        return b < 0x20 ? null : new Key(Kind.TEXT, utf8(b));
    }
  }

  private Key escape() throws InterruptedException {
    Integer n = pushedBack;
    if (n != null) {
      pushedBack = null;
    } else {
      n = bytes.poll(LONE_ESC_MS, TimeUnit.MILLISECONDS);
    }
    if (n == null) {
      return Key.of(Kind.ESCAPE);
    }
    if (n == '[') {
      StringBuilder params = new StringBuilder();
      int c;
      while ((c = next()) != EOF && (c < 0x40 || c > 0x7e)) {
        params.append((char) c);
      }
      if (c == EOF) {
        pushedBack = EOF;
        return null;
      }
      if (c == '~' && params.toString().equals("200")) {
        return paste();
      }
      return arrow(c);
    }
    if (n == 'O') {
      return arrow(next());
    }
    // ESC ESC is an Escape followed by whatever the second ESC starts; Alt+key is ignored
    if (n == ESC || n == EOF) {
      pushedBack = n;
      return Key.of(Kind.ESCAPE);
    }
    return null;
  }

  private static Key arrow(int c) {
    return switch (c) {
      case 'A' -> Key.of(Kind.UP);
      case 'B' -> Key.of(Kind.DOWN);
      default -> null;
    };
  }

  /** tmux turns each LF of a bracketed paste into CR; inside a paste both are a literal newline. */
  private Key paste() throws InterruptedException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < PASTE_END.length) {
      int c = next();
      if (c == EOF) {
        pushedBack = EOF;
        break;
      }
      body.write(c);
      matched = c == PASTE_END[matched] ? matched + 1 : c == ESC ? 1 : 0;
    }
    byte[] all = body.toByteArray();
    int len = matched == PASTE_END.length ? all.length - PASTE_END.length : all.length;
    String text = new String(all, 0, len, StandardCharsets.UTF_8);
    return new Key(Kind.PASTE, text.replace("\r\n", "\n").replace('\r', '\n'));
  }

  /** One typed character: the lead byte says how many continuation bytes follow. */
  private String utf8(int lead) throws InterruptedException {
    int extra = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
    byte[] cp = new byte[extra + 1];
    cp[0] = (byte) lead;
    for (int i = 1; i <= extra; i++) {
      int c = next();
      if (c == EOF) {
        pushedBack = EOF;
        break;
      }
      cp[i] = (byte) c;
    }
    return new String(cp, StandardCharsets.UTF_8);
  }
}
