package io.iapeer.host.lifecycle;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.prompt.HostFacts;
import io.iapeer.host.prompt.SystemPrompt;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.Resume;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.Sessions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Brings one registered peer up in one runtime (03 §9.2 steps after the decision): the system
 * prompt written fresh, the launch spec from the registry record, then the launch primitive. A
 * launch that fails leaves no session behind: nothing would ever enrol it. A stopped peer is
 * never brought up.
 */
public final class BringUp {
  private final Sessions sessions;
  private final Layout layout;
  private final Clock clock;

  public BringUp(Sessions sessions, Layout layout, Clock clock) {
    this.sessions = sessions;
    this.layout = layout;
    this.clock = clock;
  }

  public LaunchResult launch(
      PeerRecord peer,
      String runtime,
      boolean resume,
      String firstMessage,
      List<String> extraArgs,
      RegistrySnapshot registry) {
    Identity id = new Identity(runtime, peer.personality());
    Path cwd = Path.of(peer.cwd());
    if (new Markers(layout).stopped(id)) {
      return new LaunchResult.Failed(
          id,
          "peer \"%s\" is stopped — run `iapeer start %s` first".formatted(id.personality(), id.personality()),
          false);
    }
    RuntimeAdapter adapter = sessions.adapters().of(runtime);
    if (resume && adapter.resolveResume(cwd) instanceof Resume.Unavailable u) {
      return new LaunchResult.Failed(id, u.reason(), false);
    }
    LaunchSpec spec =
        LaunchSpec.fresh(id, cwd)
            .withResume(resume)
            .withExtraArgs(extraArgs)
            .withIntelligence(peer.intelligence());
    if (adapter.usesDoctrine()) {
      var facts = HostFacts.detect(layout.env(), clock);
      var prompt = SystemPrompt.writeFor(id, layout, cwd, registry, facts);
      if (prompt.isPresent()) {
        spec = spec.withSystemPromptFile(prompt.get());
      }
    }
    LaunchResult result = sessions.launcher().launch(spec, adapter, firstMessage);
    if (result instanceof LaunchResult.Failed f && f.sessionLeft()) {
      sessions.host().kill(id);
    }
    return result;
  }
}
