package io.iapeer.host.lifecycle;

import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.testing.LifecycleHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in for the daemon in its own process, so a test can {@code kill -9} it mid-work:
 * {@code wake <peer> <task>} runs one message wake, {@code tick} one supervise tick.
 */
public final class WakeMain {
  private WakeMain() {}

  public static void main(String[] args) {
    Env env = Env.system();
    Lifecycle lc = Lifecycle.of(Layout.from(env), new Settings(env), System.err::println);
    if (args[0].equals("wake")) {
      System.out.println(lc.waker().wake(Waker.Request.message(args[1], Optional.empty(), Optional.empty(), args[2])));
    } else {
      System.out.println(lc.supervisor().runOnce());
    }
  }

  static Process start(LifecycleHarness h, String... args) throws IOException {
    String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(jvm, "-cp", System.getProperty("java.class.path"),
        WakeMain.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(h.sb.cwd().toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(h.sb.env().vars());
    return pb.start();
  }
}
