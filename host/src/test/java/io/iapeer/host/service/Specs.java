package io.iapeer.host.service;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;

/** The specs the renderers are tested on: the daemon's, an infra peer's, and one full of hostile values. */
final class Specs {
  /** Every character a definition must survive: markup, specifiers, shell, quotes, controls, non-ASCII. */
  static final String HOSTILE = "a & b <weird> > 100% %h $HOME ${X} $$ \"dq\" 'sq' back\\slash  two  spaces"
      + " ü 日本 🙂 tab\there nul\u0000 bel\u0007 esc\u001b del\u007f cr\rlf\nend";

  private Specs() {}

  /** The env of a user {@code ada} whose launcher is the one under {@code home}. */
  static Env env(Path home) {
    return Env.of(
        "HOME", home.toString(),
        "PATH", home + "/.local/bin:/usr/bin:/bin",
        "IAPEER_LAUNCHER", home + "/.local/share/iapeer/0.1.0/bin/iapeer",
        "IAPEER_SOCK_DIR", home + "/socks",
        "NOTIFIER_RUNTIME_BIN", home + "/.local/bin/notifier-runtime");
  }

  static ServiceSpec daemon(Path home) {
    Env env = env(home);
    return ServiceSpecs.daemon(Layout.from(env), new Settings(env));
  }

  static ServiceSpec infra(Path home) {
    Env env = env(home);
    return ServiceSpecs.infra(
        Layout.from(env), new Settings(env), new Identity("notifier", "timer"), home.resolve("peers/timer"));
  }

  /** Under {@code base}: the program, working dir and logs all have hostile names too. */
  static ServiceSpec hostile(Path base) {
    TreeMap<String, String> env = new TreeMap<>();
    env.put("HOSTILE", HOSTILE);
    env.put("EMPTY", "");
    env.put("PATH", "/usr/bin:/bin");
    env.put("QUOTES", "\"dq\" 'sq' \\\"");
    return new ServiceSpec(
        "com.iapeer.hostile",
        "iapeer infra peer hostile (telegram) & <x> 100% $HOME",
        List.of(program(base).toString(), "run-infra", HOSTILE, "", ";", "\\;", "'single'", "dollar$VAR${X}$$",
            "percent%h%%", "ctl\u0000\u0007\u001b", "日本 🙂"),
        workingDir(base),
        env,
        base.resolve("logs & <x>/100% $HOME ü/out.log"),
        base.resolve("logs & <x>/100% $HOME ü/err.log"),
        Duration.ofSeconds(30),
        false);
  }

  /** No quote or backslash: systemd refuses those in a program path. */
  static Path program(Path base) {
    return base.resolve("bin & <x> 100% $HOME ü/iapeer");
  }

  static Path workingDir(Path base) {
    return base.resolve("work dir & <x> 100% $HOME \"q\" 'a' \\b ü");
  }
}
