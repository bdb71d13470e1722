package io.iapeer.host.route;

import io.iapeer.core.log.EventLog;
import io.iapeer.core.log.LogLine;
import io.iapeer.core.registry.Caller;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code delivery.log} (02 §11): one logfmt line per send, success or failure, and one per
 * composer-queue failure notice. Metadata only — never the body or an attachment path. Writing is
 * best-effort; {@link EventLog} swallows every failure.
 */
public final class DeliveryLog {
  private final EventLog log;
  private final Clock clock;

  public DeliveryLog(Path file, long maxBytes, int keep, Clock clock) {
    this.log = new EventLog(file, maxBytes, keep);
    this.clock = clock;
  }

  public Path file() {
    return log.file();
  }

  /** {@code ev=delivery}: {@code path} is where the send came from ({@code mcp}, {@code cli}). */
  public void delivery(Caller caller, SendRequest req, RouteResult result, long ms) {
    LogLine line = LogLine.at(clock.instant())
        .add("ev", "delivery")
        .add("path", req.path().isEmpty() ? null : req.path())
        .add("caller", caller.address().address())
        .add("to", req.personality())
        .add("rt", req.runtime().orElse(null));
    outcome(line, result)
        .add("ms", ms)
        .add("len", req.message().length())
        .add("att", req.attachments().isEmpty() ? null : req.attachments().size())
        .add("topic", req.topic().orElse(null))
        .add("err", result instanceof RouteResult.Refused r ? r.error() : null);
    log.append(line);
  }

  /**
   * {@code ev=composer-queue-failed-notify} (02 §11) for a notice that was routed: {@code notifier}
   * is the foundation peer's address, {@code to}/{@code rt} the queued sender.
   */
  public void failedNotify(String notifier, String to, String rt, Optional<String> topic, RouteResult result) {
    LogLine line = notifyLine(notifier, to, rt);
    outcome(line, result)
        .add("topic", topic.orElse(null))
        .add("err", result instanceof RouteResult.Refused r ? r.error() : null);
    log.append(line);
  }

  /** The same event for a notice that was not sent, with its benign note (02 §11). */
  public void notifySkipped(String notifier, String to, String rt, Optional<String> topic, boolean ok, String note) {
    log.append(notifyLine(notifier, to, rt).add("ok", ok).add("topic", topic.orElse(null)).add("err", note));
  }

  private LogLine notifyLine(String notifier, String to, String rt) {
    return LogLine.at(clock.instant())
        .add("ev", "composer-queue-failed-notify")
        .add("caller", notifier)
        .add("to", to)
        .add("rt", rt);
  }

  private static LogLine outcome(LogLine line, RouteResult result) {
    if (result instanceof RouteResult.Accepted a) {
      line.add("ok", true)
          .add("via", a.deliveredTo().address())
          .add("woke", a.woke());
      a.queue().ifPresent(q -> line.add("queued", true).add("qkind", q.by()).add("qd", q.depth()));
    } else {
      line.add("ok", false);
    }
    return line;
  }
}
