package io.iapeer.host.service;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Dirs;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Jobs as real processes: each starts through {@code setsid}, so it leads a new session and process
 * group (06 D13), with stdin from /dev/null, stdout and stderr appended to the spec's files and
 * exactly the spec's environment.
 */
public final class ProcessJobs implements Jobs.Starter {
  private final Path setsid;
  private final Signals signals;

  public ProcessJobs(Path setsid, Signals signals) {
    this.setsid = setsid;
    this.signals = signals;
  }

  /** {@code setsid} (util-linux) from the usual places, else from {@code path}. */
  public static Path findSetsid(String path) {
    List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin", "/usr/local/bin"));
    dirs.addAll(List.of(path.split(File.pathSeparator)));
    for (String dir : dirs) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "setsid");
      if (dir.startsWith("/") && Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IapException("setsid not found (util-linux) — the built-in supervisor starts every job"
        + " in a process group of its own with it; install util-linux or pick another service manager");
  }

  @Override
  public Job start(ServiceSpec spec) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(setsid.toString());
    argv.addAll(spec.argv());
    Dirs.ensure(spec.stdout().toAbsolutePath().getParent());
    Dirs.ensure(spec.stderr().toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(argv)
        .directory(spec.workingDir().toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(Redirect.appendTo(spec.stdout().toFile()))
        .redirectError(Redirect.appendTo(spec.stderr().toFile()));
    pb.environment().clear();
    pb.environment().putAll(spec.env());
    Process p = pb.start();
    return job(p.toHandle(), p.onExit().thenApply(x -> OptionalInt.of(x.exitValue())));
  }

  /** A job a previous service host started and left running: no child of ours, so no exit code. */
  public Job adopt(ProcessHandle handle) {
    return job(handle, handle.onExit().thenApply(x -> OptionalInt.empty()));
  }

  private Job job(ProcessHandle handle, CompletableFuture<OptionalInt> exit) {
    long pid = handle.pid();
    return new Job() {
      @Override
      public long pid() {
        return pid;
      }

      @Override
      public CompletableFuture<OptionalInt> exit() {
        return exit;
      }

      @Override
      public void signal(String name) {
        if (!signals.sendGroup(name, pid) && handle.isAlive()) {
          // the group is gone but its leader is not (it left the group): signal the leader itself
          signals.send(name, pid);
        }
      }
    };
  }
}
