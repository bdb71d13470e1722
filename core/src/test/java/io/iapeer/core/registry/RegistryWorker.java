package io.iapeer.core.registry;

import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate JVM for the cross-process registry tests (01 §17.1, 06 D6). Arguments: {@code <home>
 * <root> upsert <prefix> <count> <go-file>} upserts {@code count} peers once {@code go-file}
 * exists; {@code <home> <root> hold} takes the registry lock inside an update and never returns. It
 * prints {@code ready} or {@code holding} on stdout so the test knows when to proceed.
 */
public final class RegistryWorker {
  private RegistryWorker() {}

  public static void main(String[] args) throws Exception {
    Layout layout =
        Layout.from(
            Sandbox.env(Path.of(args[0]), Path.of(args[1]))
                .with("IAPEER_LOCK_TIMEOUT_MS", "60000"));
    Registry registry = new Registry(layout, System.err::println);
    switch (args[2]) {
      case "upsert" -> {
        String prefix = args[3];
        int count = Integer.parseInt(args[4]);
        Path go = Path.of(args[5]);
        System.out.println("ready");
        System.out.flush();
        while (!Files.exists(go)) {
          Thread.sleep(5);
        }
        for (int i = 0; i < count; i++) {
          String name = prefix + "-" + i;
          registry.upsert(UpsertRequest.of(name, "claude", layout.defaultPeerFolder(name)));
        }
      }
      case "hold" ->
          registry.update(
              s -> {
                System.out.println("holding");
                System.out.flush();
                try {
                  Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return s;
              });
      default -> throw new IllegalArgumentException("unknown mode " + args[2]);
    }
  }
}
