package io.iapeer.host.cli;

import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Setting;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The {@code iapeer} program's entry point: builds the real {@link Context} and runs a verb. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = writer(FileDescriptor.out);
    PrintWriter err = writer(FileDescriptor.err);
    Context ctx = new Context(
            env(),
            Path.of("").toAbsolutePath(),
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            out,
            err,
            interactive());
    int code;
    try {
      code = Cli.run(args, ctx);
    } finally {
      out.flush();
      err.flush();
    }
    System.exit(code);
  }

  /** The process environment, plus the launcher script bin/iapeer says this program runs from. */
  private static Env env() {
    String launcher = System.getProperty("iapeer.launcher");
    Env env = Env.system();
    return launcher == null ? env : env.with(Setting.IAPEER_LAUNCHER.name(), launcher);
  }

  private static PrintWriter writer(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), false);
  }

  /** A person at the terminal: JDK 22+ returns a Console for redirected streams too, so ask it. */
  private static boolean interactive() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a Console exists only on a terminal
    }
  }
}
