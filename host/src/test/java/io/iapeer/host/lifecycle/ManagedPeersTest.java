package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle asks the host's service manager which peers it must leave alone (06 D3). */
class ManagedPeersTest {
  @TempDir Path tmp;

  @Test
  void aPeerWithADefinitionAtItsLabelIsManagedWhoeverWroteIt() throws Exception {
    Sandbox sb = new Sandbox(tmp).env("IAPEER_SERVICE_MANAGER", "builtin");
    Path def = sb.root.resolve("services/com.iapeer.boris.json");
    Files.createDirectories(def.getParent());
    Files.writeString(def, "{\"label\": \"com.iapeer.boris\"}\n");

    ManagedPeers managed = ManagedPeers.of(sb.layout(), sb.settingsWithPort(0));

    assertThat(managed.isManaged("boris")).isTrue();
    assertThat(managed.isManaged("maria")).isFalse();
  }

  @Test
  void theDaemonsLifecycleDoesNotWakeAManagedPeer() throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("claude").env("IAPEER_SERVICE_MANAGER", "builtin");
    assertThat(sb.run("create", "boris", "--runtime", "claude").code()).isZero();
    Path def = sb.root.resolve("services/com.iapeer.boris.json");
    Files.createDirectories(def.getParent());
    Files.writeString(def, "{\"label\": \"com.iapeer.boris\"}\n");

    Lifecycle lc = Lifecycle.of(sb.layout(), sb.settingsWithPort(0), note -> {});
    Waker.Result r = lc.waker().wake(Waker.Request.fresh("boris", Optional.empty(), "hello"));

    assertThat(r.ready()).isFalse();
    assertThat(r.reason()).contains("\"boris\" is managed by a service manager (com.iapeer.boris); the daemon does"
        + " not wake it — its service keeps it running");
    assertThat(lc.sessions().host().alive(new Identity("claude", "boris"))).isFalse();
  }
}
