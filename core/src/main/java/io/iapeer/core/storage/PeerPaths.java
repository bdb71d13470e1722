package io.iapeer.core.storage;

import java.nio.file.Path;

/** The paths inside one peer folder (01 §7.4, 03 §3.5). */
public record PeerPaths(Path cwd) {
  public Path dotDir() {
    return cwd.resolve(".iapeer");
  }

  public Path profile() {
    return dotDir().resolve("peer-profile.json");
  }

  /** The per-profile OS lock file (06 D6). */
  public Path profileLock() {
    return dotDir().resolve(".peer-profile.lock");
  }

  public Path doctrine() {
    return dotDir().resolve("IAPEER.md");
  }

  public Path fragments() {
    return dotDir().resolve("fragments");
  }

  public Path runtimesDir() {
    return dotDir().resolve("runtimes");
  }

  public Path runtimeDir(String runtime) {
    return runtimesDir().resolve(runtime);
  }

  public Path launchEnv(String runtime) {
    return runtimeDir(runtime).resolve("launch.env");
  }

  public Path mcpJson() {
    return cwd.resolve(".mcp.json");
  }

  public Path claudeDir() {
    return cwd.resolve(".claude");
  }

  public Path claudeSettings() {
    return claudeDir().resolve("settings.json");
  }

  public Path codexDir() {
    return cwd.resolve(".codex");
  }
}
