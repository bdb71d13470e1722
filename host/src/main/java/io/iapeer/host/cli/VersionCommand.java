package io.iapeer.host.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.Command;

@Command(
    name = "version",
    customSynopsis = "usage: iapeer version",
    description = {
      "Prints the version baked in at build time.",
      "",
      "Also answers to `iapeer --version` and `iapeer -v`."
    })
public final class VersionCommand implements Runnable {
  private final Context ctx;

  public VersionCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    ctx.out().println(version());
  }

  public static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("/io/iapeer/host/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
