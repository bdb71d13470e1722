package io.iapeer.host.route;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import io.iapeer.host.lifecycle.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * The hooks of 02 §9.7 as lifecycle markers (03 §2): the live-delivery topic note into
 * {@code <identity>.topic} and the delivered stamp {@code <identity>.last-delivered}. Arming an
 * ephemeral caller waits for ephemeral workers, which this build does not route to yet.
 */
public final class LifecycleHooks implements DeliveryHooks {
  private final Layout layout;
  private final Topics topics;
  private final Clock clock;

  public LifecycleHooks(Layout layout, Clock clock) {
    this.layout = layout;
    this.topics = new Topics(layout);
    this.clock = clock;
  }

  @Override
  public void topicNote(Identity target, String topic) {
    topics.note(target, topic);
  }

  @Override
  public void delivered(Identity target) {
    Path file = layout.lifecycleStateDir().resolve(target.address() + ".last-delivered");
    // Written after every live delivery: atomic, but without the fsyncs of a durable marker.
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + Thread.currentThread().threadId() + ".tmp");
    try {
      Dirs.ensure(file.getParent());
      Files.writeString(tmp, Long.toString(clock.millis()));
      Files.setPosixFilePermissions(tmp, Modes.PRIVATE);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
