package io.iapeer.host.daemon;

import java.io.PrintWriter;

/**
 * The daemon's stderr lines, each prefixed {@code [iapeer-daemon]} (02 §8.1, §8.4): warnings
 * always, a trace line per tool call only when IAPEER_DAEMON_LOG is set.
 */
public record DaemonLog(PrintWriter err, boolean tracing) {

  public void trace(String line) {
    if (tracing) {
      print(line);
    }
  }

  public void warn(String line) {
    print("WARN " + line);
  }

  private void print(String line) {
    err.println("[iapeer-daemon] " + line);
    err.flush();
  }
}
