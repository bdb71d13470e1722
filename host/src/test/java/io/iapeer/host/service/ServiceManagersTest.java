package io.iapeer.host.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.ServiceManagers.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which manager a host gets (04 §4.4), on a probe that stands in for the host. */
class ServiceManagersTest {
  @TempDir Path tmp;

  /** A host as described; it records what selection asked, so a question never asked is visible. */
  static final class Host implements ServiceManagers.Probe {
    final boolean mac;
    final boolean linux;
    final boolean booted;
    final boolean answers;
    final List<String> asked = new ArrayList<>();

    Host(boolean mac, boolean linux, boolean booted, boolean answers) {
      this.mac = mac;
      this.linux = linux;
      this.booted = booted;
      this.answers = answers;
    }

    @Override
    public boolean macOs() {
      asked.add("macOs");
      return mac;
    }

    @Override
    public boolean linux() {
      asked.add("linux");
      return linux;
    }

    @Override
    public boolean systemdBooted() {
      asked.add("systemdBooted");
      return booted;
    }

    @Override
    public boolean userManagerAnswers() {
      asked.add("userManagerAnswers");
      return answers;
    }
  }

  @Test
  void macOsGetsLaunchd() {
    assertThat(ServiceManagers.choose(settings(), new Host(true, false, false, false))).isEqualTo(Kind.LAUNCHD);
  }

  @Test
  void linuxBootedBySystemdWithAUserManagerGetsSystemd() {
    assertThat(ServiceManagers.choose(settings(), new Host(false, true, true, true))).isEqualTo(Kind.SYSTEMD);
  }

  @Test
  void linuxWithoutSystemdAsPid1GetsTheBuiltInSupervisorWithoutAskingSystemctl() {
    Host container = new Host(false, true, false, true);

    assertThat(ServiceManagers.choose(settings(), container)).isEqualTo(Kind.BUILTIN);
    assertThat(container.asked).doesNotContain("userManagerAnswers");
  }

  @Test
  void linuxWhoseUserManagerDoesNotAnswerGetsTheBuiltInSupervisor() {
    assertThat(ServiceManagers.choose(settings(), new Host(false, true, true, false))).isEqualTo(Kind.BUILTIN);
  }

  @Test
  void anotherSystemGetsTheBuiltInSupervisor() {
    assertThat(ServiceManagers.choose(settings(), new Host(false, false, true, true))).isEqualTo(Kind.BUILTIN);
  }

  @Test
  void theSettingOverridesTheHostWhateverItsCase() {
    Host mac = new Host(true, false, false, false);

    assertThat(ServiceManagers.choose(settings("systemd"), mac)).isEqualTo(Kind.SYSTEMD);
    assertThat(ServiceManagers.choose(settings(" None "), mac)).isEqualTo(Kind.NONE);
    assertThat(ServiceManagers.choose(settings("BUILTIN"), mac)).isEqualTo(Kind.BUILTIN);
    assertThat(ServiceManagers.choose(settings("launchd"), new Host(false, true, true, true)))
        .isEqualTo(Kind.LAUNCHD);
    assertThat(mac.asked).isEmpty();
  }

  @Test
  void anUnknownSettingIsOneLineNamingTheAllowedValues() {
    assertThatThrownBy(() -> ServiceManagers.choose(settings("upstart"), new Host(true, false, false, false)))
        .isInstanceOf(IapException.class)
        .hasMessage("IAPEER_SERVICE_MANAGER=\"upstart\" is not a service manager — use launchd, systemd, builtin or"
            + " none (or unset it)");
  }

  @Test
  void eachKindIsBuiltAsItsManager() {
    Layout layout = Layout.from(Specs.env(tmp));
    ScriptedRunner none = new ScriptedRunner();

    assertThat(ServiceManagers.create(Kind.LAUNCHD, layout, settings(), none)).isInstanceOf(LaunchdManager.class);
    assertThat(ServiceManagers.create(Kind.SYSTEMD, layout, settings(), none)).isInstanceOf(SystemdManager.class);
    assertThat(ServiceManagers.create(Kind.NONE, layout, settings(), none)).isInstanceOf(NoneManager.class);
    assertThat(ServiceManagers.create(Kind.BUILTIN, layout, settings(), none)).isInstanceOf(BuiltinManager.class);
    assertThat(none.calls()).isEmpty();
  }

  @Test
  void theSettingSelectsOnTheRealHostToo() {
    Env env = Specs.env(tmp).with("IAPEER_SERVICE_MANAGER", "none");

    assertThat(ServiceManagers.select(Layout.from(env), new Settings(env), new ScriptedRunner()).name())
        .isEqualTo("none");
  }

  @Test
  void theSandboxFlagComesFromTheGivenOrTheProcessEnvironment() {
    Env on = Env.of("IAPEER_TEST_SANDBOX", "1");
    Env off = Env.of();

    assertThat(SandboxFlag.on(on, off)).isTrue();
    assertThat(SandboxFlag.on(off, on)).isTrue();
    assertThat(SandboxFlag.on(off, off)).isFalse();
    assertThat(SandboxFlag.on(Env.of("IAPEER_TEST_SANDBOX", "0"), off)).isFalse();
  }

  private static Settings settings() {
    return new Settings(Env.of());
  }

  private static Settings settings(String manager) {
    return new Settings(Env.of("IAPEER_SERVICE_MANAGER", manager));
  }
}
