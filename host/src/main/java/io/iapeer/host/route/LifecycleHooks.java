package io.iapeer.host.route;

import io.iapeer.core.log.LogLine;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.registry.Caller;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.Modes;
import io.iapeer.host.lifecycle.Flag;
import io.iapeer.host.lifecycle.Lifecycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The hooks of 02 §9.7 as lifecycle markers (03 §2): the live-delivery topic note into
 * {@code <identity>.topic}, the delivered stamp {@code <identity>.last-delivered}, and the arming of
 * an ephemeral worker whose reply went out ({@code <identity>.ephemeral-armed}).
 */
public final class LifecycleHooks implements DeliveryHooks {
  private final Lifecycle lc;

  public LifecycleHooks(Lifecycle lc) {
    this.lc = lc;
  }

  /** 03 §9.5: logged when the set changed. */
  @Override
  public void topicNote(Identity target, String topic) {
    if (lc.topics().note(target, topic)) {
      lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "topic-note").add("identity", target.address())
          .add("topic", topic.strip()));
    }
  }

  /** 03 §9.11: a worker's reply is out, so the quiet-window reap may end its session. */
  @Override
  public void onDelivered(Caller caller) {
    boolean ephemeral = ProfileReader.read(Path.of(caller.cwd())).map(PeerProfile::ephemeral).orElse(false);
    if (ephemeral) {
      lc.markers().set(caller.address(), Flag.EPHEMERAL_ARMED);
    }
  }

  @Override
  public void delivered(Identity target) {
    Path file = lc.layout().lifecycleStateDir().resolve(target.address() + ".last-delivered");
    // Written after every live delivery: atomic, but without the fsyncs of a durable marker.
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + Thread.currentThread().threadId() + ".tmp");
    try {
      Dirs.ensure(file.getParent());
      Files.writeString(tmp, Long.toString(lc.clock().millis()));
      Files.setPosixFilePermissions(tmp, Modes.PRIVATE);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
