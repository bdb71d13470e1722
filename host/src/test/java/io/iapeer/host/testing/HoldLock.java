package io.iapeer.host.testing;

import io.iapeer.core.storage.FileLocks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A second process that takes a lock the way iapeer does, says {@code held}, and keeps it until it
 * is killed: proves what another process's lock does to ours.
 */
public final class HoldLock {
  private HoldLock() {}

  public static void main(String[] args) throws InterruptedException {
    FileLocks.acquire(Path.of(args[0]), Duration.ofSeconds(10), "busy");
    System.out.println("held");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Starts the holder and returns once it holds {@code lockFile}. */
  public static Process start(Path lockFile) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        HoldLock.class.getName(), lockFile.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
    if (!"held".equals(first)) {
      p.destroyForcibly();
      throw new IOException("the lock holder did not take " + lockFile + " (said " + first + ")");
    }
    return p;
  }
}
