package io.iapeer.core.testsupport;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.FileLocks;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code hold <file>}: takes the lock, prints {@code held}, keeps it until stdin closes (so it never
 * outlives the test JVM). {@code try <file> <ms> <busy>}: one bounded attempt; prints {@code got} or
 * {@code busy <elapsed ms> <message>}.
 */
public final class LockMain {
  private LockMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "hold" -> {
        try (var held = FileLocks.acquire(file, Duration.ofSeconds(5), "busy")) {
          System.out.println("held");
          System.out.flush();
          while (System.in.read() != -1) {
            // wait for EOF or a kill
          }
        }
      }
      case "try" -> {
        long start = System.nanoTime();
        try (var held = FileLocks.acquire(file, Duration.ofMillis(Long.parseLong(args[2])), args[3])) {
          System.out.println("got");
        } catch (IapException e) {
          long ms = (System.nanoTime() - start) / 1_000_000;
          System.out.println("busy " + ms + " " + e.getMessage());
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
