package io.iapeer.host.realcli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every real-CLI test needs: the CLIs installed (else a clear skip), a fake model server, a
 * private tmux and an empty project folder; afterwards every agent gone and no request the fake
 * model did not know.
 */
abstract class RealCliFixture {
  @TempDir Path tmp;
  FakeModelServer model;
  TmuxDriver tmux;
  Path project;

  @BeforeEach
  void startFixture() {
    RealClis.assumeInstalled();
    model = FakeModelServer.start();
    tmux = new TmuxDriver();
    project = tmp.resolve("project");
    Io.write(project.resolve(".keep"), "");
  }

  @AfterEach
  void stopFixture() {
    if (tmux != null) {
      tmux.close();
    }
    if (model != null) {
      assertThat(model.unknown()).as("requests the fake model did not know").isEmpty();
      model.close();
    }
  }
}
