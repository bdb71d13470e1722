package io.iapeer.host.runtime;

import com.sun.security.auth.module.UnixSystem;
import java.util.Locale;

/** The host facts a launch depends on, injectable so tests need not run as root or on macOS. */
public record Platform(boolean root, boolean linux) {

  public static Platform current() {
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    return new Platform(new UnixSystem().getUid() == 0, linux);
  }
}
