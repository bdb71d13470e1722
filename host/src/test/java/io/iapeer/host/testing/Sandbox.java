package io.iapeer.host.testing;

import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.cli.Cli;
import io.iapeer.host.cli.Context;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * One isolated host for a test: its own HOME, IAPEER_ROOT, socket dir, PATH and
 * IAPEER_TEST_SANDBOX=1, so nothing touches the machine's ~/.iapeer, ~/.claude or ~/.codex. Runs the
 * CLI in-process and captures what it prints.
 */
public final class Sandbox {
  /** The checkout's launcher script (tests run in the host module's directory). */
  public static final Path CHECKOUT_LAUNCHER = Path.of("..", "bin", "iapeer").toAbsolutePath().normalize();

  public final Path base;
  public final Path home;
  public final Path root;
  public final Path bin;
  private final Map<String, String> env = new HashMap<>();
  private Path cwd;

  public Sandbox(Path base) {
    this.base = base;
    this.home = mkdirs(base.resolve("home"));
    this.root = base.resolve("home/.iapeer-root");
    this.bin = mkdirs(base.resolve("bin"));
    this.cwd = mkdirs(base.resolve("work"));
    env.put("HOME", home.toString());
    env.put("IAPEER_ROOT", root.toString());
    env.put("IAPEER_SOCK_DIR", mkdirs(base.resolve("socks")).toString());
    env.put("IAPEER_TEST_SANDBOX", "1");
    env.put("PATH", bin.toString()); // the machine's real agent CLIs never leak in
    // bin/iapeer tells the program where it runs from; service definitions name it
    env.put("IAPEER_LAUNCHER", CHECKOUT_LAUNCHER.toString());
  }

  /** A stand-in executable on this sandbox's PATH, e.g. {@code claude}. */
  public Sandbox installed(String name) {
    Path p = bin.resolve(name);
    try {
      Files.writeString(p, "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public Sandbox env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  public Env env() {
    return new Env(env);
  }

  public Layout layout() {
    return Layout.from(env());
  }

  /** Settings whose IAPEER_PORT is {@code port}; 0 = a free port of its own (IAPEER_PORT has no "any"). */
  public Settings settingsWithPort(int port) {
    int p = port == 0 ? Ports.free() : port;
    return new Settings(env().with("IAPEER_PORT", String.valueOf(p)));
  }

  public Sandbox cd(Path dir) {
    this.cwd = mkdirs(dir);
    return this;
  }

  public Path cwd() {
    return cwd;
  }

  public Path registry() {
    return layout().registryFile();
  }

  /** The stderr line of a session-changing verb that found no daemon and ran in-process (06 D4). */
  public String noDaemon(String verb) {
    return "iapeer: no daemon answered on " + layout().routerSocket() + " — running " + verb + " here\n";
  }

  /** What one CLI run printed and returned. */
  public record Run(int code, String out, String err) {}

  public Run run(String... args) {
    return runWithInput("", false, args);
  }

  public Run runWithInput(String stdin, boolean interactive, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    Context ctx = new Context(env(), cwd, new BufferedReader(new StringReader(stdin)), o, e, interactive);
    int code = Cli.run(args.clone(), ctx);
    o.flush();
    e.flush();
    return new Run(code, out.toString(), err.toString());
  }

  public static Path mkdirs(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
