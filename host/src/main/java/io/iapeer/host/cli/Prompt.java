package io.iapeer.host.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A numbered choice asked on the terminal (04 §3.12): a number, a name, or empty for the first. */
final class Prompt {
  private Prompt() {}

  static String choose(Context ctx, String question, List<String> options) {
    ctx.out().println(question);
    for (int i = 0; i < options.size(); i++) {
      ctx.out().println("  [" + (i + 1) + "] " + options.get(i));
    }
    while (true) {
      ctx.out().print("Choose [1-" + options.size() + "] (default 1): ");
      ctx.out().flush();
      String line;
      try {
        line = ctx.in().readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (line == null || line.isBlank()) {
        return options.get(0);
      }
      String a = line.trim();
      if (options.contains(a)) {
        return a;
      }
      try {
        int n = Integer.parseInt(a);
        if (n >= 1 && n <= options.size()) {
          return options.get(n - 1);
        }
      } catch (NumberFormatException ignored) {
        // asked again below
      }
    }
  }
}
